import type { ControllerKindDto, ControllerTargetDto, PushReportDto } from '../../../core/contract/api';
import { EngineCallError, RestError } from './errors';
import type { EngineClient } from './engine-client';
import type { Lease } from './queue';

/** Which controller driver pushes the plans. */
export type ControllerKind = ControllerKindDto;

/** The controller the REST API pushes to (the `target` of the contract's `push.*` calls). */
export type ControllerTarget = ControllerTargetDto;

/** The report of the contract's `push.apply` / `push.teardown`. */
export type PushReport = PushReportDto;

/**
 * Where requests that install or remove redirections go: a controller (with `provision`, VTN
 * only: also create the tenant, vBridges, vInterfaces and port maps), nowhere on purpose
 * (`plan-only`: services stay planned for review and a push from the UI), or nowhere because
 * nothing was configured (`none`: such requests answer 503 saying what to configure).
 */
export type PushConfig =
  | { readonly mode: 'controller'; readonly target: ControllerTarget; readonly label: string; readonly provision?: boolean }
  | { readonly mode: 'plan-only' }
  | { readonly mode: 'none' };

/** A push that ran, with its wall time seen from the REST API. */
export interface PushOutcome {
  readonly report: PushReport;
  readonly ms: number;
}

/** How the REST API pushes; one instance per server. */
export interface PushStep {
  readonly config: PushConfig;
  /**
   * Whether a request that installs redirections pushes them: true with a controller, false in
   * plan-only mode; without configuration it throws the 503 that says what to configure.
   */
  willPush(what: string): boolean;
  /** Throws the 503 that says what to configure unless a controller is configured. */
  requireController(what: string): void;
  /** Pushes the services; the controller requests run outside the model lock `lease` holds. */
  apply(serviceIds: readonly string[], lease: Lease): Promise<PushOutcome>;
  teardown(serviceIds: readonly string[], lease: Lease): Promise<PushOutcome>;
}

/**
 * How many controller objects a push wrote or removed: a batch step (ONOS `POST /flows`) counts
 * its members, so the count means the same whether flows went one per request or in batches.
 */
export function objectsWritten(report: PushReport): number {
  return report.steps.reduce((n, step) => n + (step.objects ?? 1), 0);
}

/** What to configure, for the 503 answers. */
export const CONFIGURE_CONTROLLER =
  'Start the server with --controller <url> --driver odl-vtn|onos [--controller-user <user>] (password in WICM_CONTROLLER_PASSWORD), or --lab-controller odl-vtn|onos for the built-in lab controller, or --plan-only to only plan.';

/**
 * The push step over the engine's contract (`push.apply` / `push.teardown`). A refused push
 * comes back as a report with `ok: false` (the caller answers 502 and undoes its model
 * changes); an unreachable controller is a 502 DRIVER_UNAVAILABLE.
 *
 * The controller writes run outside the request's model lock (it keeps its service locks):
 * unrelated requests change the model meanwhile, and wait on the controller only through its
 * concurrency limit.
 */
export function createPushStep(engine: EngineClient, config: PushConfig): PushStep {
  const run = async (method: 'push.apply' | 'push.teardown', serviceIds: readonly string[], lease: Lease): Promise<PushOutcome> => {
    if (config.mode !== 'controller') throw notConfigured(method === 'push.apply' ? 'Pushing' : 'Removing pushed redirections');
    const started = performance.now();
    try {
      const req = { target: config.target, serviceIds, ...(config.provision ? { provision: true } : {}) };
      const report = await lease.outside(() => engine.call(method, req));
      return { report, ms: Math.round((performance.now() - started) * 10) / 10 };
    } catch (e) {
      if (e instanceof EngineCallError && e.error.code === 'DRIVER_UNAVAILABLE') {
        throw new RestError(502, 'DRIVER_UNAVAILABLE', `The controller (${config.label}) did not answer: ${e.error.message}`);
      }
      throw e;
    }
  };
  return {
    config,
    willPush(what) {
      if (config.mode === 'none') throw notConfigured(what);
      return config.mode === 'controller';
    },
    requireController(what) {
      if (config.mode !== 'controller') throw notConfigured(what);
    },
    apply: (ids, lease) => run('push.apply', ids, lease),
    teardown: (ids, lease) => run('push.teardown', ids, lease),
  };
}

function notConfigured(what: string): RestError {
  return new RestError(503, 'CONTROLLER_NOT_CONFIGURED', `${what} needs an SDN controller and none is configured. ${CONFIGURE_CONTROLLER}`);
}

/** A failed push for error bodies: what the controller said, which step failed, what was undone. */
export function failureSummary(report: PushReport): Record<string, unknown> {
  return {
    push: {
      ok: report.ok,
      message: report.message,
      failedStep: report.failedStep,
      undone: report.undone,
      verified: report.verified,
      timings: report.timings,
    },
  };
}
