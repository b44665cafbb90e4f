// REST create+push rate with a fleet already deployed (issue 15, "fleet scale"): for N in 100,
// 1,000 and 10,000 demi-wicm flows already pushed to a lab ODL VTN controller (a child process,
// as a real controller runs apart), 8 concurrent clients (another child, as orchestrators run
// apart) POST new flows (create + plan + push) over real HTTP to the REST router `wicm serve` mounts;
// 100 requests warm up first, unmeasured. The fleet is seeded in bulk, but real:
// one import (planned) through the engine's contract; the controller requests the VTN driver
// makes for those plans run on the lab controller through its batch endpoint (the same RPC
// handlers, without 100,000 round trips); then one push transaction through the contract finds
// them in place, journals them as the project's and marks the services pushed.
// Prints {"metric":"rest_create_push_rps","existing":N,"value":…,"p99_ms":…} per N.
// Targets: ≥ 300 requests/s at 10,000, and at 10,000 at least half the rate at 100.
// Where the time goes, per N: `rest_create_push_cpu_ms`, the CPU time per request of wicm, of
// the controller and of the clients, and the controller calls per request; and
// `rest_controller_ceiling_rps`, the rate the controller alone could serve with a core to itself
// and wicm costing nothing (1,000 ms over its CPU time per request).
//   WICM_SCALE_SIZES=100,1000   limit the fleet sizes (default 100,1000,10000)
//   WICM_SCALE_PROFILE=DIR      write a CPU profile of each measured phase (not the seeding) to DIR
import { spawn, type ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Envelope } from '../core/contract/errors';
import { startEngineHost } from '../electron/host/engine-host';
import { startHttpTransport } from '../electron/host/http';
import { LAB_DEFAULT_CREDENTIALS, startLabController } from '../electron/host/lab';
import { accessPolicy, createRestApi, type PushConfig } from '../electron/host/rest';
import type { ControllerTargetDto } from '../core/contract/api';
import { createDriver } from '../core/drivers';
import { createNodeHttpClient } from '../electron/host/platform/http-client';
import { uniqueDesired } from '../core/drivers/transaction';
import { readPlans } from '../core/service/planning';
import type { ProjectDb } from '../core/store/project-db';

const CLIENTS = Number(process.env.WICM_SCALE_CLIENTS ?? 8);
const MEASURED = Number(process.env.WICM_SCALE_REQUESTS ?? 400);
/** Requests sent, and not measured, before the measured ones: the first size would otherwise pay for warming up the JIT. */
const WARMUP = 100;
const sizes = (process.env.WICM_SCALE_SIZES ?? '100,1000,10000').split(',').map(Number);
/** `node --cpu-prof … bench/rest-scale.bench.ts` profiles the lab controller too. */
const profiling = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));
const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, d?: unknown) => process.stderr.write(`${m} ${String(d ?? '')}\n`) };

/** What a child reports when asked (a line on its stdin): its CPU time and the HTTP requests it served. */
interface Usage {
  readonly cpuMs: number;
  readonly served: number;
}

if (process.argv[2] === '--lab-child') {
  await serveChild(await startLabController({ kind: 'odl-vtn', bodyLimit: 64 * 1024 * 1024 }));
} else if (process.argv[2] === '--bare-child') {
  await serveChild(await startBareServer());
} else if (process.argv[2] === '--clients') {
  await clients(process.argv[3] ?? '', process.argv[4] ?? '', Number(process.argv[5]));
} else {
  await main();
}

