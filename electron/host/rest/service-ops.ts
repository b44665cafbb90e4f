import type { ImportCommitDto, TopologySnapshotDto } from '../../../core/contract/api';
import type { PlanDto, ServiceDto } from '../../../core/contract/dto';
import { planErrors } from '../../../core/plan';
import type { RestContext } from './context';
import { EngineCallError, RestError } from './errors';
import { failureSummary, type PushOutcome, type PushReport } from './push-step';

/**
 * The steps the three APIs share, each through the engine's contract. Callers run them inside
 * `ctx.queue` so one request's import → plan → push (or teardown → remove) is never
 * interleaved with another request's model changes.
 */

/** Services pushed by a request, and how long each phase took. */
export interface PushResult {
  readonly pushed: boolean;
  readonly report: PushReport | null;
  readonly pushMs: number;
}

/** Whether a service has redirections installed on a controller. */
export function isInstalled(service: ServiceDto): boolean {
  return service.state === 'pushed' || service.state === 'drifted';
}

/** The model as the UI sees it. */
export function snapshot(ctx: RestContext): Promise<TopologySnapshotDto> {
  return ctx.engine.call('topology.get', {});
}

/** Imports a document with a forced format; import errors become 400s pointing into the body. */
export async function commitImport(ctx: RestContext, text: string, format: string, fileName: string, plan: boolean): Promise<ImportCommitDto> {
  return ctx.engine.call('import.commit', { text, format, fileName, plan });
}

/**
 * Refuses plans with errors: the services this request created are removed again (the
 * orchestrator was told it failed, so a retry must not meet a half-made service) and the
 * request answers 422 with the planner's findings.
 */
export async function requirePlanned(ctx: RestContext, plans: readonly PlanDto[], created: readonly string[], code = 'PLAN_FAILED'): Promise<void> {
  const errors = plans.flatMap(planErrors);
  if (errors.length === 0) return;
  await removeQuietly(ctx, created);
  const first = errors[0]!;
  throw new RestError(
    422,
    code,
    `The request cannot be realised on this WAN: ${first.message}${first.hint ? ` (${first.hint})` : ''}.`,
    undefined,
    { diagnostics: errors },
  );
}

/**
 * Pushes services when the server has a controller; on a refused or failed push the services
 * this request created are removed (the controller's journal already undid its part) and the
 * request answers 502 with the failed step.
 */
export async function pushOrUndo(ctx: RestContext, ids: readonly string[], created: readonly string[], what: string): Promise<PushResult> {
  if (!ctx.push.willPush(what)) return { pushed: false, report: null, pushMs: 0 };
  let outcome: PushOutcome;
  try {
    outcome = await ctx.push.apply(ids);
  } catch (e) {
    await removeQuietly(ctx, created);
    throw e;
  }
  if (!outcome.report.ok) {
    ctx.logger.warn(`REST push of ${ids.join(', ')} refused: ${outcome.report.message}`);
    await removeQuietly(ctx, created);
    throw new RestError(502, 'PUSH_FAILED', `The controller refused the redirections of ${ids.join(', ')}: ${outcome.report.message} ${undoneText(outcome.report)}`, undefined, failureSummary(outcome.report));
  }
  await markState(ctx, ids, 'pushed');
  return { pushed: true, report: outcome.report, pushMs: outcome.ms };
}

/**
 * Removes services: those with redirections on a controller are torn down first (503 without a
 * controller, 502 and nothing removed when the controller refuses), then deleted from the model.
 */
export async function retire(ctx: RestContext, services: readonly ServiceDto[], what: string): Promise<PushResult> {
  const installed = services.filter(isInstalled).map((s) => s.id);
  let result: PushResult = { pushed: false, report: null, pushMs: 0 };
  if (installed.length > 0) {
    ctx.push.requireController(what);
    const outcome = await ctx.push.teardown(installed);
    if (!outcome.report.ok) {
      ctx.logger.warn(`REST teardown of ${installed.join(', ')} refused: ${outcome.report.message}`);
      throw new RestError(502, 'PUSH_FAILED', `The controller refused to remove the redirections of ${installed.join(', ')}: ${outcome.report.message} The services were kept.`, undefined, failureSummary(outcome.report));
    }
    result = { pushed: true, report: outcome.report, pushMs: outcome.ms };
  }
  await removeQuietly(ctx, services.map((s) => s.id));
  return result;
}

function undoneText(report: PushReport): string {
  const undone = `${report.undone} applied step(s) were undone`;
  return report.verified ? `${undone}; the controller is back as it was.` : `${undone}, but the read-back could not confirm the controller is back as it was.`;
}

/** Deletes services, ignoring those already gone. */
export async function removeQuietly(ctx: RestContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    try {
      await ctx.engine.call('services.remove', { id });
    } catch (e) {
      if (!(e instanceof EngineCallError && e.error.code === 'NOT_FOUND')) throw e;
    }
  }
}

/** Sets the lifecycle state of services whose state differs. */
export async function markState(ctx: RestContext, ids: readonly string[], state: ServiceDto['state']): Promise<void> {
  const services = (await snapshot(ctx)).services;
  for (const id of ids) {
    const service = services.find((s) => s.id === id);
    if (service && service.state !== state) await ctx.engine.call('services.setState', { id, state });
  }
}

/** Milliseconds since `start` (performance.now()), rounded to 0.1 ms. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
