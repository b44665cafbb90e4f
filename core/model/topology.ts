import type {
  BridgeDto,
  LinkDto,
  PopDto,
  PortDto,
  SegmentDto,
  TopologyDto,
} from '../contract/dto';

/** A topology with nothing in it. */
export function emptyTopology(): TopologyDto {
  return {
    bridges: [],
    ports: [],
    links: [],
    segments: [],
    pops: [],
    naps: [],
    vlanPools: [],
    defaults: { sourceSegment: null, targetSegment: null },
  };
}

/** Whether a canonical prefix is a default route (`0.0.0.0/0` or `::/0`): an uplink marker. */
export function isDefaultRoute(prefix: string): boolean {
  return prefix === '0.0.0.0/0' || prefix === '::/0';
}

/**
 * Read-only look-ups over one topology snapshot, built once per snapshot.
 *
 * PoPs are found by name or alias, case-insensitively; uplinks are the ports carrying a
 * default-route segment (the IPv4 one is preferred when a bridge has both).
 */
export class TopologyIndex {
  readonly bridgeById: ReadonlyMap<string, BridgeDto>;
  readonly portById: ReadonlyMap<string, PortDto>;
  readonly popById: ReadonlyMap<string, PopDto>;
  readonly segmentById: ReadonlyMap<string, SegmentDto>;
  readonly portsByBridge: ReadonlyMap<string, readonly PortDto[]>;
  readonly linksByPort: ReadonlyMap<string, readonly LinkDto[]>;
  private readonly popByKey: ReadonlyMap<string, PopDto>;
  private readonly uplinks: ReadonlyMap<string, { v4?: PortDto; v6?: PortDto }>;

  constructor(readonly topology: TopologyDto) {
    this.bridgeById = byId(topology.bridges);
    this.portById = byId(topology.ports);
    this.popById = byId(topology.pops);
    this.segmentById = byId(topology.segments);
    this.portsByBridge = groupBy(topology.ports, (p) => [p.bridgeId]);
    this.linksByPort = groupBy(topology.links, (l) => [l.aPortId, l.bPortId]);
    const popByKey = new Map<string, PopDto>();
    for (const pop of topology.pops) {
      for (const key of [pop.name, ...pop.aliases]) {
        const k = key.toLowerCase();
        if (!popByKey.has(k)) popByKey.set(k, pop);
      }
    }
    this.popByKey = popByKey;
    const uplinks = new Map<string, { v4?: PortDto; v6?: PortDto }>();
    for (const seg of topology.segments) {
      if (!isDefaultRoute(seg.prefix)) continue;
      const port = this.portById.get(seg.portId);
      if (!port) continue;
      const entry = uplinks.get(port.bridgeId) ?? {};
      if (seg.prefix === '0.0.0.0/0') entry.v4 ??= port;
      else entry.v6 ??= port;
      uplinks.set(port.bridgeId, entry);
    }
    this.uplinks = uplinks;
  }

  /** The PoP with this name or alias (case-insensitive). */
  findPop(nameOrAlias: string): PopDto | undefined {
    return this.popByKey.get(nameOrAlias.toLowerCase());
  }

  /** The uplink port of a bridge for an address family (falls back to the other family). */
  uplinkOf(bridgeId: string, family: 4 | 6 = 4): PortDto | undefined {
    const entry = this.uplinks.get(bridgeId);
    if (!entry) return undefined;
    return family === 6 ? (entry.v6 ?? entry.v4) : (entry.v4 ?? entry.v6);
  }
}

function byId<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const list = out.get(key);
      if (list) list.push(item);
      else out.set(key, [item]);
    }
  }
  return out;
}
