/**
 * `wicm diff` on two projects of 10,000 services and 100,000 segments (1,000 bridges, each with
 * an uplink and two PoPs) that differ in a few places: a PoP renamed, a prefix changed, a port
 * added, five chains changed, one service removed and one added. Both sides are planned, as the
 * diff does. Target: diff_10k_services_ms < 2,000 (planning both sides included);
 * diff_10k_services_compare_only_ms is the comparison of two sides already planned. Prints one
 * JSON line per metric.
 */
import { loadavg } from 'node:os';
import type { ServiceDto, TopologyDto } from '../core/contract/dto';
import { diffPlanned, diffProjects, diffText, planSide, type DiffSide } from '../core/diff';
import { seededRandom } from '../test/helpers/seeded-random';
import { BRIDGES, generateWan, PER_BRIDGE, subnet } from './fleet-wan';

const SERVICES = 10_000;
const TARGET = 2_000;


function generateServices(count: number, seed: number): ServiceDto[] {
  const random = seededRandom(seed);
  const pick = (k: number): number => Math.floor(random() * k);
  const host = (bridge: number): string => subnet(bridge * PER_BRIDGE + pick(PER_BRIDGE)).replace(/\.0\/24$/, `.${1 + pick(250)}/32`);
  return Array.from({ length: count }, (_, i) => {
    const bridges = new Set<number>();
    while (bridges.size < 5) bridges.add(pick(BRIDGES));
    const [s, a, b, c, d] = [...bridges] as [number, number, number, number, number];
    return {
      id: `svc-${i}`,
      name: `service ${i}`,
      inSegment: host(s),
      outSegment: host(d),
      chain: [a, b, c].map((bridge) => `vim-${bridge}-${pick(2)}`),
      reverseChain: null,
      state: 'planned' as const,
      provenance: null,
      attributes: {},
    };
  });
}

function edited(a: DiffSide): DiffSide {
  const t = a.topology;
  const topology: TopologyDto = {
    ...t,
    pops: t.pops.map((p) => (p.id === 'pop-7-0' ? { ...p, name: 'PoP-7-renamed' } : p)),
    segments: t.segments.map((s) => (s.id === 'br3-s5-seg' ? { ...s, prefix: '99.0.0.0/24' } : s)),
    ports: [...t.ports, { id: 'br9-extra', bridgeId: 'br9', name: 'extra', ofPort: 4000 }],
  };
  const services = a.services.slice(1).map((s, i) => (i % 2000 === 0 ? { ...s, chain: [...s.chain].reverse() } : s));
  services.push({ ...a.services[0]!, id: 'svc-new', name: 'service new' });
  return { label: 'b.wicm', kind: 'project', topology, services };
}

const a: DiffSide = { label: 'a.wicm', kind: 'project', topology: generateWan(), services: generateServices(SERVICES, 13) };
const b = edited(a);
diffProjects(a, b); // warm-up
/** Best of three runs, wall clock and CPU: the machine is shared, the best run is the least disturbed. */
let best = { ms: Infinity, cpuMs: Infinity };
let diff = diffProjects(a, b);
for (let i = 0; i < 3; i++) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  diff = diffProjects(a, b);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (ms < best.ms) best = { ms, cpuMs: (used.user + used.system) / 1000 };
}
const [pa, pb] = [planSide(a), planSide(b)];
let compareMs = Infinity;
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  diffPlanned(pa, pb);
  compareMs = Math.min(compareMs, performance.now() - start);
}
const t1 = performance.now();
const text = diffText(diff);
const t2 = performance.now();
if (diff.identical || diff.counts.services < 6 || diff.counts.topology < 3) throw new Error(`unexpected diff: ${JSON.stringify(diff.counts)}`);
const emit = (metric: string, value: number, unit: string, extra: Record<string, number> = {}): void => {
  process.stdout.write(`${JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit, ...extra })}\n`);
};
emit('diff_10k_services_ms', best.ms, 'ms', { target: TARGET, loadavg1: Math.round(loadavg()[0]! * 100) / 100 });
emit('diff_10k_services_cpu_ms', best.cpuMs, 'ms');
emit('diff_10k_services_compare_only_ms', compareMs, 'ms');
emit('diff_10k_services_text_ms', t2 - t1, 'ms');
emit('diff_10k_services_changes', diff.counts.topology + diff.counts.services + diff.counts.rules, 'count', { lines: text.split('\n').length });
emit('diff_bench_peak_rss', process.resourceUsage().maxRSS / 1024, 'MiB');
