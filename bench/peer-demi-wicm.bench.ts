// Beat the peer on its own ground (issue 15, "fleet scale"): demi-wicm itself and `wicm serve`,
// side by side, each pushing to its own fresh lab ODL VTN stand-in (same code, same layout, a child
// process as a real controller runs apart). Each contender gets 1,000 existing flows, then the
// same workload: 8 concurrent clients POST new flows to /api/v1/flows exactly as a demi-wicm
// client sends them (orchestrator-clients.md §1), create + push, in rounds that alternate between
// the two (a machine that drifts in speed weighs on both alike). Prints
//   {"metric":"peer_demi_wicm_rps","existing":1000,"value":…,"p99_ms":…}
//   {"metric":"rest_create_push_rps_vs_demi","existing":1000,"value":…,"p99_ms":…}
//   {"metric":"peer_speedup","value":ours/theirs,"target":2,…}
//   {"metric":"peer_filters_kept","contender":…,"value":filters on the VTN,"expected":…}
// "expected" = the filters one flow holds on a fresh controller × the flows sent.
// demi-wicm runs from its own checkout, unmodified (bench/peer-demi-wicm-launch.py says how it
// is configured); without it the bench prints {"metric":"peer_demi_wicm_rps","skipped":…}.
//   DEMI_WICM_DIR=/path/to/demi-wicm   the checkout (required)
//   DEMI_WICM_PYTHON=python3           the Python with Flask, Flask-RESTful, requests, SQLAlchemy
//                                      (default /usr/bin/python3, Debian's)
//   DEMI_WICM_THREADED=1               serve demi-wicm threaded, as Debian's Flask 2 does by
//                                      default (default: one request at a time, as the Flask 0.12
//                                      pinned in its requirements.txt did; here also its faster mode)
//   WICM_PEER_EXISTING=1000  WICM_PEER_REQUESTS=300  WICM_PEER_CLIENTS=8  WICM_PEER_ROUNDS=6
//                                      the measured requests go in alternating rounds (see `measure`)
//   WICM_PEER_ONLY=demi-wicm|wicm      run one contender (no speedup line)
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLabController } from '../electron/host/lab';
import { demiWicmUnavailable, startProcess, stopAll, stopAllOnSignals, stopProcess, type Started } from './peer-processes';
import { checkLayout, CONNECTIVITY, flowBody, provisionLayout, readCounts, VTN_PASSWORD, VTN_TENANT, VTN_USER, type VtnCounts } from './peer-vtn';

const EXISTING = Number(process.env.WICM_PEER_EXISTING ?? 1000);
const MEASURED = Number(process.env.WICM_PEER_REQUESTS ?? 300);
const ONLY = process.env.WICM_PEER_ONLY;
const CLIENTS = Number(process.env.WICM_PEER_CLIENTS ?? 8);
const ROUNDS = Number(process.env.WICM_PEER_ROUNDS ?? 6);
const PYTHON = process.env.DEMI_WICM_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const THREADED = process.env.DEMI_WICM_THREADED === '1';
const REQUEST_TIMEOUT_MS = 120_000;
const self = fileURLToPath(import.meta.url);
const launcher = join(self, '..', 'peer-demi-wicm-launch.py');

interface Run {
  readonly rps: number;
  readonly p99: number;
  readonly failures: readonly string[];
  readonly perFlow: VtnCounts;
  readonly after: VtnCounts;
}

async function startLab(): Promise<{ proc: Started; url: string }> {
  const proc = await startProcess('lab VTN stand-in', process.execPath, ['--import', 'tsx', self, '--lab-child'], /^lab http/);
  return { proc, url: proc.lines.at(-1)!.slice('lab '.length) };
}

/** POSTs one flow; returns an error text, or null on a 2xx. */
async function postFlow(base: string, id: string): Promise<string | null> {
  try {
    const res = await fetch(`${base}/api/v1/flows`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(flowBody(id)),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    return res.status >= 200 && res.status < 300 ? null : `${id}: ${res.status} ${text.slice(0, 200)}`;
  } catch (e) {
    return `${id}: ${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`;
  }
}

/** `clients` concurrent clients POST the flows `ids`: wall time, each latency, failures. */
async function drive(base: string, flows: readonly string[]): Promise<{ seconds: number; latencies: number[]; failures: string[] }> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < flows.length) {
      const id = flows[next++]!;
      const t = performance.now();
      const failure = await postFlow(base, id);
      latencies.push(performance.now() - t);
      if (failure !== null) failures.push(failure);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { seconds: (performance.now() - start) / 1000, latencies, failures };
}

const ids = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

/** A contender, started and seeded with its fleet: where to POST, and how to stop it. */
interface Contender {
  readonly name: string;
  readonly base: string;
  readonly labUrl: string;
  readonly perFlow: VtnCounts;
  readonly stop: () => Promise<void>;
}

