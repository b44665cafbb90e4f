// REST create+push rate with a fleet already deployed (issue 15, "fleet scale"): for N in 100,
// 1,000 and 10,000 demi-wicm flows already pushed to a lab ODL VTN controller (a child process,
// as a real controller runs apart), 8 concurrent clients POST new flows (create + plan + push)
// over real HTTP to the REST router `wicm serve` mounts. The fleet is seeded in bulk, but real:
// one import (planned) through the engine's contract; the controller requests the VTN driver
// makes for those plans run on the lab controller through its batch endpoint (the same RPC
// handlers, without 100,000 round trips); then one push transaction through the contract finds
// them in place, journals them as the project's and marks the services pushed.
// Prints {"metric":"rest_create_push_rps","existing":N,"value":…,"p99_ms":…} per N.
// Targets: ≥ 300 requests/s at 10,000, and at 10,000 at least half the rate at 100.
//   WICM_SCALE_SIZES=100,1000   limit the fleet sizes (default 100,1000,10000)
//   WICM_SCALE_PROFILE=DIR      write a CPU profile of each measured phase (not the seeding) to DIR
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
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
import { uniqueDesired } from '../core/drivers/transaction';
import { readPlans } from '../core/service/planning';
import type { ProjectDb } from '../core/store/project-db';

const CLIENTS = Number(process.env.WICM_SCALE_CLIENTS ?? 8);
const MEASURED = Number(process.env.WICM_SCALE_REQUESTS ?? 400);
const sizes = (process.env.WICM_SCALE_SIZES ?? '100,1000,10000').split(',').map(Number);
/** `node --cpu-prof … bench/rest-scale.bench.ts` profiles the lab controller too. */
const profiling = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));
const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, d?: unknown) => process.stderr.write(`${m} ${String(d ?? '')}\n`) };

if (process.argv[2] === '--lab-child') {
  const lab = await startLabController({ kind: 'odl-vtn', bodyLimit: 64 * 1024 * 1024 });
  process.stdout.write(`${lab.url}\n`);
  process.on('SIGTERM', () => void lab.close().then(() => process.exit(0)));
} else {
  await main();
}

function flow(id: string): Record<string, unknown> {
  return { instance_id: id, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] };
}

async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', fileURLToPath(import.meta.url), '--lab-child'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`lab controller exited with ${code}`)));
  });
  return { child, url };
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

async function run(existing: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-scale-'));
  const { child, url } = await startChild();
  try {
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
    const base = transport.url.replace(/\/$/, '');
    try {
      const latencies: number[] = [];
      const failures: string[] = [];
      let next = 0;
      const client = async (): Promise<void> => {
        while (next < MEASURED) {
          const id = `new${existing}x${next++}`;
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
      const profile = await startProfile(existing);
      const start = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, client));
      const seconds = (performance.now() - start) / 1000;
      await profile();
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0;
      process.stdout.write(
        `${JSON.stringify({ metric: 'rest_create_push_rps', existing, value: Math.round((MEASURED / seconds) * 10) / 10, p99_ms: Math.round(p99), unit: 'requests/s', clients: CLIENTS, requests: MEASURED, failed: failures.length })}\n`,
      );
      if (failures.length > 0) {
        process.stderr.write(`rest-scale: ${failures.length} failed requests, e.g. ${failures[0]}\n`);
        process.exitCode = 1;
      }
    } finally {
      await transport.close();
      // A clean stop, as `wicm serve` does: the change log is folded into the file and closed.
      await host.engine.shutdown();
    }
  } finally {
    child.kill('SIGTERM');
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
  for (const n of sizes) await run(n);
}
