// Beat the peer on its own ground (issue 15, "fleet scale"): demi-wicm itself and `wicm serve`,
// side by side, each pushing to its own fresh lab ODL VTN stand-in (same code, same layout, a child
// process as a real controller runs apart). Each contender gets 1,000 existing flows, then the
// same workload: 8 concurrent clients POST new flows to /api/v1/flows exactly as a demi-wicm
// client sends them (orchestrator-clients.md §1), create + push. Prints
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
//   WICM_PEER_EXISTING=1000  WICM_PEER_REQUESTS=100  WICM_PEER_CLIENTS=8
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
const MEASURED = Number(process.env.WICM_PEER_REQUESTS ?? 100);
const ONLY = process.env.WICM_PEER_ONLY;
const CLIENTS = Number(process.env.WICM_PEER_CLIENTS ?? 8);
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

/** `clients` concurrent clients POST the flows `ids`; rate, p99 and failures. */
async function drive(base: string, ids: readonly string[]): Promise<{ rps: number; p99: number; failures: string[] }> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const t = performance.now();
      const failure = await postFlow(base, id);
      latencies.push(performance.now() - t);
      if (failure !== null) failures.push(failure);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0;
  return { rps: Math.round((ids.length / seconds) * 10) / 10, p99: Math.round(p99), failures };
}

const ids = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

/** Seeds the first flow over REST (filters per flow), the rest with `seedRest`, then measures. */
async function measure(name: string, base: string, labUrl: string, seedRest: (ids: readonly string[]) => Promise<void>, onFirst?: (c: VtnCounts) => void): Promise<Run> {
  const first = await postFlow(base, 'seed0');
  if (first !== null) throw new Error(`${name}: the first flow failed: ${first}`);
  const perFlow = await readCounts(labUrl);
  onFirst?.(perFlow);
  const seedStart = performance.now();
  await seedRest(ids('seed', 1, EXISTING));
  process.stderr.write(`peer: ${name}: seeded ${EXISTING} flows in ${Math.round(performance.now() - seedStart)} ms (${perFlow.filters} filters per flow)\n`);
  const run = await drive(base, ids('new', 0, MEASURED));
  return { ...run, perFlow, after: await readCounts(labUrl) };
}

async function runDemi(dir: string): Promise<Run> {
  const lab = await startLab();
  const work = await mkdtemp(join(tmpdir(), 'wicm-peer-demi-'));
  try {
    await provisionLayout(lab.url);
    const config = { demi: dir, work, vtn: lab.url, user: VTN_USER, password: VTN_PASSWORD, tenant: VTN_TENANT, threaded: THREADED, connectivity: CONNECTIVITY };
    const demi = await startProcess('demi-wicm', PYTHON, [launcher, JSON.stringify(config)], /^\{"port"/);
    const base = `http://127.0.0.1:${(JSON.parse(demi.lines.at(-1)!) as { port: number }).port}`;
    try {
      return await measure('demi-wicm', base, lab.url, async (seed) => {
        const { failures } = await drive(base, seed);
        if (failures.length > 0) throw new Error(`demi-wicm: ${failures.length} seed flows failed, e.g. ${failures[0]} (its log: ${work}/wicm.log)`);
      });
    } finally {
      await stopProcess(demi.child);
    }
  } finally {
    await stopProcess(lab.proc.child);
    await rm(work, { recursive: true, force: true });
  }
}

async function rpc(base: string, token: string, method: string, req: unknown): Promise<unknown> {
  const res = await fetch(`${base}/rpc/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(req) });
  const envelope = (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.code} ${envelope.error?.message}`);
  return envelope.value;
}

async function runOurs(): Promise<Run> {
  const lab = await startLab();
  const data = await mkdtemp(join(tmpdir(), 'wicm-peer-ours-'));
  try {
    const args = ['--import', 'tsx', self, '--wicm-child', 'serve', '--no-ui', '--port', '0', '--data-dir', data, '--controller', lab.url, '--driver', 'odl-vtn', '--controller-provision', '--controller-user', VTN_USER];
    const serve = await startProcess('wicm serve', process.execPath, args, /^REST API at /, { env: { ...process.env, WICM_CONTROLLER_PASSWORD: VTN_PASSWORD } });
    const base = /at (http:\/\/\S+?)\/?$/.exec(serve.lines.find((l) => l.startsWith('WICM Studio')) ?? '')?.[1];
    const token = serve.lines.find((l) => l.startsWith('API token: '))?.slice('API token: '.length);
    if (base === undefined || token === undefined) throw new Error(`wicm serve printed no URL or token: ${serve.lines.join(' | ')}`);
    try {
      // The fleet beyond the first flow: one import and one push transaction through the engine's
      // RPC API (999 REST calls would only slow the seeding; the controller ends the same).
      return await measure('wicm', base, lab.url, async (seed) => {
        const commit = (await rpc(base, token, 'import.commit', { text: JSON.stringify(seed.map(flowBody)), format: 'demi-flows', fileName: 'seed.json', plan: true })) as { created: string[] };
        const target = { kind: 'odl-vtn', url: lab.url, user: VTN_USER, password: VTN_PASSWORD, timeoutMs: 60_000 };
        const report = (await rpc(base, token, 'push.apply', { target, serviceIds: commit.created, provision: true })) as { ok: boolean; message: string };
        if (!report.ok || commit.created.length !== seed.length) throw new Error(`wicm: seeding ${seed.length} flows failed: ${report.message}`);
      }, checkLayout);
    } finally {
      await stopProcess(serve.child);
    }
  } finally {
    await stopProcess(lab.proc.child);
    await rm(data, { recursive: true, force: true });
  }
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
  const ours = ONLY === 'demi-wicm' ? null : await runOurs();
  const theirs = ONLY === 'wicm' ? null : await runDemi(dir!);
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