/** Seeds the first flow over REST (filters per flow), then the rest with `seedRest`. */
async function seed(name: string, base: string, labUrl: string, seedRest: (ids: readonly string[]) => Promise<void>, onFirst?: (c: VtnCounts) => void): Promise<VtnCounts> {
  const first = await postFlow(base, 'seed0');
  if (first !== null) throw new Error(`${name}: the first flow failed: ${first}`);
  const perFlow = await readCounts(labUrl);
  onFirst?.(perFlow);
  const seedStart = performance.now();
  await seedRest(ids('seed', 1, EXISTING));
  process.stderr.write(`peer: ${name}: seeded ${EXISTING} flows in ${Math.round(performance.now() - seedStart)} ms (${perFlow.filters} filters per flow)\n`);
  return perFlow;
}

/** Runs `start` with a fresh lab stand-in and a work folder; both go when the contender stops (or fails to start). */
async function withLab(prefix: string, start: (labUrl: string, work: string) => Promise<{ base: string; perFlow: VtnCounts; stop: () => Promise<void> }>, name: string): Promise<Contender> {
  const lab = await startLab();
  const work = await mkdtemp(join(tmpdir(), prefix));
  const cleanUp = async (): Promise<void> => {
    await stopProcess(lab.proc.child);
    await rm(work, { recursive: true, force: true });
  };
  try {
    const started = await start(lab.url, work);
    return { name, base: started.base, labUrl: lab.url, perFlow: started.perFlow, stop: () => started.stop().finally(cleanUp) };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}

function startDemi(dir: string): Promise<Contender> {
  return withLab('wicm-peer-demi-', async (labUrl, work) => {
    await provisionLayout(labUrl);
    const config = { demi: dir, work, vtn: labUrl, user: VTN_USER, password: VTN_PASSWORD, tenant: VTN_TENANT, threaded: THREADED, connectivity: CONNECTIVITY };
    const demi = await startProcess('demi-wicm', PYTHON, [launcher, JSON.stringify(config)], /^\{"port"/);
    const base = `http://127.0.0.1:${(JSON.parse(demi.lines.at(-1)!) as { port: number }).port}`;
    try {
      const perFlow = await seed('demi-wicm', base, labUrl, async (flows) => {
        const { failures } = await drive(base, flows);
        if (failures.length > 0) throw new Error(`demi-wicm: ${failures.length} seed flows failed, e.g. ${failures[0]} (its log: ${work}/wicm.log)`);
      });
      return { base, perFlow, stop: () => stopProcess(demi.child) };
    } catch (e) {
      await stopProcess(demi.child);
      throw e;
    }
  }, 'demi-wicm');
}

async function rpc(base: string, token: string, method: string, req: unknown): Promise<unknown> {
  const res = await fetch(`${base}/rpc/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(req) });
  const envelope = (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.code} ${envelope.error?.message}`);
  return envelope.value;
}

function startOurs(): Promise<Contender> {
  return withLab('wicm-peer-ours-', async (labUrl, data) => {
    const args = ['--import', 'tsx', self, '--wicm-child', 'serve', '--no-ui', '--port', '0', '--data-dir', data, '--controller', labUrl, '--driver', 'odl-vtn', '--controller-provision', '--controller-user', VTN_USER];
    const serve = await startProcess('wicm serve', process.execPath, args, /^REST API at /, { env: { ...process.env, WICM_CONTROLLER_PASSWORD: VTN_PASSWORD } });
    try {
      const base = /at (http:\/\/\S+?)\/?$/.exec(serve.lines.find((l) => l.startsWith('WICM Studio')) ?? '')?.[1];
      const token = serve.lines.find((l) => l.startsWith('API token: '))?.slice('API token: '.length);
      if (base === undefined || token === undefined) throw new Error(`wicm serve printed no URL or token: ${serve.lines.join(' | ')}`);
      // The fleet beyond the first flow: one import and one push transaction through the engine's
      // RPC API (999 REST calls would only slow the seeding; the controller ends the same).
      const perFlow = await seed('wicm', base, labUrl, async (flows) => {
        const commit = (await rpc(base, token, 'import.commit', { text: JSON.stringify(flows.map(flowBody)), format: 'demi-flows', fileName: 'seed.json', plan: true })) as { created: string[] };
        const target = { kind: 'odl-vtn', url: labUrl, user: VTN_USER, password: VTN_PASSWORD, timeoutMs: 60_000 };
        const report = (await rpc(base, token, 'push.apply', { target, serviceIds: commit.created, provision: true })) as { ok: boolean; message: string };
        if (!report.ok || commit.created.length !== flows.length) throw new Error(`wicm: seeding ${flows.length} flows failed: ${report.message}`);
      }, checkLayout);
      return { base, perFlow, stop: () => stopProcess(serve.child) };
    } catch (e) {
      await stopProcess(serve.child);
      throw e;
    }
  }, 'wicm');
}

/**
 * Measures the contenders in alternating rounds (who goes first swaps each round), so a machine
 * that speeds up or slows down during the bench weighs on both alike; a contender's rate is its
 * requests over its own time, its p99 over all its requests.
 */
async function measure(contenders: readonly Contender[]): Promise<Run[]> {
  const totals = contenders.map(() => ({ seconds: 0, latencies: [] as number[], failures: [] as string[] }));
  for (let round = 0, sent = 0; sent < MEASURED; round += 1) {
    const count = Math.min(Math.ceil(MEASURED / ROUNDS), MEASURED - sent);
    const order = round % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const i of order) {
      const run = await drive(contenders[i]!.base, ids('new', sent, sent + count));
      const total = totals[i]!;
      total.seconds += run.seconds;
      total.latencies.push(...run.latencies);
      total.failures.push(...run.failures);
    }
    sent += count;
  }
  return Promise.all(
    contenders.map(async (c, i) => {
      const { seconds, latencies, failures } = totals[i]!;
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0;
      return { rps: Math.round((MEASURED / seconds) * 10) / 10, p99: Math.round(p99), failures, perFlow: c.perFlow, after: await readCounts(c.labUrl) };
    }),
  );
}

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function report(metric: string, contender: string, run: Run): void {
  print({ metric, existing: EXISTING, value: run.rps, p99_ms: run.p99, unit: 'requests/s', clients: CLIENTS, requests: MEASURED, failed: run.failures.length });
  if (run.failures.length > 0) process.stderr.write(`peer: ${contender}: ${run.failures.length} failed requests, e.g. ${run.failures[0]}\n`);
}

function filtersLine(contender: string, run: Run): boolean {
  const flows = EXISTING + MEASURED - run.failures.length;
  const expected = run.perFlow.filters * flows;
  print({ metric: 'peer_filters_kept', contender, value: run.after.filters, expected, per_flow: run.perFlow.filters, flows, conditions: run.after.conditions, conditions_expected: run.perFlow.conditions * flows });
  return run.after.filters === expected;
}

async function bench(): Promise<void> {
  const dir = process.env.DEMI_WICM_DIR;
  if (ONLY !== undefined && ONLY !== 'wicm' && ONLY !== 'demi-wicm') throw new Error(`WICM_PEER_ONLY must be wicm or demi-wicm, got ${ONLY}`);
  const unavailable = ONLY === 'wicm' ? null : demiWicmUnavailable(dir, PYTHON);
  if (unavailable !== null) {
    process.stderr.write(`peer: skipped: ${unavailable}\n`);
    print({ metric: 'peer_demi_wicm_rps', skipped: unavailable });
    return;
  }
  const started: Contender[] = [];
  let ours: Run | null = null;
  let theirs: Run | null = null;
  try {
    if (ONLY !== 'demi-wicm') started.push(await startOurs());
    if (ONLY !== 'wicm') started.push(await startDemi(dir!));
    const runs = await measure(started);
    ours = ONLY === 'demi-wicm' ? null : runs[0]!;
    theirs = ONLY === 'wicm' ? null : runs.at(-1)!;
  } finally {
    for (const c of started) await c.stop();
  }
  if (theirs !== null) report('peer_demi_wicm_rps', 'demi-wicm', theirs);
  if (ours !== null) report('rest_create_push_rps_vs_demi', 'wicm', ours);
  const theirsKept = theirs !== null && filtersLine('demi-wicm', theirs);
  const oursKept = ours !== null && filtersLine('wicm', ours);
  // A failed request or a lost filter on our side is a bug, not a slow run: the bench fails.
  if (ours !== null && (ours.failures.length > 0 || !oursKept)) process.exitCode = 1;
  if (ours === null || theirs === null) return;
  const speedup = theirs.rps > 0 ? Math.round((ours.rps / theirs.rps) * 100) / 100 : null;
  print({ metric: 'peer_speedup', existing: EXISTING, value: speedup, target: 2, met: speedup !== null && speedup >= 2 && oursKept && ours.failures.length === 0, every_filter_kept: { wicm: oursKept, 'demi-wicm': theirsKept }, demi_threaded: THREADED });
}

if (process.argv[2] === '--lab-child') {
  // The stand-in without a live data plane: `wicm lab-controller` would also snapshot its whole
  // state after every write for a live lab, a cost no real controller has.
  const lab = await startLabController({ kind: 'odl-vtn', bodyLimit: 64 * 1024 * 1024 });
  process.stdout.write(`lab ${lab.url}\n`);
  process.on('SIGTERM', () => void lab.close().then(() => process.exit(0)));
} else if (process.argv[2] === '--wicm-child') {
  const { main } = await import('../electron/host/cli/index');
  await main(process.argv.slice(3));
} else {
  stopAllOnSignals();
  await bench().finally(stopAll);
}
