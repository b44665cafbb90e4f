import type { PositionDto, TopologyDto } from '../../core/contract/dto';
import type { Point } from './layout';

/** Room kept between a newly placed node and every other node, in model units. */
export const CLEARANCE = 44;

/** Model points bucketed on a grid, so "is anything near here" looks at nine cells. */
export class Occupancy {
  private readonly cells = new Map<string, Point[]>();
  constructor(private readonly clearance = CLEARANCE) {}

  private key(i: number, j: number): string {
    return `${i},${j}`;
  }

  add(p: Point): void {
    const k = this.key(Math.floor(p.x / this.clearance), Math.floor(p.y / this.clearance));
    const list = this.cells.get(k);
    if (list) list.push(p);
    else this.cells.set(k, [p]);
  }

  isFree(p: Point): boolean {
    const [ci, cj] = [Math.floor(p.x / this.clearance), Math.floor(p.y / this.clearance)];
    for (let i = ci - 1; i <= ci + 1; i++) {
      for (let j = cj - 1; j <= cj + 1; j++) {
        for (const o of this.cells.get(this.key(i, j)) ?? []) if (Math.hypot(o.x - p.x, o.y - p.y) < this.clearance) return false;
      }
    }
    return true;
  }

  /** The free point nearest `want` on rings around it (`want` itself when free). */
  nearestFree(want: Point): Point {
    if (this.isFree(want)) return want;
    for (let ring = 1; ring < 60; ring++) {
      const r = ring * this.clearance * 0.75;
      const steps = 8 * ring;
      for (let k = 0; k < steps; k++) {
        const a = (2 * Math.PI * k) / steps;
        const p = { x: Math.round(want.x + r * Math.cos(a)), y: Math.round(want.y + r * Math.sin(a)) };
        if (this.isFree(p)) return p;
      }
    }
    return want;
  }
}

/**
 * Positions for auto-layout that keep what was placed by hand: a bridge with a pinned port (or
 * pinned itself) keeps all its stored positions, pinned segments, PoPs and NAPs keep theirs, and
 * the auto layout of everything else goes to the right of the hand-made part, so the two never
 * overlap. Without pins it is the auto layout.
 */
export function keepPinned(topology: TopologyDto, auto: ReadonlyMap<string, Point>, stored: readonly PositionDto[], pinned: ReadonlySet<string>): Map<string, Point> {
  const known = new Map(stored.map((p) => [p.elementId, { x: p.x, y: p.y }]));
  const keep = new Set<string>();
  for (const b of topology.bridges) {
    const ports = topology.ports.filter((p) => p.bridgeId === b.id);
    if (pinned.has(b.id) || ports.some((p) => pinned.has(p.id))) {
      for (const id of [b.id, ...ports.map((p) => p.id)]) if (known.has(id)) keep.add(id);
      const portIds = new Set(ports.map((p) => p.id));
      for (const s of topology.segments) if (portIds.has(s.portId) && known.has(s.id)) keep.add(s.id);
      for (const p of topology.pops) if (portIds.has(p.portId) && known.has(p.id)) keep.add(p.id);
      for (const n of topology.naps) if (portIds.has(n.cePortId) && known.has(n.id)) keep.add(n.id);
    }
  }
  for (const id of pinned) if (known.has(id)) keep.add(id);
  if (keep.size === 0) return new Map(auto);
  const kept = [...keep].map((id) => known.get(id)!);
  const keptRight = Math.max(...kept.map((p) => p.x));
  const keptTop = Math.min(...kept.map((p) => p.y));
  const moving = [...auto].filter(([id]) => !keep.has(id));
  const left = Math.min(...moving.map(([, p]) => p.x));
  const top = Math.min(...moving.map(([, p]) => p.y));
  const shift = { x: keptRight + 300 - left, y: keptTop - top };
  const out = new Map<string, Point>();
  for (const [id, p] of moving) out.set(id, { x: p.x + shift.x, y: p.y + shift.y });
  for (const id of keep) out.set(id, known.get(id)!);
  return out;
}
