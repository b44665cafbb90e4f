// Hand-built plans for the exporter tests: a two-bridge, two-PoP WAN.
//
//   vbr1: if_user (1) 10.0.1.0/24 + 10.0.2.0/24, if_popA (2) PoP A, if_exit1 (3) 0.0.0.0/0
//   vbr2: if_exit2 (1) 0.0.0.0/0, if_popB (2) PoP B, if_client (3) 10.0.9.0/24
//
// svc1 10.0.1.0/24 -> 10.0.9.0/24 via PoP A then PoP B (untagged), reverse mirrored.
// svc2 10.0.2.0/24 -> 10.0.9.0/24 via PoP B only, VLAN 400 towards PoP B forward, 401 reverse.
import type {
  Direction,
  HopDto,
  PathDto,
  PlanDto,
  RuleDto,
  ServiceDto,
  TopologyDto,
} from '../../../../core/contract/dto';
import type { ExportInput } from '../../../../core/export';

export const topology: TopologyDto = {
  bridges: [
    { id: 'b1', name: 'Site A', kind: 'vtn-vbridge', controllerId: 'vbr1' },
    { id: 'b2', name: 'Site B', kind: 'vtn-vbridge', controllerId: 'vbr2' },
  ],
  ports: [
    { id: 'p-user', bridgeId: 'b1', name: 'if_user', ofPort: 1 },
    { id: 'p-popA', bridgeId: 'b1', name: 'if_popA', ofPort: 2 },
    { id: 'p-exit1', bridgeId: 'b1', name: 'if_exit1', ofPort: 3 },
    { id: 'p-exit2', bridgeId: 'b2', name: 'if_exit2', ofPort: 1 },
    { id: 'p-popB', bridgeId: 'b2', name: 'if_popB', ofPort: 2 },
    { id: 'p-client', bridgeId: 'b2', name: 'if_client', ofPort: 3 },
  ],
  links: [{ id: 'l1', aPortId: 'p-exit1', bPortId: 'p-exit2' }],
  segments: [
    { id: 's-user', prefix: '10.0.1.0/24', portId: 'p-user', name: 'users' },
    { id: 's-user2', prefix: '10.0.2.0/24', portId: 'p-user', name: null },
    { id: 's-exit1', prefix: '0.0.0.0/0', portId: 'p-exit1', name: null },
    { id: 's-exit2', prefix: '0.0.0.0/0', portId: 'p-exit2', name: null },
    { id: 's-client', prefix: '10.0.9.0/24', portId: 'p-client', name: 'clients' },
  ],
  pops: [
    { id: 'pop-a', name: 'popA', portId: 'p-popA', aliases: ['vim-a'] },
    { id: 'pop-b', name: 'popB', portId: 'p-popB', aliases: [] },
  ],
  naps: [],
  vlanPools: [{ portId: 'p-popB', first: 400, last: 500 }],
  defaults: { sourceSegment: null, targetSegment: null },
};

function service(id: string, name: string, inSegment: string, chain: string[]): ServiceDto {
  return {
    id,
    name,
    inSegment,
    outSegment: '10.0.9.0/24',
    chain,
    reverseChain: null,
    state: 'planned',
    provenance: { format: 'manual', file: null, recordId: null, importedAt: '2024-05-01T10:00:00Z' },
    attributes: { note: 'it\'s "quoted"' },
  };
}

export const svc1 = service('svc1', 'Web chain', '10.0.1.0/24', ['popA', 'popB']);
export const svc2 = service('svc2', 'Tagged chain', '10.0.2.0/24', ['popB']);

type Step = [bridgeId: string, inPortId: string, outPortId: string, filterIndex: number, vlan: number | null];

/** A path whose rules follow `steps` in order. */
export function path(
  serviceId: string,
  direction: Direction,
  src: string,
  dst: string,
  condition: string,
  hops: HopDto[],
  steps: Step[],
): PathDto {
  const rules: RuleDto[] = steps.map(([bridgeId, inPortId, outPortId, filterIndex, vlan], seq) => ({
    serviceId,
    direction,
    seq,
    bridgeId,
    inPortId,
    outPortId,
    match: { src, dst },
    condition,
    filterIndex,
    vlan,
  }));
  return { direction, src, dst, condition, hops, rules };
}

const hop = (kind: HopDto['kind'], bridgeId: string, portId: string, popId: string | null = null): HopDto => ({
  kind,
  bridgeId,
  portId,
  popId,
});

