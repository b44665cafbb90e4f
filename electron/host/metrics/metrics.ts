/**
 * `GET /metrics` in the Prometheus text format (prom-client): REST requests by route and status,
 * push transactions, steps and durations (observed on the one dispatch every transport uses),
 * and bytes / packets per service, hop and direction read from Open vSwitch counters at scrape
 * time (the OVS driver's targets; for the lab VTN / ONOS, the live lab's tables they compile to),
 * or from the controller itself (ONOS flow entries' packets / bytes); for Katana slices also the gauge Katana's WIM exporter and Grafana panel read:
 * `slice_<id with - as _>_flows{slice_id,flow_id}` in bytes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ControllerTargetDto, PushReportDto } from '../../../core/contract/api';
import { journalTarget } from '../../../core/drivers';
import type { OpenFlowSwitches } from '../../../core/drivers/ovs/switches';
import type { Dispatch } from '../dispatch';
import type { MountedRouter } from '../http';
import { ovsOfctlSwitches } from '../platform/ovs-ofctl';
import { checkAccess, type AccessPolicy } from '../rest/access';
import type { Route } from '../rest/route';
import { onosTrafficSamples, type ControllerGet } from './controller-traffic';
import { labTrafficSamples } from './lab-traffic';
import { trafficSamples, type TrafficSample } from './traffic';
import { sliceMetricName } from '../rest/katana-slices';

export { sliceMetricName };

export interface Metrics {
  readonly registry: Registry;
  /** The dispatch with push outcomes observed (give it to every transport and the REST API). */
  observeDispatch(dispatch: Dispatch): Dispatch;
  /** The REST router with each answer counted by route template and status. */
  observeRouter(router: MountedRouter, routes: readonly Route[]): MountedRouter;
  /** Serves `GET /metrics`; mount it before the REST router. */
  readonly router: MountedRouter;
  /** The exposition text (what `/metrics` answers). */
  scrape(): Promise<string>;
  /** Reads this controller's counters too (the `--controller` / `--lab-controller` of `wicm serve`). */
  watchController(target: ControllerTargetDto): void;
}

const PUSH_METHODS = new Set(['push.apply', 'push.teardown', 'push.diff']);

function templateMatcher(routes: readonly Route[]): (method: string, pathname: string) => string {
  const compiled = routes.map((r) => ({ route: `${r.method} ${r.path}`, method: r.method, re: new RegExp(`^${r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}|:[A-Za-z_]+/g, '[^/]+')}/?$`) }));
  return (method, pathname) => compiled.find((c) => c.method === method && c.re.test(pathname))?.route ?? compiled.find((c) => c.re.test(pathname))?.route.replace(/^\S+/, method) ?? 'unmatched';
}

