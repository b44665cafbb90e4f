import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ControllerTargetDto, ImportCommitDto, Method, PlanSetDto, PushReportDto, PushRequestDto } from '../../../../core/contract/api';
import { DEFAULT_ONOS_APP_ID } from '../../../../core/drivers';
import { CoreError } from '../../../../core/util/core-error';
import { startEngineHost, type EngineHost } from '../../engine-host';
import { defaultDataDir } from '../../paths';
import { createStderrLogger } from '../../platform/logger';
import { EXIT, parseOptions, type CliCommand, type CliIo } from '../command';
import { assertPlanned, loadRequest, loadTopology } from '../sources';

/** Options shared by `wicm push`, `wicm teardown` and `wicm drift`. */
export const CONTROLLER_OPTIONS = {
  project: { type: 'string' },
  service: { type: 'string', multiple: true },
  topology: { type: 'string' },
  request: { type: 'string' },
  driver: { type: 'string' },
  controller: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  tenant: { type: 'string' },
  'app-id': { type: 'string' },
  timeout: { type: 'string' },
  provision: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Usage lines of the shared options. */
export const CONTROLLER_USAGE = `  --project FILE      use the project's services and stored plans; the push journal and the
                      service states are saved back to FILE
  --service ID        only this service (repeatable; default: all planned services)
  --topology FILE     a topology (topology JSON, file.wicm or wim_info.db) with --request FILE,
                      an NSR / WICM request whose services are planned and used (nothing saved)
  --request FILE      with --project: imported into the project first, then used
  --driver KIND       odl-vtn, onos or ovs (Open vSwitch through ovs-ofctl)
  --controller URL    controller base URL, e.g. http://10.0.0.5:8181; for ovs the bridges' run
                      directory (unix:/var/run/openvswitch), one bridge (unix:DIR/br0.mgmt) or
                      tcp:HOST:PORT of a switch that listens for OpenFlow (no password)
  --user U            Basic-auth user (default: admin)
  --password P        Basic-auth password; or set WICM_CONTROLLER_PASSWORD (preferred: not in
                      the shell history or the process list)
  --tenant NAME       VTN tenant (default vtn1)
  --app-id ID         ONOS application id of the flows (default: the project's own id, made on
                      its first ONOS push; org.wicm.studio with --topology)
  --timeout MS        per-request deadline (default 10000)
  --provision         VTN: also create the tenant, vBridges, vInterfaces and port maps
  --json              print the report as JSON`;

type Values = { [K in keyof typeof CONTROLLER_OPTIONS]?: (typeof CONTROLLER_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof CONTROLLER_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };

/** An engine opened for a controller command, and what it is about. */
export interface ControllerSession {
  readonly host: EngineHost;
  readonly request: PushRequestDto;
  /** Saves the project when the command works on a project file. */
  save(): Promise<void>;
}

function targetOf(values: Values, io: CliIo, command: string): ControllerTargetDto {
  const kind = values.driver;
  if (kind !== 'odl-vtn' && kind !== 'onos' && kind !== 'ovs') throw new CoreError('INVALID_INPUT', `--driver must be odl-vtn, onos or ovs (got '${kind ?? ''}'). See 'wicm ${command} --help'.`);
  if (!values.controller) throw new CoreError('INVALID_INPUT', `--controller URL is required, e.g. --controller http://10.0.0.5:8181 (ovs: --controller unix:/var/run/openvswitch). See 'wicm ${command} --help'.`);
  // OpenFlow has no login: an Open vSwitch target needs no password.
  const password = values.password ?? io.env.WICM_CONTROLLER_PASSWORD ?? (kind === 'ovs' ? '' : undefined);
  if (password === undefined) throw new CoreError('INVALID_INPUT', 'give the controller password with --password, or in the environment variable WICM_CONTROLLER_PASSWORD.');
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 50)) throw new CoreError('INVALID_INPUT', `--timeout '${values.timeout}' must be a whole number of milliseconds, at least 50.`);
  return {
    kind,
    url: values.controller,
    user: values.user ?? (kind === 'ovs' ? '' : 'admin'),
    password,
    ...(values.tenant ? { tenant: values.tenant } : {}),
    ...(values['app-id'] ? { appId: values['app-id'] } : {}),
    ...(timeout === undefined ? {} : { timeoutMs: timeout }),
  };
}

async function call<T>(host: EngineHost, method: Method, req: unknown): Promise<T> {
  const reply = await host.dispatch(method, req);
  if (!reply.ok) throw new CoreError(reply.error.code, reply.error.message, reply.error.details);
  return reply.value as T;
}

/**
 * Opens the engine a controller command works on: the project file (importing `--request` into
 * it first), or an unsaved project built from `--topology` and `--request`.
 */