export const plan1: PlanDto = {
  serviceId: 'svc1',
  forward: path(
    'svc1',
    'forward',
    '10.0.1.0/24',
    '10.0.9.0/24',
    'svc1_f',
    [
      hop('ingress', 'b1', 'p-user'),
      hop('pop', 'b1', 'p-popA', 'pop-a'),
      hop('uplink', 'b1', 'p-exit1'),
      hop('transit', 'b2', 'p-exit2'),
      hop('pop', 'b2', 'p-popB', 'pop-b'),
      hop('egress', 'b2', 'p-client'),
    ],
    [
      ['b1', 'p-user', 'p-popA', 1, null],
      ['b1', 'p-popA', 'p-exit1', 1, null],
      ['b2', 'p-exit2', 'p-popB', 1, null],
      ['b2', 'p-popB', 'p-client', 1, null],
    ],
  ),
  reverse: path(
    'svc1',
    'reverse',
    '10.0.9.0/24',
    '10.0.1.0/24',
    'svc1_r',
    [
      hop('ingress', 'b2', 'p-client'),
      hop('pop', 'b2', 'p-popB', 'pop-b'),
      hop('uplink', 'b2', 'p-exit2'),
      hop('transit', 'b1', 'p-exit1'),
      hop('pop', 'b1', 'p-popA', 'pop-a'),
      hop('egress', 'b1', 'p-user'),
    ],
    [
      ['b2', 'p-client', 'p-popB', 1, null],
      ['b2', 'p-popB', 'p-exit2', 2, null],
      ['b1', 'p-exit1', 'p-popA', 1, null],
      ['b1', 'p-popA', 'p-user', 2, null],
    ],
  ),
  diagnostics: [],
};

export const plan2: PlanDto = {
  serviceId: 'svc2',
  forward: path(
    'svc2',
    'forward',
    '10.0.2.0/24',
    '10.0.9.0/24',
    'svc2_f',
    [
      hop('ingress', 'b1', 'p-user'),
      hop('uplink', 'b1', 'p-exit1'),
      hop('transit', 'b2', 'p-exit2'),
      hop('pop', 'b2', 'p-popB', 'pop-b'),
      hop('egress', 'b2', 'p-client'),
    ],
    [
      ['b1', 'p-user', 'p-exit1', 2, null],
      ['b2', 'p-exit2', 'p-popB', 2, 400],
      ['b2', 'p-popB', 'p-client', 3, null],
    ],
  ),
  reverse: path(
    'svc2',
    'reverse',
    '10.0.9.0/24',
    '10.0.2.0/24',
    'svc2_r',
    [
      hop('ingress', 'b2', 'p-client'),
      hop('pop', 'b2', 'p-popB', 'pop-b'),
      hop('uplink', 'b2', 'p-exit2'),
      hop('transit', 'b1', 'p-exit1'),
      hop('egress', 'b1', 'p-user'),
    ],
    [
      ['b2', 'p-client', 'p-popB', 2, 401],
      ['b2', 'p-popB', 'p-exit2', 4, null],
      ['b1', 'p-exit1', 'p-user', 2, null],
    ],
  ),
  diagnostics: [{ severity: 'info', code: 'VLAN_ALLOCATED', message: 'VLAN 400/401 on if_popB', elementId: 'p-popB' }],
};

/** Both services, both plans. */
export const input: ExportInput = {
  topology,
  services: [svc1, svc2],
  plans: [plan1, plan2],
  positions: [
    { elementId: 'b1', x: 100, y: 80.5 },
    { elementId: 'b2', x: 420, y: -12 },
  ],
  lint: [{ severity: 'warning', code: 'POOL_LOW', message: 'VLAN pool of if_popB is 2% used', elementId: 'p-popB' }],
};

/** Only svc1 (untagged). */
export const inputSvc1: ExportInput = { topology, services: [svc1], plans: [plan1] };

/** The same WAN with OpenFlow device ids (for ONOS). */
export function withControllerIds(base: ExportInput, ids: Readonly<Record<string, string>>): ExportInput {
  return {
    ...base,
    topology: {
      ...base.topology,
      bridges: base.topology.bridges.map((b) => ({ ...b, controllerId: ids[b.id] ?? b.controllerId })),
    },
  };
}

/** A copy of the input with one port changed. */
export function withPort(base: ExportInput, portId: string, change: Partial<{ name: string; ofPort: number | null }>): ExportInput {
  return {
    ...base,
    topology: {
      ...base.topology,
      ports: base.topology.ports.map((p) => (p.id === portId ? { ...p, ...change } : p)),
    },
  };
}