/** The metrics of one server; `switches` reads Open vSwitch counters (ovs-ofctl by default). */
export interface MetricsOptions {
  readonly dispatch: Dispatch;
  readonly access: AccessPolicy;
  readonly switches?: OpenFlowSwitches;
  /** Open vSwitch targets whose counters are read from the start (pushes add theirs). */
  readonly ovsTargets?: readonly string[];
  /**
   * The data folder whose live lab (`wicm lab up`) the lab VTN / ONOS compile to: while a lab is
   * up there, the counters of the flows they installed are the services' counters too.
   */
  readonly labDataDir?: string;
  /**
   * Controllers (with credentials) whose own flow counters are read at scrape time: ONOS
   * (`packets`/`bytes` of the project's application's flows). Pushes with a spelled-out ONOS
   * target add theirs; `watchController` adds the server's own.
   */
  readonly controllers?: readonly ControllerTargetDto[];
  /** Reads a controller (default: fetch with HTTP Basic credentials); tests inject one. */
  readonly controllerGet?: ControllerGet;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const switches = options.switches ?? ovsOfctlSwitches();
  /** Open vSwitch targets pushed to by this server (their counters are read at scrape time). */
  const ovsTargets = new Set<string>(options.ovsTargets ?? []);
  /** Controllers whose own counters are read, by their journal name (kind, URL, scope). */
  const controllers = new Map<string, ControllerTargetDto>();
  const watchController = (target: ControllerTargetDto): void => {
    if (target.kind === 'onos') controllers.set(`${journalTarget(target)} ${target.user}`, target);
  };
  for (const t of options.controllers ?? []) watchController(t);
  const rest = new Counter({ name: 'wicm_rest_requests_total', help: 'REST API requests by route template, method and status', labelNames: ['route', 'status'], registers: [registry] });
  const transactions = new Counter({
    name: 'wicm_push_transactions_total',
    help: 'Push and teardown transactions by operation, driver and outcome (committed, rolled-back, failed, dry-run)',
    labelNames: ['operation', 'driver', 'outcome'],
    registers: [registry],
  });
  const steps = new Counter({ name: 'wicm_push_steps_total', help: 'Push steps by operation, driver, action and status', labelNames: ['operation', 'driver', 'action', 'status'], registers: [registry] });
  const durations = new Histogram({
    name: 'wicm_push_duration_seconds',
    help: 'Push and teardown durations (planning + sending) by operation and driver',
    labelNames: ['operation', 'driver'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  let samples: Promise<TrafficSample[]> | undefined;
  const read = async (): Promise<TrafficSample[]> => {
    // The controller's own counters win over the live lab's reading of the same hop.
    const fromLab = options.labDataDir === undefined ? [] : await labTrafficSamples(options.dispatch, options.labDataDir, switches);
    const fromControllers = await onosTrafficSamples(options.dispatch, controllers.values(), options.controllerGet);
    const key = (s: TrafficSample): string => `${s.serviceId} ${s.direction} ${s.hop} ${s.bridge}`;
    const counted = new Set(fromControllers.map(key));
    return [...(await trafficSamples(options.dispatch, ovsTargets, switches)), ...fromLab.filter((s) => !counted.has(key(s))), ...fromControllers];
  };
  const current = (): Promise<TrafficSample[]> => (samples ??= read());
  const labels = ['service_id', 'service', 'hop', 'direction', 'bridge'] as const;
  const sampleLabels = (s: TrafficSample) => ({ service_id: s.serviceId, service: s.service, hop: String(s.hop), direction: s.direction, bridge: s.bridge });
  new Gauge({
    name: 'wicm_service_bytes',
    help: 'Bytes matched by a service flow (Open vSwitch counters of the OVS targets, and of the live lab flows the lab VTN / ONOS compiled), by service, hop and direction',
    labelNames: labels,
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await current()) this.set(sampleLabels(s), s.bytes);
    },
  });
  new Gauge({
    name: 'wicm_service_packets',
    help: 'Packets matched by a service flow (Open vSwitch counters of the OVS targets, and of the live lab flows the lab VTN / ONOS compiled), by service, hop and direction',
    labelNames: labels,
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await current()) this.set(sampleLabels(s), s.packets);
    },
  });

  async function scrape(): Promise<string> {
    samples = undefined;
    const now = await current();
    // Katana slices: one gauge per slice, as Katana's WIM exporter names them.
    for (const name of Object.keys(registry.getMetricsAsArray().reduce<Record<string, true>>((acc, m) => ((acc[m.name] = true), acc), {}))) {
      if (/^slice_.*_flows$/.test(name)) registry.removeSingleMetric(name);
    }
    for (const s of now) {
      if (s.sliceId === null) continue;
      const name = sliceMetricName(s.sliceId);
      const gauge = (registry.getSingleMetric(name) as Gauge<'slice_id' | 'flow_id'> | undefined) ?? new Gauge({ name, help: `Bytes per flow of Katana slice ${s.sliceId}`, labelNames: ['slice_id', 'flow_id'], registers: [registry] });
      gauge.set({ slice_id: s.sliceId, flow_id: `${s.serviceId}/${s.direction}/${s.hop}` }, s.bytes);
    }
    const text = await registry.metrics();
    samples = undefined;
    return text;
  }

  const observeDispatch = (dispatch: Dispatch): Dispatch => async (method, req) => {
    const reply = await dispatch(method, req);
    if (!PUSH_METHODS.has(method) || !reply.ok) return reply;
    const asked = (req as { target?: unknown } | null)?.target;
    // A spelled-out ONOS target (not a profile reference, whose password stays in the engine).
    if (!(reply.value as PushReportDto).dryRun && isOnosTarget(asked)) watchController(asked);
    const report = reply.value as PushReportDto;
    const driver = report.target.kind;
    if (driver === 'ovs' && !report.dryRun) ovsTargets.add(report.target.url);
    const outcome = report.dryRun ? 'dry-run' : report.ok ? 'committed' : report.verified ? 'rolled-back' : 'failed';
    transactions.inc({ operation: report.operation, driver, outcome });
    for (const step of report.steps) steps.inc({ operation: report.operation, driver, action: step.action, status: step.status });
    durations.observe({ operation: report.operation, driver }, (report.timings.planMs + report.timings.pushMs) / 1000);
    return reply;
  };

  const observeRouter = (router: MountedRouter, routes: readonly Route[]): MountedRouter => {
    const routeOf = templateMatcher(routes);
    return {
      claims: (pathname) => router.claims(pathname),
      async handle(req, res, url, server) {
        try {
          await router.handle(req, res, url, server);
        } finally {
          rest.inc({ route: routeOf(req.method ?? 'GET', url.pathname), status: String(res.statusCode) });
        }
      },
    };
  };

  const router: MountedRouter = {
    claims: (pathname) => pathname === '/metrics',
    async handle(req: IncomingMessage, res: ServerResponse, url, server) {
      // The same access rules as the REST API (bearer token, Host check on a loopback bind).
      const denied = checkAccess(options.access, req, url, server);
      if (denied !== null) {
        res.writeHead(denied.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${denied.message}\n`);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Use GET /metrics.\n');
        return;
      }
      try {
        const text = await scrape();
        res.writeHead(200, { 'content-type': registry.contentType }).end(req.method === 'HEAD' ? undefined : text);
      } catch (e) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`The metrics could not be read: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    },
  };
  return { registry, observeDispatch, observeRouter, router, scrape, watchController };
}

function isOnosTarget(value: unknown): value is ControllerTargetDto {
  const t = value as Partial<ControllerTargetDto> | null | undefined;
  return typeof t === 'object' && t !== null && t.kind === 'onos' && typeof t.url === 'string' && typeof t.user === 'string' && typeof t.password === 'string';
}

/** Two routers as one: each request goes to the first that claims its path. */
export function mountRouters(first: MountedRouter, second: MountedRouter): MountedRouter {
  return {
    claims: (pathname) => first.claims(pathname) || second.claims(pathname),
    handle: (req, res, url, server) => (first.claims(url.pathname) ? first : second).handle(req, res, url, server),
  };
}
