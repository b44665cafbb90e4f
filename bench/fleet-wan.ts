/**
 * The generated WAN the fleet-scale benches share: 1,000 bridges, each with an uplink, 99 access
 * segments and two PoPs (aliases `vim-<bridge>-<k>`), 100,000 segments in all.
 */
import type { TopologyDto } from '../core/contract/dto';

export const BRIDGES = 1_000;
export const SEGMENTS = 100_000;
export const POPS_PER_BRIDGE = 2;
/** Access segments per bridge (the uplink is the hundredth). */
export const PER_BRIDGE = SEGMENTS / BRIDGES - 1;

/** The n-th access subnet: 10.0.0.0/24, 10.0.1.0/24, … */
export function subnet(n: number): string {
  return `${10 + (n >>> 16)}.${(n >>> 8) & 255}.${n & 255}.0/24`;
}

export function generateWan(): TopologyDto {
  const bridges: TopologyDto['bridges'][number][] = [];
  const ports: TopologyDto['ports'][number][] = [];
  const segments: TopologyDto['segments'][number][] = [];
  const pops: TopologyDto['pops'][number][] = [];
  let n = 0;
  for (let b = 0; b < BRIDGES; b++) {
    const id = `br${b}`;
    bridges.push({ id, name: id, kind: 'vtn-vbridge', controllerId: id });
    const up = `${id}-up`;
    ports.push({ id: up, bridgeId: id, name: 'up', ofPort: 1 });
    segments.push({ id: `${up}-seg`, prefix: '0.0.0.0/0', portId: up, name: null });
    for (let k = 0; k < PER_BRIDGE; k++) {
      const port = `${id}-s${k}`;
      ports.push({ id: port, bridgeId: id, name: `s${k}`, ofPort: k + 2 });
      segments.push({ id: `${port}-seg`, prefix: subnet(n++), portId: port, name: null });
    }
    for (let k = 0; k < POPS_PER_BRIDGE; k++) {
      const port = `${id}-pop${k}`;
      ports.push({ id: port, bridgeId: id, name: `pop${k}`, ofPort: 1000 + k });
      pops.push({ id: `pop-${b}-${k}`, name: `PoP-${b}-${k}`, portId: port, aliases: [`vim-${b}-${k}`] });
    }
  }
  return { bridges, ports, links: [], segments, pops, naps: [], vlanPools: [], defaults: { sourceSegment: null, targetSegment: null } };
}