export async function openControllerSession(argv: readonly string[], io: CliIo, command: string, extra: Record<string, { type: 'boolean' }> = {}): Promise<ControllerSession & { readonly values: Values & Record<string, unknown> }> {
  const { values } = parseOptions(argv, { ...CONTROLLER_OPTIONS, ...extra }, command);
  const v = values as Values & Record<string, unknown>;
  const target = targetOf(v, io, command);
  const logger = createStderrLogger({ quiet: true });
  if (v.project) {
    if (v.topology) throw new CoreError('INVALID_INPUT', 'give either --project or --topology (with --request), not both.');
    const host = await startEngineHost({ mode: 'cli', logger, dataDir: defaultDataDir(), projectPath: v.project });
    let serviceIds = v.service;
    if (v.request) {
      const text = await readText(v.request);
      const done = await call<ImportCommitDto>(host, 'import.commit', { text, fileName: basename(v.request), plan: true });
      // A release / terminate deletes services: their controller objects go with them.
      serviceIds = [...(serviceIds ?? []), ...done.created, ...done.updated, ...done.deleted];
    }
    return {
      host,
      values: v,
      request: { target, ...(serviceIds ? { serviceIds } : {}), ...(v.provision ? { provision: true } : {}) },
      save: async () => void (await call(host, 'project.save', {})),
    };
  }
  if (!v.topology || !v.request) throw new CoreError('INVALID_INPUT', `give --project file.wicm, or --topology with --request. See 'wicm ${command} --help'.`);
  const source = await loadTopology(v.topology);
  const request = await loadRequest(v.request, source.topology, new Date());
  const host = await startEngineHost({ mode: 'cli', logger, dataDir: defaultDataDir(), template: 'empty' });
  host.engine.session.mutate('load', (db) => {
    db.topology.replace(source.topology);
    for (const service of request.services) db.services.upsert(service);
  });
  const ids = request.services.map((s) => s.id).filter((id) => !v.service || v.service.includes(id));
  const planned = await call<PlanSetDto>(host, 'plan.compute', { serviceIds: ids });
  assertPlanned(planned.plans, v.request);
  // Without a project file there is no project id to keep: use the exporter's default application.
  const stateless = target.kind === 'onos' && target.appId === undefined ? { ...target, appId: DEFAULT_ONOS_APP_ID } : target;
  return { host, values: v, request: { target: stateless, serviceIds: ids, ...(v.provision ? { provision: true } : {}) }, save: async () => undefined };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new CoreError('NOT_FOUND', `--request ${path}: no such file.`);
  }
}

/** Prints a push/teardown report (text or JSON) and returns the exit code (3 when it failed). */
export function printReport(report: PushReportDto, io: CliIo, json: boolean): number {
  if (json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const where = `${report.target.kind} ${report.target.url}${report.target.tenant ? ` (tenant ${report.target.tenant})` : ''}${report.target.appId ? ` (app ${report.target.appId})` : ''}`;
    io.out(`${report.dryRun ? 'dry run: ' : ''}${report.operation} to ${where}: ${report.message}\n`);
    for (const s of report.steps) {
      io.out(`  ${String(s.seq).padStart(4)}  ${s.action.padEnd(6)}  ${s.status.padEnd(7)}  ${s.summary}${s.error ? `\n        ${s.error}` : ''}\n`);
    }
    if (report.services.length > 0) io.out(`services: ${report.services.map((s) => `${s.id} ${s.state}`).join(', ')}\n`);
    io.out(`timings: plan ${report.timings.planMs} ms, push ${report.timings.pushMs} ms, ${report.requests} request(s)\n`);
  }
  if (report.ok) return EXIT.ok;
  io.err(`wicm ${report.operation}: ${report.message}\n`);
  return EXIT.pushFailed;
}

/** `wicm push`: one transactional push of planned services to a controller. */
export const pushCommand: CliCommand = {
  name: 'push',
  summary: 'Push planned services to an SDN controller (ODL VTN, ONOS) as one transaction',
  usage: `Usage: wicm push (--project file.wicm [--service ID]… [--request FILE] | --topology FILE --request FILE)
                 --driver odl-vtn|onos --controller URL [--user U] [--password P]
                 [--tenant vtn1] [--app-id ID] [--provision] [--timeout MS] [--dry-run] [--json]

Reads the controller, computes what differs from the plans, and applies only that, in a safe
order (conditions before filters, each chain from its last hop back). On the first failure every
applied step is undone and the controller is read back: exit 3 with the failed step and the
rollback report. Re-pushing an unchanged plan sends nothing.
${CONTROLLER_USAGE}
  --dry-run           print what would be sent; send nothing`,
  async run(argv, io) {
    const session = await openControllerSession(argv, io, 'push', { 'dry-run': { type: 'boolean' } });
    const dryRun = session.values['dry-run'] === true;
    const report = await call<PushReportDto>(session.host, dryRun ? 'push.diff' : 'push.apply', session.request);
    if (!dryRun) await session.save();
    return printReport(report, io, session.values.json === true);
  },
};
