import type { PositionDto, TopologyDto } from '../../core/contract/dto';

/** A copied element. */
export interface Copied {
  readonly kind: 'bridge' | 'port' | 'link' | 'segment' | 'pop' | 'nap';
  readonly id: string;
}

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Node ids a paste of `items` draws anew: the elements, and the ports of copied bridges. */
export function copiedNodeIds(items: readonly Copied[], t: TopologyDto): string[] {
  const bridges = new Set(items.filter((i) => i.kind === 'bridge').map((i) => i.id));
  const ids = items.filter((i) => i.kind !== 'link').map((i) => i.id);
  for (const p of t.ports) if (bridges.has(p.bridgeId)) ids.push(p.id);
  return [...new Set(ids)];
}

/**
 * Where the copies go: the copied group keeps its shape and moves beside the originals (right,
 * below, left, above, then farther out) to the first place where no copy comes within
 * `clearance` of a drawn node. Positions are keyed by the original's id.
 */
export function pastePositions(group: readonly string[], drawn: ReadonlyMap<string, Point>, clearance = 120): PositionDto[] {
  const points = group.flatMap((id) => {
    const p = drawn.get(id);
    return p ? [{ id, p }] : [];
  });
  if (points.length === 0) return [];
  const xs = points.map((q) => q.p.x);
  const ys = points.map((q) => q.p.y);
  const width = Math.max(...xs) - Math.min(...xs) + clearance;
  const height = Math.max(...ys) - Math.min(...ys) + clearance;
  const others = [...drawn.values()];
  const free = (dx: number, dy: number): boolean => points.every(({ p }) => others.every((o) => Math.hypot(o.x - p.x - dx, o.y - p.y - dy) >= clearance));
  let offset = { dx: width, dy: 0 };
  search: for (let ring = 1; ring <= 12; ring++) {
    for (const [fx, fy] of [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [-1, 1], [1, -1], [-1, -1]] as const) {
      const candidate = { dx: fx * width * ring, dy: fy * height * ring };
      if (free(candidate.dx, candidate.dy)) {
        offset = candidate;
        break search;
      }
    }
  }
  return points.map(({ id, p }) => ({ elementId: id, x: Math.round(p.x + offset.dx), y: Math.round(p.y + offset.dy) }));
}
