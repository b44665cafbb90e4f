// NSR export of 10,000 services on a WAN with 100,000 segments, per format (whole file, text
// included); `nsr_export_10k_services_ms` is the slowest format.
import type { ServiceDto, TopologyDto } from '../core/contract/dto';
import { exportPlans, nsrFormats } from '../core/export';

const SERVICES = 10_000;
const SEGMENTS = 100_000;

function generate(bridges: number, segments: number): TopologyDto {
  const portsPerBridge = 10;
  const b = Array.from({ length: bridges }, (_, i) => ({ id: `b${i}`, name: `vbr${i}`, kind: 'vtn-vbridge' as const, controllerId: `vbr${i}`, datapathId: `openflow:${i + 1}` }));
  const ports = b.flatMap((br, i) => Array.from({ length: portsPerBridge }, (_, j) => ({ id: `p${i}_${j}`, bridgeId: br.id, name: `if${j}`, ofPort: j + 1 })));
  const segs = Array.from({ length: segments }, (_, k) => {
    const port = ports[k % ports.length]!;
    return { id: `s${k}`, prefix: `${10 + ((k >> 16) & 0xff)}.${(k >> 8) & 0xff}.${k & 0xff}.0/24`, portId: port.id, name: null };
  });
  const pops = b.slice(0, 50).map((br, i) => ({ id: `pop${i}`, name: `pop-${i}`, portId: `p${i}_9`, aliases: [`vim-${i}`] }));
  const naps = [{ id: 'nap0', name: 'nap-0', cePortId: 'p0_0', pePortId: 'p0_1' }];
  return { bridges: b, ports, links: [], segments: segs, pops, naps, vlanPools: [], defaults: { sourceSegment: null, targetSegment: null } };
}

function services(topology: TopologyDto): ServiceDto[] {
  return Array.from({ length: SERVICES }, (_, k) => ({
    id: `svc-${k}`,
    name: `Service ${k}`,
    inSegment: topology.segments[(k * 2) % SEGMENTS]!.prefix,
    outSegment: topology.segments[(k * 2 + 1) % SEGMENTS]!.prefix,
    chain: [`pop-${k % 50}`, `pop-${(k + 7) % 50}`, `vim-${(k + 19) % 50}`],
    reverseChain: k % 10 === 0 ? [`pop-${(k + 3) % 50}`] : null,
    state: 'planned',
    provenance: null,
    attributes: {},
  }));
}

const emit = (metric: string, value: number, unit: string, extra: Record<string, number> = {}): void => {
  process.stdout.write(`${JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit, ...extra })}\n`);
};

const topology = generate(1000, SEGMENTS);
const input = { topology, services: services(topology), plans: [] };
let slowest = 0;
for (const { id } of nsrFormats) {
  exportPlans(id, { ...input, services: input.services.slice(0, 100) }); // warm-up
  const t0 = performance.now();
  const result = exportPlans(id, input);
  const ms = performance.now() - t0;
  if (result.text.length === 0) throw new Error(`${id}: empty export`);
  slowest = Math.max(slowest, ms);
  emit(`nsr_export_10k_services_${id.slice(4)}_ms`, ms, 'ms', { bytes: result.text.length, diagnostics: result.diagnostics.length });
}
emit('nsr_export_10k_services_ms', slowest, 'ms');
