import type { TopologyDto } from '../../core/contract/dto';
import { seededRandom } from './seeded-random';

/** Shape of a generated WAN: how many bridges, ports per bridge, and links between bridges. */
export interface GeneratedWan {
  readonly bridges: number;
  readonly portsPerBridge: number;
  readonly segmentsPerBridge: number;
  readonly links: number;
  readonly seed?: number;
}

/**
 * A deterministic large WAN for benches and screenshots: per bridge one uplink (0.0.0.0/0),
 * `segmentsPerBridge` customer segments, one PoP, the other ports trunks; links join trunk ports
 * of nearby bridges. Names look like a real operator's (`vbr12`, `lan 12.3`, `pop-12`).
 */
export function generateWan(shape: GeneratedWan): TopologyDto {
  const random = seededRandom(shape.seed ?? 7);
  const t = { bridges: [] as TopologyDto['bridges'][number][], ports: [] as TopologyDto['ports'][number][], links: [] as TopologyDto['links'][number][], segments: [] as TopologyDto['segments'][number][], pops: [] as TopologyDto['pops'][number][] };
  const trunks: string[][] = [];
  for (let b = 0; b < shape.bridges; b++) {
    t.bridges.push({ id: `br${b}`, name: `vbr${b}`, kind: 'vtn-vbridge', controllerId: `vbr${b}`, datapathId: `openflow:${b + 1}` });
    trunks.push([]);
    for (let p = 0; p < shape.portsPerBridge; p++) {
      const id = `br${b}-p${p}`;
      t.ports.push({ id, bridgeId: `br${b}`, name: `if-${p}`, ofPort: p + 1 });
      if (p === 0) t.segments.push({ id: `${id}-up`, prefix: '0.0.0.0/0', portId: id, name: 'uplink' });
      else if (p <= shape.segmentsPerBridge) t.segments.push({ id: `${id}-sg`, prefix: `10.${b % 256}.${p}.0/24`, portId: id, name: `lan ${b}.${p}` });
      else if (p === shape.segmentsPerBridge + 1) t.pops.push({ id: `pop-${b}`, name: `pop-${b}`, portId: id, aliases: [`vim-${b}`] });
      else trunks[b]!.push(id);
    }
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < shape.links; i++) {
    const a = i % shape.bridges;
    const b = (a + 1 + Math.floor(random() * 4)) % shape.bridges;
    if (a === b) continue;
    t.links.push({ id: `ln${i}`, aPortId: pick(trunks[a]!), bPortId: pick(trunks[b]!) });
  }
  return { ...t, naps: [], vlanPools: [], defaults: { sourceSegment: null, targetSegment: null } };
}

/** Elements the graph draws for a generated WAN: nodes (bridges, ports, segments, PoPs, WAN) and edges. */
export function drawnElements(t: TopologyDto): number {
  const uplinks = t.segments.filter((s) => s.prefix === '0.0.0.0/0').length;
  const segments = t.segments.length - uplinks;
  const nodes = t.bridges.length + t.ports.length + segments + t.pops.length + (uplinks > 0 ? 1 : 0);
  const edges = t.links.length + segments + t.pops.length + uplinks;
  return nodes + edges;
}

/** About 2,000 drawn elements: 40 bridges of 14 ports. */
export const wan2000: GeneratedWan = { bridges: 40, portsPerBridge: 14, segmentsPerBridge: 4, links: 959 };

/** About 10,000 drawn elements: 200 bridges of 16 ports. */
export const wan10000: GeneratedWan = { bridges: 200, portsPerBridge: 16, segmentsPerBridge: 5, links: 3_999 };
