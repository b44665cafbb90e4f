import type { BridgeDto, LinkDto, PlanDto, PopDto, PortDto, SegmentDto, TopologyDto } from '../../../core/contract/dto';
import { emptyTopology } from '../../../core/model';

/**
 * A small WAN like the sample: three bridges with an uplink each, a customer LAN, two PoPs,
 * an internet gateway, one NAP and one link between vbr1 and vbr2.
 */
export function smallWan(): TopologyDto {
  return {
    bridges: [
      { id: 'b1', name: 'vbr1', kind: 'vtn-vbridge', controllerId: 'vbr1', datapathId: 'openflow:1' },
      { id: 'b2', name: 'vbr2', kind: 'vtn-vbridge', controllerId: 'vbr2', datapathId: null },
      { id: 'b3', name: 'of3', kind: 'openflow', controllerId: 'openflow:3' },
    ],
    ports: [
      { id: 'p1c', bridgeId: 'b1', name: 'if-customer', ofPort: 1 },
      { id: 'p1u', bridgeId: 'b1', name: 'if-up', ofPort: 2 },
      { id: 'p1a', bridgeId: 'b1', name: 'if-athens', ofPort: 3 },
      { id: 'p1l', bridgeId: 'b1', name: 'if-to-2', ofPort: 4 },
      { id: 'p2p', bridgeId: 'b2', name: 'if-patras', ofPort: 1 },
      { id: 'p2u', bridgeId: 'b2', name: 'if-up', ofPort: 2 },
      { id: 'p2i', bridgeId: 'b2', name: 'if-internet', ofPort: null },
      { id: 'p2l', bridgeId: 'b2', name: 'if-to-1', ofPort: 4 },
      { id: 'p3u', bridgeId: 'b3', name: 'eth0', ofPort: 1 },
    ],
    links: [{ id: 'l12', aPortId: 'p1l', bPortId: 'p2l' }],
    segments: [
      { id: 's-cust', prefix: '192.168.10.0/24', portId: 'p1c', name: 'customer LAN' },
      { id: 's-up1', prefix: '0.0.0.0/0', portId: 'p1u', name: null },
      { id: 's-ath', prefix: '172.16.1.0/24', portId: 'p1a', name: null },
      { id: 's-up2', prefix: '0.0.0.0/0', portId: 'p2u', name: null },
      { id: 's-inet', prefix: '10.20.0.0/24', portId: 'p2i', name: 'internet' },
      { id: 's-up3', prefix: '::/0', portId: 'p3u', name: null },
    ],
    pops: [
      { id: 'pop-a', name: 'pop-athens', portId: 'p1a', aliases: ['vim-athens'] },
      { id: 'pop-p', name: 'pop-patras', portId: 'p2p', aliases: [] },
    ],
    naps: [{ id: 'nap1', name: 'c1_nap1', cePortId: 'p1c', pePortId: 'p1u' }],
    vlanPools: [],
    defaults: { sourceSegment: '192.168.10.0/24', targetSegment: '10.20.0.0/24' },
  };
}

/** A plan of a pop-athens → pop-patras service over `smallWan`, across the link. */
export function athensPatrasPlan(): PlanDto {
  const match = { src: '192.168.10.0/24', dst: '10.20.0.0/24' };
  const rule = (seq: number, bridgeId: string, inPortId: string, outPortId: string) => ({ serviceId: 'svc', direction: 'forward' as const, seq, bridgeId, inPortId, outPortId, match, condition: 'svc_F', filterIndex: 1, vlan: null });
  return {
    serviceId: 'svc',
    forward: {
      direction: 'forward',
      src: match.src,
      dst: match.dst,
      condition: 'svc_F',
      hops: [
        { kind: 'ingress', bridgeId: 'b1', portId: 'p1c', popId: null },
        { kind: 'pop', bridgeId: 'b1', portId: 'p1a', popId: 'pop-a' },
        { kind: 'transit', bridgeId: 'b1', portId: 'p1l', popId: null },
        { kind: 'transit', bridgeId: 'b2', portId: 'p2l', popId: null },
        { kind: 'pop', bridgeId: 'b2', portId: 'p2p', popId: 'pop-p' },
        { kind: 'egress', bridgeId: 'b2', portId: 'p2i', popId: null },
      ],
      rules: [rule(0, 'b1', 'p1c', 'p1a'), rule(1, 'b1', 'p1a', 'p1l'), rule(2, 'b2', 'p2l', 'p2p'), rule(3, 'b2', 'p2p', 'p2i')],
    },
    reverse: {
      direction: 'reverse',
      src: match.dst,
      dst: match.src,
      condition: 'svc_R',
      hops: [
        { kind: 'ingress', bridgeId: 'b2', portId: 'p2i', popId: null },
        { kind: 'pop', bridgeId: 'b2', portId: 'p2p', popId: 'pop-p' },
        { kind: 'transit', bridgeId: 'b2', portId: 'p2l', popId: null },
        { kind: 'transit', bridgeId: 'b1', portId: 'p1l', popId: null },
        { kind: 'pop', bridgeId: 'b1', portId: 'p1a', popId: 'pop-a' },
        { kind: 'egress', bridgeId: 'b1', portId: 'p1c', popId: null },
      ],
      rules: [],
    },
    diagnostics: [],
  };
}

/**
 * A generated WAN: `bridges` bridges, each with an uplink, `portsPerBridge - 1` other ports
 * (every other one with a segment, the last with a PoP) and a ring of links between bridges.
 */
export function generatedWan(bridges: number, portsPerBridge: number): TopologyDto {
  const t = {
    bridges: [] as BridgeDto[],
    ports: [] as PortDto[],
    links: [] as LinkDto[],
    segments: [] as SegmentDto[],
    pops: [] as PopDto[],
  };
  for (let b = 0; b < bridges; b++) {
    t.bridges.push({ id: `b${b}`, name: `br${b}`, kind: 'ovs', controllerId: `br${b}` });
    for (let p = 0; p < portsPerBridge; p++) {
      const id = `b${b}p${p}`;
      t.ports.push({ id, bridgeId: `b${b}`, name: `eth${p}`, ofPort: p + 1 });
      if (p === 0) t.segments.push({ id: `${id}s`, prefix: '0.0.0.0/0', portId: id, name: null });
      else if (p === portsPerBridge - 1) t.pops.push({ id: `${id}pop`, name: `pop-${b}`, portId: id, aliases: [] });
      else if (p % 2 === 1) t.segments.push({ id: `${id}s`, prefix: `10.${b % 256}.${p}.0/24`, portId: id, name: null });
    }
    if (b > 0) t.links.push({ id: `l${b}`, aPortId: `b${b - 1}p2`, bPortId: `b${b}p2` });
  }
  return { ...emptyTopology(), ...t };
}
