import type { PositionDto, TopologyDto } from '../../core/contract/dto';
import { Occupancy } from './placement';

/** A model position. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Model id (or `wan`) → position. */
export type Positions = ReadonlyMap<string, Point>;

/** Id under which the WAN node's position is stored. */
export const WAN_POSITION_ID = 'wan';

/**
 * Options of the `bridge-grid` layout. Every option is documented next to its default in
 * `bridgeGridDefaults`.
 */
export interface BridgeGridOptions {
  readonly minRing: number;
  readonly portSpacing: number;
  readonly attachGap: number;
  readonly attachStep: number;
  readonly margin: number;
  readonly gap: number;
  readonly wanLift: number;
  readonly aspect: number;
}

/** Defaults of the `bridge-grid` layout. */
export const bridgeGridDefaults: BridgeGridOptions = {
  /** Smallest radius of the ring of ports drawn around a bridge's centre. */
  minRing: 60,
  /** Arc length given to each port on the ring: a bridge with many ports gets a wider ring. */
  portSpacing: 64,
  /** Distance from a port out to its first attachment (segment, PoP, NAP), along the same ray. */
  attachGap: 110,
  /** Extra distance between several attachments of one port. */
  attachStep: 70,
  /** Room kept around a bridge's outermost node for labels. */
  margin: 80,
  /**
   * Gap between two bridges' cells. Room for the names of segments and PoPs, which sit beside
   * their node at Fit: at 60 the right-hand names of one bridge ran into its neighbour's ring of
   * ports, and the 2,000-element WAN showed 85 of its 160 segment names at Fit; at 150 all 160.
   */
  gap: 150,
  /** How far above the first row the WAN node sits. */
  wanLift: 180,
  /** Width / height ratio the rows aim for. */
  aspect: 1.6,
};

/** A named layout: topology in, a position for every node out. Pure and deterministic. */
export interface LayoutImpl<O> {
  readonly name: string;
  readonly defaults: O;
  run(topology: TopologyDto, options: O): Map<string, Point>;
}

/**
 * `bridge-grid`: each bridge is a ring of its ports (uplinks on top, towards the WAN) with
 * segments, PoPs and NAPs further out on the same ray; bridges are packed in rows ("shelves")
 * in breadth-first order over their links so linked bridges sit near each other; the WAN node
 * sits above the rows. O(nodes + links), no iteration: 2,000 nodes take a few milliseconds,
 * where force-directed layouts (cose) take minutes. Every bridge owns a disjoint square cell,
 * so bridges never overlap.
 */
export const bridgeGrid: LayoutImpl<BridgeGridOptions> = {
  name: 'bridge-grid',
  defaults: bridgeGridDefaults,
  run(topology, o) {
    const index = indexTopology(topology);
    const local = topology.bridges.map((b) => ringOf(index, b.id, o));
    const cells = packRows(bfsOrder(topology, index).map((i) => local[i]!), o);
    const out = new Map<string, Point>();
    for (const cell of cells) {
      for (const [id, p] of cell.ring.points) out.set(id, { x: cell.x + p.x, y: cell.y + p.y });
    }
    const width = Math.max(0, ...cells.map((c) => c.x + c.ring.extent));
    out.set(WAN_POSITION_ID, { x: width / 2, y: -o.wanLift });
    return out;
  },
};

/** The layout registry (`{ name, impl }`, as cytoscape's layout extensions). */
export const layouts = { 'bridge-grid': bridgeGrid } as const;

/** A layout's name. */
export type LayoutName = keyof typeof layouts;

/** Runs a layout with its defaults, overridden by `options`. */
export function autoLayout(topology: TopologyDto, name: LayoutName = 'bridge-grid', options: Partial<BridgeGridOptions> = {}): Map<string, Point> {
  const impl = layouts[name];
  return impl.run(topology, { ...impl.defaults, ...options });
}

