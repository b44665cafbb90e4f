// The cost of making one model change durable (`wicm serve`) in a project of 100,000 segments:
// the change in one transaction, its rows appended to the change log and fsync'd. Target: median
// ≤ 5 ms, not growing with the project (issue 15). For comparison, the whole-file export every
// change cost before (the undo snapshot, and what a save per change would write).
// Then, with undo (the desktop editor and its local REST server), with 20 and 3,000 services
// planned on the sample WAN: one model change, one REST-like request (import of one flow, planned)
// and one undo. None may grow with the fleet; the undo snapshot cost ~21-33 ms per change at 3,000.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceDto } from '../core/contract/dto';
import { WicmEngine } from '../core/service/engine';
import type { EnginePorts } from '../core/service/ports';
import { nodeChangeLogFiles } from '../electron/host/platform/change-log-files';
import { startEngineHost } from '../electron/host/engine-host';
import { nodeProjectFiles } from '../electron/host/platform/node-files';
import { loadSqlEngine } from '../electron/host/platform/sqljs';
import { generateWan, SEGMENTS } from './fleet-wan';

const RUNS = 300;

const emit = (metric: string, value: number, extra: Record<string, number | string> = {}): void => {
  process.stdout.write(`${JSON.stringify({ metric, value: Math.round(value * 1000) / 1000, unit: 'ms', ...extra })}\n`);
};

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

const sql = await loadSqlEngine();
const dir = await mkdtemp(join(tmpdir(), 'wicm-bench-persist-'));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ports = (durable: boolean): EnginePorts => ({
  sql,
  files: nodeProjectFiles,
  changeLog: nodeChangeLogFiles(),
  durable,
  clock: { now: () => new Date() },
  ids: { next: (p) => `${p}${Math.random().toString(16).slice(2, 12)}` },
  logger: quiet,
  emit: () => undefined,
  mode: 'browser',
  modeReason: null,
  version: 'bench',
  sampleTopologyJson: '{}',
});
try {
  const path = join(dir, 'fleet.wicm');
  const seed = WicmEngine.create(ports(false), 'empty');
  seed.session.mutate('fleet', (db) => db.topology.replace(generateWan()));
  await seed.handlers()['project.saveAs']({ path });
  seed.session.close();

  const engine = await WicmEngine.open(ports(true), path);
  const session = engine.session;
  if (session.durable === null) throw new Error('the engine did not attach a change log');
  if (session.db.topology.read().segments.length !== SEGMENTS) throw new Error('fleet WAN not loaded');
  const service = (k: number): ServiceDto => ({
    id: `svc-${k}`,
    name: `service ${k}`,
    inSegment: `10.0.${k & 255}.0/24`,
    outSegment: null,
    chain: ['PoP-0-0'],
    reverseChain: null,
    state: 'draft',
    provenance: null,
    attributes: {},
  });
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    session.mutate('add service', (db) => db.services.upsert(service(k)));
    await session.persist();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  emit('persist_mutation_ms', quantile(times, 0.5), { p99_ms: Math.round(quantile(times, 0.99) * 1000) / 1000, segments: SEGMENTS, runs: RUNS, target: 5 });
  const log = await readFile(`${path}-log`);
  emit('persist_log_bytes_per_mutation', log.length / RUNS, { unit: 'bytes' });

  const before: number[] = [];
  for (let k = 0; k < 10; k++) {
    const t0 = performance.now();
    session.db.export();
    before.push(performance.now() - t0);
  }
  before.sort((a, b) => a - b);
  emit('persist_whole_file_export_ms', quantile(before, 0.5), { segments: SEGMENTS, note: 'cost per change before the change log' });
  await engine.shutdown();
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Median cost of one undoable change, request and undo with `existing` services planned. */
async function undoMutation(existing: number): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'wicm-bench-undo-'));
  try {
    const host = await startEngineHost({ mode: 'cli', logger: quiet, dataDir: home, template: 'sample' });
    const flow = (id: string): unknown => ({ instance_id: id, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] });
    const seeded = await host.dispatch('import.commit', { text: JSON.stringify(Array.from({ length: existing }, (_, i) => flow(`seed${i}`))), format: 'demi-flows', fileName: 'seed.json', plan: true });
    const session = host.engine.session;
    if (!seeded.ok || session.db.services.read().length !== existing || !session.info().canUndo) throw new Error(`seeding ${existing} services failed`);
    const times: number[] = [];
    const undos: number[] = [];
    for (let k = 0; k < 100; k++) {
      const t0 = performance.now();
      session.mutate('add service', (db) => db.services.upsert({ id: `new-${k}`, name: `new ${k}`, inSegment: '192.168.10.0/24', outSegment: null, chain: ['pop-athens'], reverseChain: null, state: 'draft', provenance: null, attributes: {} }));
      times.push(performance.now() - t0);
      if (k % 10 === 9) {
        const t1 = performance.now();
        session.undo();
        undos.push(performance.now() - t1);
      }
    }
    const requests: number[] = [];
    for (let k = 0; k < 50; k++) {
      const t0 = performance.now();
      const reply = await host.dispatch('import.commit', { text: JSON.stringify([flow(`req${k}`)]), format: 'demi-flows', fileName: 'req.json', plan: true });
      requests.push(performance.now() - t0);
      if (!reply.ok) throw new Error(reply.error.message);
    }
    for (const list of [times, undos, requests]) list.sort((a, b) => a - b);
    emit('undo_mutation_ms', quantile(times, 0.5), { services: existing, p99_ms: Math.round(quantile(times, 0.99) * 1000) / 1000 });
    emit('undo_request_ms', quantile(requests, 0.5), { services: existing, note: 'import.commit of one flow, planned' });
    emit('undo_step_ms', quantile(undos, 0.5), { services: existing });
    session.close();
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

for (const existing of [20, 3000]) await undoMutation(existing);
