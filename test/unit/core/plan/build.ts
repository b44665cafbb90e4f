import type { PlanDto, PopDto, ServiceDto, TopologyDto, VlanPoolDto } from '../../../../core/contract/dto';

/** A port: its segments (prefix strings) and/or the PoP attached to it. */
export interface PortSpec {
  readonly segments?: readonly string[];
  readonly pop?: string;
  readonly aliases?: readonly string[];
  readonly pool?: readonly [number, number];
}

/**
 * Builds a topology from a compact spec. Bridge ids are the bridge names, port ids the port
 * names (unique across bridges in a spec), PoP ids `pop-<name>`. A port written as a string is
 * a prefix (segment) or `pop:<name>`.
 */
export function topology(spec: {
  readonly bridges: Readonly<Record<string, Readonly<Record<string, string | PortSpec>>>>;
  readonly links?: readonly (readonly [string, string])[];
  readonly defaults?: { readonly sourceSegment: string | null; readonly targetSegment: string | null };
}): TopologyDto {
  const bridges: TopologyDto['bridges'][number][] = [];
  const ports: TopologyDto['ports'][number][] = [];
  const segments: TopologyDto['segments'][number][] = [];
  const pops: PopDto[] = [];
  const vlanPools: VlanPoolDto[] = [];
  for (const [bridge, portSpecs] of Object.entries(spec.bridges)) {
    bridges.push({ id: bridge, name: bridge, kind: 'vtn-vbridge', controllerId: bridge });
    for (const [name, raw] of Object.entries(portSpecs)) {
      const p: PortSpec =
        typeof raw !== 'string' ? raw : raw.startsWith('pop:') ? { pop: raw.slice(4) } : { segments: [raw] };
      ports.push({ id: name, bridgeId: bridge, name, ofPort: ports.length + 1 });
      for (const prefix of p.segments ?? []) {
        segments.push({ id: `seg-${segments.length + 1}`, prefix, portId: name, name: null });
      }
      if (p.pop !== undefined) pops.push({ id: `pop-${p.pop}`, name: p.pop, portId: name, aliases: p.aliases ?? [] });
      if (p.pool) vlanPools.push({ portId: name, first: p.pool[0], last: p.pool[1] });
    }
  }
  return {
    bridges,
    ports,
    links: (spec.links ?? []).map(([a, b], i) => ({ id: `link-${i + 1}`, aPortId: a, bPortId: b })),
    segments,
    pops,
    naps: [],
    vlanPools,
    defaults: spec.defaults ?? { sourceSegment: null, targetSegment: null },
  };
}

/** A service with the given endpoints and chain. */
export function service(
  id: string,
  inSegment: string | null,
  outSegment: string | null,
  chain: readonly string[],
  extra: Partial<Pick<ServiceDto, 'reverseChain' | 'attributes' | 'name'>> = {},
): ServiceDto {
  return {
    id,
    name: extra.name ?? id,
    inSegment,
    outSegment,
    chain,
    reverseChain: extra.reverseChain ?? null,
    state: 'draft',
    provenance: null,
    attributes: extra.attributes ?? {},
  };
}

/** A direction's rules as [bridge, in-port, out-port] triples. */
export function hops(plan: PlanDto, direction: 'forward' | 'reverse'): string[][] {
  return plan[direction].rules.map((r) => [r.bridgeId, r.inPortId, r.outPortId]);
}

/** Worked example 1: one bridge. */
export function example1(): TopologyDto {
  return topology({
    bridges: {
      vbr1: {
        'if-user': '10.0.1.0/24',
        'if-popA': 'pop:vimA',
        'if-popB': 'pop:vimB',
        'if-client': '10.0.9.0/24',
        'if-exit': '0.0.0.0/0',
      },
    },
  });
}

/** Worked example 2: two bridges joined by the WAN between their uplinks. */
export function example2(): TopologyDto {
  return topology({
    bridges: {
      vbr1: { 'if-user': '10.0.1.0/24', 'if-popA': 'pop:vimA', 'if-exit1': '0.0.0.0/0' },
      vbr2: { 'if-popB': 'pop:vimB', 'if-client': '10.0.9.0/24', 'if-exit2': '0.0.0.0/0' },
    },
  });
}

/** The service of both worked examples. */
export const svc1 = service('svc1', '10.0.1.10/32', '10.0.9.20/32', ['vimA', 'vimB']);
