// The cost of making one model change durable (`wicm serve`) in a project of 100,000 segments:
// the change in one transaction, its rows appended to the change log and fsync'd. Target: median
// ≤ 5 ms, not growing with the project (issue 15). For comparison, the whole-file export every
// change cost before (the undo snapshot, and what a save per change would write).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceDto } from '../core/contract/dto';
import { WicmEngine } from '../core/service/engine';
import type { EnginePorts } from '../core/service/ports';
import { nodeChangeLogFiles } from '../electron/host/platform/change-log-files';
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