/** A server child: prints its URL, answers each line on its stdin with its {@link Usage}, stops on SIGTERM. */
async function serveChild(server: { readonly url: string; close(): Promise<void> }): Promise<void> {
  let served = 0;
  subscribe('http.server.request.start', () => (served += 1));
  createInterface({ input: process.stdin }).on('line', () => process.stdout.write(`${JSON.stringify({ cpuMs: cpuMs(), served } satisfies Usage)}\n`));
  process.stdout.write(`${server.url}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

/** The least a controller can do: a Node HTTP server that reads each request and answers `{}`. */
async function startBareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * What one loopback HTTP call costs on this machine at the least: the CPU time per call of the
 * drivers' HTTP client and of a bare server, over 20,000 VTN-sized POSTs from 8 callers.
 */
async function bareCallCost(): Promise<{ clientUs: number; serverUs: number }> {
  const bare = startChild('--bare-child');
  const http = createNodeHttpClient();
  try {
    const url = `${await bare.next()}/restconf/operations/vtn-flow-filter:set-flow-filter`;
    const body = JSON.stringify({ input: { 'tenant-name': 'vtn1', 'bridge-name': 'vbr2', 'interface-name': 'if_patras', 'vtn-flow-filter': [{ index: 10, condition: 'wicm_1_fwd', 'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': 'if_athens' }, output: true } }] } });
    const calls = 20_000;
    const send = async (n: number): Promise<void> => {
      let left = n;
      const caller = async (): Promise<void> => {
        while (left-- > 0) await http.request('POST', url, { body, headers: { 'content-type': 'application/json' }, auth: LAB_DEFAULT_CREDENTIALS['odl-vtn'] });
      };
      await Promise.all(Array.from({ length: 8 }, caller));
    };
    await send(2_000);
    const server = JSON.parse(await bare.next('usage')) as Usage;
    const client = cpuMs();
    await send(calls);
    const clientUs = ((cpuMs() - client) * 1000) / calls;
    const serverUs = (((JSON.parse(await bare.next('usage')) as Usage).cpuMs - server.cpuMs) * 1000) / calls;
    return { clientUs: Math.round(clientUs), serverUs: Math.round(serverUs) };
  } finally {
    http.close();
    bare.process.kill('SIGTERM');
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function flow(id: string): Record<string, unknown> {
  return { instance_id: id, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] };
}

/** A child process of this bench, and its next stdout line on demand (written to its stdin when `ask` is given). */
interface Child {
  readonly process: ChildProcess;
  next(ask?: string): Promise<string>;
}

function startChild(role: string, ...args: string[]): Child {
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', fileURLToPath(import.meta.url), role, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => (waiting.shift() ?? ((l: string) => lines.push(l)))(line));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`bench child ${role} exited with ${code}`))));
  exited.catch(() => undefined);
  return {
    process: child,
    next: (ask) => {
      if (ask !== undefined) child.stdin?.write(`${ask}\n`);
      const ready = lines.shift();
      return ready !== undefined ? Promise.resolve(ready) : Promise.race([new Promise<string>((resolve) => waiting.push(resolve)), exited]);
    },
  };
}

/** What the clients child reports: every request's latency, the failures, and the seconds from the first request to the last answer. */
interface ClientsResult {
  readonly latencies: number[];
  readonly failures: string[];
  readonly seconds: number;
  /** The clients' own CPU time over that span. */
  readonly cpuMs: number;
}

/** The clients child: says it is ready, waits for a line, POSTs `count` new flows from CLIENTS clients, and prints what it saw. */
async function clients(base: string, prefix: string, count: number): Promise<void> {
  const input = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => input.once('line', () => resolve()));
  process.stdout.write('ready\n');
  await go;
  input.close();
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < count) {
      const id = `${prefix}${next++}`;
      const t = performance.now();
      try {
        const res = await fetch(`${base}/api/v1/flows`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(flow(id)) });
        const text = await res.text();
        if (res.status >= 300) failures.push(`${id}: ${res.status} ${text.slice(0, 200)}`);
      } catch (e) {
        failures.push(`${id}: ${String(e)} ${String((e as { cause?: unknown }).cause)}`);
      }
      latencies.push(performance.now() - t);
    }
  };
  const start = performance.now();
  const cpuStart = cpuMs();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const result: ClientsResult = { latencies, failures, seconds: (performance.now() - start) / 1000, cpuMs: cpuMs() - cpuStart };
  // Exits at once: fetch's idle keep-alive connections would hold the process for seconds.
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

/** Starts a CPU profile of this process when WICM_SCALE_PROFILE names a folder; the result stops and writes it. */
async function startProfile(existing: number): Promise<() => Promise<void>> {
  const dir = process.env.WICM_SCALE_PROFILE;
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    const file = join(dir, `rest-scale-${existing}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    process.stderr.write(`rest-scale: CPU profile of the measured phase in ${file}\n`);
  };
}