/**
 * Where every node is drawn: its stored position when it has one; otherwise the auto layout,
 * moved to stay with what is stored (a new port joins its bridge's other ports, a segment
 * stays with its port, a new bridge goes to the right of the drawing).
 */
export function placeNodes(topology: TopologyDto, stored: readonly PositionDto[]): Map<string, Point> {
  const auto = autoLayout(topology);
  if (stored.length === 0) return auto;
  const known = new Map(stored.map((p) => [p.elementId, { x: p.x, y: p.y }]));
  const index = indexTopology(topology);
  const out = new Map<string, Point>();
  const at = (id: string): Point => auto.get(id) ?? { x: 0, y: 0 };
  const box = bounds([...known.values()]);
  const fresh = topology.bridges.filter((b) => !known.has(b.id) && !(index.ports.get(b.id) ?? []).some((p) => known.has(p)));
  const freshBox = bounds(fresh.flatMap((b) => [at(b.id), ...(index.ports.get(b.id) ?? []).map(at)]));
  const freshShift = { x: box.maxX + 300 - freshBox.minX, y: box.minY - freshBox.minY };
  for (const b of topology.bridges) {
    const ports = index.ports.get(b.id) ?? [];
    const placed = ports.filter((p) => known.has(p));
    const shift =
      placed.length > 0
        ? minus(centroid(placed.map((p) => known.get(p)!)), centroid(placed.map(at)))
        : known.has(b.id)
          ? minus(known.get(b.id)!, at(b.id))
          : freshShift;
    out.set(b.id, known.get(b.id) ?? plus(at(b.id), shift));
    for (const p of ports) out.set(p, known.get(p) ?? plus(at(p), shift));
  }
  for (const [portId, attached] of index.attachments) {
    const port = out.get(portId) ?? at(portId);
    for (const id of attached) out.set(id, known.get(id) ?? plus(port, minus(at(id), at(portId))));
  }
  // What has no stored position never lands on another node: it moves to the nearest free spot.
  const taken = new Occupancy();
  const unplaced: string[] = [];
  for (const [id, p] of out) {
    if (known.has(id)) taken.add(p);
    else unplaced.push(id);
  }
  for (const id of unplaced) {
    const p = taken.nearestFree(out.get(id)!);
    out.set(id, p);
    taken.add(p);
  }
  const uplinks = [...index.uplinks].map((p) => out.get(p) ?? at(p));
  const centre = centroid(uplinks);
  out.set(WAN_POSITION_ID, known.get(WAN_POSITION_ID) ?? { x: centre.x, y: centre.y - 60 });
  return out;
}

interface TopologyIndex {
  /** Bridge id → its port ids, uplinks first. */
  readonly ports: Map<string, string[]>;
  /** Port id → ids of the segments, PoPs and NAPs hanging off it. */
  readonly attachments: Map<string, string[]>;
  readonly uplinks: Set<string>;
  readonly bridgeOfPort: Map<string, string>;
}

const isDefaultRoute = (prefix: string): boolean => prefix === '0.0.0.0/0' || prefix === '::/0';

function indexTopology(t: TopologyDto): TopologyIndex {
  const uplinks = new Set(t.segments.filter((s) => isDefaultRoute(s.prefix)).map((s) => s.portId));
  const ports = new Map<string, string[]>(t.bridges.map((b) => [b.id, []]));
  const bridgeOfPort = new Map<string, string>();
  for (const p of [...t.ports.filter((p) => uplinks.has(p.id)), ...t.ports.filter((p) => !uplinks.has(p.id))]) {
    ports.get(p.bridgeId)?.push(p.id);
    bridgeOfPort.set(p.id, p.bridgeId);
  }
  const attachments = new Map<string, string[]>();
  const attach = (portId: string, id: string): void => {
    const list = attachments.get(portId);
    if (list) list.push(id);
    else attachments.set(portId, [id]);
  };
  for (const s of t.segments) if (!isDefaultRoute(s.prefix)) attach(s.portId, s.id);
  for (const p of t.pops) attach(p.portId, p.id);
  for (const n of t.naps) attach(n.cePortId, n.id);
  return { ports, attachments, uplinks, bridgeOfPort };
}

