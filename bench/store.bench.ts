// Save + open of a project with 100,000 segments (target < 1 s together), with peak RSS; the
// median REST-style service lookup among 100 and 10,000 services (flat: it reads its own).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceDto, TopologyDto } from '../core/contract/dto';
import { ProjectDb } from '../core/store/project-db';
import { writeFileAtomic } from '../electron/host/platform/node-files';
import { loadSqlEngine } from '../electron/host/platform/sqljs';

function generate(bridges: number, segments: number): TopologyDto {
  const portsPerBridge = 10;
  const b = Array.from({ length: bridges }, (_, i) => ({ id: `b${i}`, name: `vbr${i}`, kind: 'vtn-vbridge' as const, controllerId: `vbr${i}`, datapathId: null }));
  const ports = b.flatMap((br, i) => Array.from({ length: portsPerBridge }, (_, j) => ({ id: `p${i}_${j}`, bridgeId: br.id, name: `if${j}`, ofPort: j + 1 })));
  const segs = Array.from({ length: segments }, (_, k) => {
    const port = ports[k % ports.length]!;
    return { id: `s${k}`, prefix: `${10 + ((k >> 16) & 0xff)}.${(k >> 8) & 0xff}.${k & 0xff}.0/24`, portId: port.id, name: null };
  });
  return { bridges: b, ports, links: [], segments: segs, pops: [], naps: [], vlanPools: [], defaults: { sourceSegment: null, targetSegment: null } };
}

const emit = (metric: string, value: number, unit: string, extra: Record<string, number> = {}): void => {
  process.stdout.write(`${JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit, ...extra })}\n`);
};

/** The n-th service of a fleet as imported: four formats, a T-NOVA NAP, two PoPs of fifty. */
function fleetService(i: number): ServiceDto {
  const format = ['tnova', 'katana', 'openbaton', 'demi-flows'][i % 4] ?? 'tnova';
  return {
    id: `svc-${i}`,
    name: `service ${i}`,
    inSegment: null,
    outSegment: null,
    chain: [`PoP-${i % 50}`, `PoP-${(i * 7) % 50}`],
    reverseChain: null,
    state: 'planned',
    provenance: { format, file: null, recordId: `ns-${i}`, importedAt: '2026-01-01T00:00:00Z' },
    attributes: format === 'tnova' ? { napMktId: `nap-${i}`, status: 'ALLOCATED' } : { instanceId: `ns-${i}` },
  };
}

/** Median ms of 100 lookups (after 200 to warm up), in turn by record id, by NAP and format, by a PoP no service uses. */
function serviceLookupMs(count: number): number {
  const db = ProjectDb.create(sql);
  db.transaction(() => {
    for (let i = 0; i < count; i++) db.services.upsert(fleetService(i));
  });
  const lookup = (k: number): ServiceDto[] =>
    k % 3 === 0
      ? db.services.readByIdOrRecord([`ns-${(k * 37) % count}`])
      : k % 3 === 1
        ? db.services.find({ attribute: { key: 'napMktId', value: `nap-${(k * 4) % count}` }, formats: ['tnova'] })
        : db.services.find({ names: [`pop-spare-${k}`] });
  for (let k = 0; k < 200; k++) lookup(k);
  const times = Array.from({ length: 100 }, (_, k) => {
    const t0 = performance.now();
    lookup(k);
    return performance.now() - t0;
  });
  db.close();
  return times.sort((a, b) => a - b)[times.length >> 1] ?? NaN;
}

const sql = await loadSqlEngine();
for (const services of [100, 10_000]) emit('service_lookup_ms', serviceLookupMs(services), 'ms', { services });
const dir = await mkdtemp(join(tmpdir(), 'wicm-bench-'));
try {
  const topology = generate(1000, 100_000);
  const db = ProjectDb.create(sql);
  db.topology.replace(topology);
  const path = join(dir, 'big.wicm');
  const t0 = performance.now();
  await writeFileAtomic(path, db.export());
  const t1 = performance.now();
  const reopened = ProjectDb.open(sql, new Uint8Array(await readFile(path)), path);
  const read = reopened.topology.read();
  const t2 = performance.now();
  if (read.segments.length !== 100_000) throw new Error(`expected 100000 segments, read ${read.segments.length}`);
  emit('project_save_100k_segments_ms', t1 - t0, 'ms');
  emit('project_open_100k_segments_ms', t2 - t1, 'ms');
  emit('project_save_plus_open_100k_segments_ms', t2 - t0, 'ms', { target: 1000 });
  emit('project_file_size_100k_segments', (await readFile(path)).length / 1024 / 1024, 'MiB');
  emit('store_bench_peak_rss', process.resourceUsage().maxRSS / 1024, 'MiB');
} finally {
  await rm(dir, { recursive: true, force: true });
}