async function call<T>(dispatch: (m: string, r: unknown) => Promise<Envelope>, method: string, req: unknown): Promise<T> {
  const envelope = await dispatch(method, req);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function run(existing: number, bare: { clientUs: number; serverUs: number }): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-scale-'));
  const lab = startChild('--lab-child');
  try {
    const url = await lab.next();
    // Durable, as `wicm serve` runs: every accepted change is in the change log before its answer.
    const host = await startEngineHost({ mode: 'cli', logger: quiet, dataDir: dir, template: 'sample', durable: true });
    await call(host.dispatch, 'project.saveAs', { path: join(dir, 'fleet.wicm') });
    const target = { kind: 'odl-vtn' as const, url, ...LAB_DEFAULT_CREDENTIALS['odl-vtn'], timeoutMs: 60_000 };
    // The fleet: one import, one push transaction.
    const seedStart = performance.now();
    const flows = Array.from({ length: existing }, (_, i) => flow(`seed${i}`));
    const commit = await call<{ created: string[] }>(host.dispatch, 'import.commit', { text: JSON.stringify(flows), format: 'demi-flows', fileName: 'seed.json', plan: true });
    await seedController(host.engine.session.db, target);
    const report = await call<{ ok: boolean; message: string; steps: unknown[]; services: { state: string }[] }>(host.dispatch, 'push.apply', { target, provision: true });
    const pushed = report.services.filter((s) => s.state === 'pushed').length;
    if (!report.ok || commit.created.length !== existing || pushed !== existing) throw new Error(`seeding ${existing} flows failed: ${pushed} pushed, ${report.message}`);
    process.stderr.write(`rest-scale: seeded ${existing} flows in ${Math.round(performance.now() - seedStart)} ms\n`);

    const push: PushConfig = { mode: 'controller', target, label: 'lab odl-vtn', provision: true };
    const api = createRestApi({ dispatch: host.dispatch, logger: quiet, push, access: accessPolicy('127.0.0.1', undefined) });
    const transport = await startHttpTransport({ dispatch: host.dispatch, onEvent: host.onEvent, rendererDir: null, port: 0, router: api.router });
    try {
      const post = async (prefix: string, count: number): Promise<ClientsResult> => {
        const orchestrators = startChild('--clients', transport.url.replace(/\/$/, ''), prefix, String(count));
        await orchestrators.next();
        return JSON.parse(await orchestrators.next('go')) as ClientsResult;
      };
      const warm = await post(`warm${existing}x`, WARMUP);
      if (warm.failures.length > 0) throw new Error(`warming up failed: ${warm.failures[0]}`);
      const profile = await startProfile(existing);
      const labBefore = JSON.parse(await lab.next('usage')) as Usage;
      const wicmBefore = cpuMs();
      const result = await post(`new${existing}x`, MEASURED);
      const wicm = cpuMs() - wicmBefore;
      const labAfter = JSON.parse(await lab.next('usage')) as Usage;
      await profile();
      const latencies = [...result.latencies].sort((a, b) => a - b);
      const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0;
      const per = (ms: number): number => Math.round((ms / MEASURED) * 100) / 100;
      const controllerMs = per(labAfter.cpuMs - labBefore.cpuMs);
      const calls = (labAfter.served - labBefore.served) / MEASURED;
      const lines = [
        { metric: 'rest_create_push_rps', existing, value: Math.round((MEASURED / result.seconds) * 10) / 10, p99_ms: Math.round(p99), unit: 'requests/s', clients: CLIENTS, requests: MEASURED, failed: result.failures.length },
        { metric: 'rest_create_push_cpu_ms', existing, wicm: per(wicm), controller: controllerMs, clients: per(result.cpuMs), controller_calls: Math.round(calls * 10) / 10, unit: 'ms of CPU per request' },
        { metric: 'rest_controller_ceiling_rps', existing, value: Math.round(1000 / controllerMs), unit: 'requests/s with a core to the controller alone' },
        // The machine's cores spent on nothing but the controller calls, each as cheap as a bare server's.
        { metric: 'rest_http_floor_rps', existing, value: Math.round((availableParallelism() * 1e6) / (calls * (bare.clientUs + bare.serverUs))), cores: availableParallelism(), unit: 'requests/s if wicm and the controller did nothing but HTTP' },
      ];
      for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
      if (result.failures.length > 0) {
        process.stderr.write(`rest-scale: ${result.failures.length} failed requests, e.g. ${result.failures[0]}\n`);
        process.exitCode = 1;
      }
    } finally {
      await transport.close();
      // A clean stop, as `wicm serve` does: the change log is folded into the file and closed.
      await host.engine.shutdown();
    }
  } finally {
    lab.process.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Sends the controller requests the VTN driver makes to create every planned service's objects
 * (and the shared ones) to the lab controller's batch endpoint, in the driver's step order.
 */
async function seedController(db: ProjectDb, target: ControllerTargetDto & { user: string; password: string }): Promise<void> {
  const driver = createDriver(target);
  const topology = db.topology.read();
  const services = new Map(db.services.read().map((s) => [s.id, s]));
  const desired = uniqueDesired(readPlans(db).flatMap((plan) => driver.desired({ topology, services: [services.get(plan.serviceId)!], plans: [plan], provision: true })));
  const steps = driver.diff(desired, [], new Map(), 'all');
  const auth = `Basic ${Buffer.from(`${target.user}:${target.password}`).toString('base64')}`;
  for (let i = 0; i < steps.length; i += 20_000) {
    const requests = steps.slice(i, i + 20_000).map((s) => ({ method: s.request.method, path: s.request.path, ...(s.request.body === undefined ? {} : { body: JSON.stringify(s.request.body) }) }));
    const res = await fetch(`${target.url.replace(/\/$/, '')}/__lab/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ requests }) });
    const answer = (await res.json()) as { done: number; failed?: unknown };
    if (res.status !== 200 || answer.failed !== undefined) throw new Error(`seeding the lab controller failed: ${res.status} ${JSON.stringify(answer).slice(0, 400)}`);
  }
}

async function main(): Promise<void> {
  const bare = await bareCallCost();
  process.stdout.write(`${JSON.stringify({ metric: 'loopback_http_call_cpu_us', client: bare.clientUs, server: bare.serverUs, unit: 'µs of CPU per call, drivers\' client and a bare Node server' })}\n`);
  for (const n of sizes) await run(n, bare);
}