interface Ring {
  /** Node id → position relative to the bridge's centre. */
  readonly points: Map<string, Point>;
  /** Half the side of the square cell the bridge needs. */
  readonly extent: number;
}

function ringOf(index: TopologyIndex, bridgeId: string, o: BridgeGridOptions): Ring {
  const ports = index.ports.get(bridgeId) ?? [];
  const radius = Math.max(o.minRing, (ports.length * o.portSpacing) / (2 * Math.PI));
  const points = new Map<string, Point>([[bridgeId, { x: 0, y: 0 }]]);
  let reach = radius;
  ports.forEach((portId, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / ports.length;
    const ray = (r: number): Point => ({ x: round(r * Math.cos(angle)), y: round(r * Math.sin(angle)) });
    points.set(portId, ray(radius));
    (index.attachments.get(portId) ?? []).forEach((id, k) => {
      const r = radius + o.attachGap + k * o.attachStep;
      reach = Math.max(reach, r);
      points.set(id, ray(r));
    });
  });
  return { points, extent: reach + o.margin };
}

/** Bridge indexes in breadth-first order over links, starting from each unvisited bridge in model order. */
function bfsOrder(t: TopologyDto, index: TopologyIndex): number[] {
  const position = new Map(t.bridges.map((b, i) => [b.id, i]));
  const neighbours = t.bridges.map(() => new Set<number>());
  for (const l of t.links) {
    const a = position.get(index.bridgeOfPort.get(l.aPortId) ?? '');
    const b = position.get(index.bridgeOfPort.get(l.bPortId) ?? '');
    if (a === undefined || b === undefined || a === b) continue;
    neighbours[a]!.add(b);
    neighbours[b]!.add(a);
  }
  const seen = new Set<number>();
  const order: number[] = [];
  for (let start = 0; start < t.bridges.length; start++) {
    if (seen.has(start)) continue;
    seen.add(start);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      order.push(current);
      for (const next of [...neighbours[current]!].sort((x, y) => x - y)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return order;
}

interface Cell {
  readonly ring: Ring;
  readonly x: number;
  readonly y: number;
}

/** Shelf packing: left to right, a new row when the row is full; each bridge gets its own square. */
function packRows(rings: readonly Ring[], o: BridgeGridOptions): Cell[] {
  const area = rings.reduce((sum, r) => sum + (2 * r.extent + o.gap) ** 2, 0);
  const rowWidth = Math.sqrt(area * o.aspect);
  const rows: Ring[][] = [];
  let width = 0;
  for (const ring of rings) {
    const size = 2 * ring.extent + o.gap;
    const row = rows[rows.length - 1];
    if (row && width + size <= rowWidth) {
      row.push(ring);
      width += size;
    } else {
      rows.push([ring]);
      width = size;
    }
  }
  const cells: Cell[] = [];
  let top = 0;
  for (const row of rows) {
    const half = Math.max(...row.map((r) => r.extent));
    let left = 0;
    for (const ring of row) {
      cells.push({ ring, x: left + ring.extent, y: top + half });
      left += 2 * ring.extent + o.gap;
    }
    top += 2 * half + o.gap;
  }
  return cells;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function plus(a: Point, b: Point): Point {
  return { x: a.x + b.x, y: a.y + b.y };
}

function minus(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y };
}

function centroid(points: readonly Point[]): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  return { x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length };
}

function bounds(points: readonly Point[]): { minX: number; minY: number; maxX: number; maxY: number } {
  if (points.length === 0) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return {
    minX: Math.min(...points.map((p) => p.x)),
    minY: Math.min(...points.map((p) => p.y)),
    maxX: Math.max(...points.map((p) => p.x)),
    maxY: Math.max(...points.map((p) => p.y)),
  };
}
