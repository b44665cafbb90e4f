import type { LinkDto } from '../contract/dto';
import type { TopologyIndex } from '../model';

/** One link crossed: leave through `fromPortId` (current bridge), enter at `toPortId`. */
export interface LinkStep {
  readonly linkId: string;
  readonly fromPortId: string;
  readonly fromBridgeId: string;
  readonly toPortId: string;
  readonly toBridgeId: string;
}

interface Edge {
  readonly link: LinkDto;
  readonly fromPortId: string;
  readonly toPortId: string;
  readonly toBridgeId: string;
}

/**
 * Shortest paths (fewest links) between bridges over the topology's explicit links.
 *
 * Breadth-first, neighbours in topology link order, so the result is deterministic. A path and
 * its reverse are computed once and mirrored, which keeps a service's reverse direction the
 * exact mirror of its forward one. Links whose ports are on the same bridge, or missing, are
 * ignored.
 */
export class LinkPaths {
  private readonly adjacency = new Map<string, Edge[]>();
  private readonly cache = new Map<string, readonly LinkStep[] | null>();

  constructor(index: TopologyIndex, excluded: ReadonlySet<string> = new Set()) {
    for (const link of index.topology.links) {
      if (excluded.has(link.id)) continue;
      const a = index.portById.get(link.aPortId);
      const b = index.portById.get(link.bPortId);
      if (!a || !b || a.bridgeId === b.bridgeId) continue;
      this.edgesOf(a.bridgeId).push({ link, fromPortId: a.id, toPortId: b.id, toBridgeId: b.bridgeId });
      this.edgesOf(b.bridgeId).push({ link, fromPortId: b.id, toPortId: a.id, toBridgeId: a.bridgeId });
    }
  }

  /** Whether a bridge has any usable link. */
  isLinked(bridgeId: string): boolean {
    return this.adjacency.has(bridgeId);
  }

  /** Links to cross from one bridge to another, or null when no link path joins them. */
  between(fromBridgeId: string, toBridgeId: string): readonly LinkStep[] | null {
    if (fromBridgeId === toBridgeId) return [];
    if (!this.adjacency.has(fromBridgeId) || !this.adjacency.has(toBridgeId)) return null;
    const flipped = fromBridgeId > toBridgeId;
    const key = flipped ? `${toBridgeId}\u0000${fromBridgeId}` : `${fromBridgeId}\u0000${toBridgeId}`;
    let path = this.cache.get(key);
    if (path === undefined) {
      path = flipped ? this.search(toBridgeId, fromBridgeId) : this.search(fromBridgeId, toBridgeId);
      this.cache.set(key, path);
    }
    return path === null || !flipped ? path : mirror(path);
  }

  private search(from: string, to: string): readonly LinkStep[] | null {
    const cameBy = new Map<string, { edge: Edge; from: string } | null>([[from, null]]);
    let frontier = [from];
    while (frontier.length > 0 && !cameBy.has(to)) {
      const next: string[] = [];
      for (const bridge of frontier) {
        for (const edge of this.adjacency.get(bridge) ?? []) {
          if (cameBy.has(edge.toBridgeId)) continue;
          cameBy.set(edge.toBridgeId, { edge, from: bridge });
          next.push(edge.toBridgeId);
        }
      }
      frontier = next;
    }
    if (!cameBy.has(to)) return null;
    const steps: LinkStep[] = [];
    for (let at = cameBy.get(to); at; at = cameBy.get(at.from)) {
      steps.push({
        linkId: at.edge.link.id,
        fromPortId: at.edge.fromPortId,
        fromBridgeId: at.from,
        toPortId: at.edge.toPortId,
        toBridgeId: at.edge.toBridgeId,
      });
    }
    return steps.reverse();
  }

  private edgesOf(bridgeId: string): Edge[] {
    const found = this.adjacency.get(bridgeId);
    if (found) return found;
    const made: Edge[] = [];
    this.adjacency.set(bridgeId, made);
    return made;
  }
}

function mirror(path: readonly LinkStep[]): LinkStep[] {
  return path
    .map((s) => ({
      linkId: s.linkId,
      fromPortId: s.toPortId,
      fromBridgeId: s.toBridgeId,
      toPortId: s.fromPortId,
      toBridgeId: s.fromBridgeId,
    }))
    .reverse();
}
