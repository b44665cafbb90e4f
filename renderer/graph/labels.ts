/**
 * Labels by level of detail. At every zoom each kind of label is drawn at a size a person can
 * read (bridge names largest), port labels only once zoomed in, and a greedy pass hides the
 * labels that would overlap a node or a more important label, so no label ever covers its
 * neighbours. Zoomed out, a bridge shows its name alone, in the middle of its ring of ports. Pure functions: GraphCanvas applies them when the zoom crosses a level.
 */

/** Kinds of labelled nodes, most important first: that is the order labels are placed in. */
export const LABEL_KINDS = ['bridge', 'wan', 'pop', 'segment', 'nap', 'port'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

/** Font size per kind, in model units (cytoscape scales them by the zoom). */
export type LabelSizes = Readonly<Record<LabelKind, number>>;

/** Zoom levels at or below this one are "far": bridges show their name in the middle, links fade. */
export const FAR_LEVEL = -4;

/** Sizes at zoom 1 (and above: zooming in makes them bigger, as a map does). */
const natural: LabelSizes = { bridge: 13, wan: 12, pop: 11, segment: 10, nap: 10, port: 9 };
/** Smallest size on screen, in CSS pixels, each kind is kept at when zoomed out. */
const onScreen: LabelSizes = { bridge: 13, wan: 11, pop: 11, segment: 10, nap: 10, port: 0 };
/** Port labels are not enlarged: below this zoom they are too small and cytoscape hides them. */
export const MIN_ZOOMED_FONT = 6;

/** A zoom step: labels are resized when the zoom crosses one (factor 1.25), not on every frame. */
export function zoomLevel(zoom: number): number {
  return Math.round(Math.log(zoom) / Math.log(1.25));
}

/** The zoom a level stands for. */
export function levelZoom(level: number): number {
  return 1.25 ** level;
}

/** Font sizes for a zoom level: at least the natural size, and big enough to read on screen. */
export function labelSizes(level: number): LabelSizes {
  const zoom = levelZoom(level);
  const out = {} as Record<LabelKind, number>;
  for (const kind of LABEL_KINDS) out[kind] = Math.round(Math.max(natural[kind], onScreen[kind] / zoom) * 10) / 10;
  return out;
}

/** What the placement needs to know about one drawn node. */
export interface LabelledNode {
  readonly id: string;
  readonly kind: LabelKind;
  readonly x: number;
  readonly y: number;
  /** Node body size in model units. */
  readonly w: number;
  readonly h: number;
  readonly label: string;
  /** The label is drawn in the middle of the node (a bridge's name, zoomed out). */
  readonly centred?: boolean;
}

/**
 * Where a label sits around its node: below is the default; when that spot is taken the label
 * may go above, to the right or to the left (GraphCanvas sets the matching class).
 */
export const LABEL_SIDES = ['below', 'above', 'right', 'left', 'below-right', 'below-left', 'above-right', 'above-left'] as const;
export type LabelSide = (typeof LABEL_SIDES)[number];

/** A model-space rectangle. */
interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Width of one character relative to the font size (DejaVu / Helvetica average, a little generous). */
const CHAR_WIDTH = 0.56;
const LINE_HEIGHT = 1.2;
const GAP = 4;

/**
 * The box a node's label takes: below the node (or on `side`), above it for bridges, in the
 * middle when centred (as style.ts draws them).
 */
export function labelBox(n: LabelledNode, fontSize: number, side: LabelSide = 'below'): Box {
  const lines = n.label.split('\n');
  const w = Math.max(...lines.map((l) => l.length)) * fontSize * CHAR_WIDTH;
  const h = lines.length * fontSize * LINE_HEIGHT;
  const x1 = n.x - w / 2;
  if (n.kind === 'wan' || n.centred) return { x1, y1: n.y - h / 2, x2: x1 + w, y2: n.y + h / 2 };
  if (n.kind === 'bridge' || side === 'above') return { x1, y1: n.y - n.h / 2 - GAP - h, x2: x1 + w, y2: n.y - n.h / 2 - GAP };
  if (side === 'right') return { x1: n.x + n.w / 2 + GAP, y1: n.y - h / 2, x2: n.x + n.w / 2 + GAP + w, y2: n.y + h / 2 };
  if (side === 'left') return { x1: n.x - n.w / 2 - GAP - w, y1: n.y - h / 2, x2: n.x - n.w / 2 - GAP, y2: n.y + h / 2 };
  // Corners: cytoscape draws these beside the node's corner (halign left/right with valign top/bottom).
  const [cx1, cx2] = side.endsWith('right') ? [n.x + n.w / 2, n.x + n.w / 2 + w] : [n.x - n.w / 2 - w, n.x - n.w / 2];
  if (side === 'above-right' || side === 'above-left') return { x1: cx1, y1: n.y - n.h / 2 - GAP - h, x2: cx2, y2: n.y - n.h / 2 - GAP };
  if (side === 'below-right' || side === 'below-left') return { x1: cx1, y1: n.y + n.h / 2 + GAP, x2: cx2, y2: n.y + n.h / 2 + GAP + h };
  return { x1, y1: n.y + n.h / 2 + GAP, x2: x1 + w, y2: n.y + n.h / 2 + GAP + h };
}

/** A uniform grid over model space, so each overlap test looks at a few neighbours only. */
class Grid {
  private readonly cells = new Map<string, Box[]>();
  constructor(private readonly size: number) {}

  private keys(b: Box): string[] {
    const out: string[] = [];
    for (let i = Math.floor(b.x1 / this.size); i <= Math.floor(b.x2 / this.size); i++) {
      for (let j = Math.floor(b.y1 / this.size); j <= Math.floor(b.y2 / this.size); j++) out.push(`${i},${j}`);
    }
    return out;
  }

  hits(b: Box): boolean {
    for (const key of this.keys(b)) {
      for (const o of this.cells.get(key) ?? []) if (b.x1 < o.x2 && b.x2 > o.x1 && b.y1 < o.y2 && b.y2 > o.y1) return true;
    }
    return false;
  }

  add(b: Box): void {
    for (const key of this.keys(b)) {
      const list = this.cells.get(key);
      if (list) list.push(b);
      else this.cells.set(key, [b]);
    }
  }
}

/**
 * Ids of the nodes whose label is shown at this zoom: in order of importance, a label is shown
 * when it overlaps no node body (other than its own) and no label already shown; port labels
 * only when big enough to read. Bridge boxes are not obstacles (their labels sit above them and
 * their ports inside them), every other node body is.
 */
export function visibleLabels(nodes: readonly LabelledNode[], level: number): Set<string> {
  return new Set(placeLabels(nodes, level).keys());
}

/**
 * The shown labels and the side each sits on: as `visibleLabels`, but a label whose spot below
 * its node is taken tries above, right and left before it is hidden (bridges and centred labels
 * have one spot). The order of the result is the order labels were placed in.
 */
export function placeLabels(nodes: readonly LabelledNode[], level: number): Map<string, LabelSide> {
  const sizes = labelSizes(level);
  const zoom = levelZoom(level);
  const grid = new Grid(Math.max(40, 120 / zoom));
  const bodies = new Map<string, Box>();
  for (const n of nodes) {
    if (n.kind === 'bridge') continue;
    const body = { x1: n.x - n.w / 2, y1: n.y - n.h / 2, x2: n.x + n.w / 2, y2: n.y + n.h / 2 };
    bodies.set(n.id, body);
    grid.add(body);
  }
  const shown = new Map<string, LabelSide>();
  const ordered = [...nodes].filter((n) => n.label !== '').sort((a, b) => LABEL_KINDS.indexOf(a.kind) - LABEL_KINDS.indexOf(b.kind));
  for (const n of ordered) {
    if (sizes[n.kind] * zoom < MIN_ZOOMED_FONT) continue;
    // Bridge names come first and are drawn over the empty middle of their box; every other
    // label must keep clear of node bodies and of the labels already placed.
    if (n.kind === 'bridge') {
      shown.set(n.id, 'below');
      grid.add(labelBox(n, sizes[n.kind]));
      continue;
    }
    const sides: readonly LabelSide[] = n.kind === 'wan' || n.centred ? ['below'] : LABEL_SIDES;
    for (const side of sides) {
      const box = labelBox(n, sizes[n.kind], side);
      if (grid.hits(clearOfOwnBody(box, bodies.get(n.id), side))) continue;
      shown.set(n.id, side);
      grid.add(box);
      break;
    }
  }
  return shown;
}

/** A label may touch its own node's body (it sits right beside it), never another one. */
function clearOfOwnBody(box: Box, own: Box | undefined, side: LabelSide): Box {
  if (!own) return box;
  const e = 0.01;
  switch (side) {
    case 'below':
      return { ...box, y1: Math.max(box.y1, own.y2 + e) };
    case 'above':
      return { ...box, y2: Math.min(box.y2, own.y1 - e) };
    case 'right':
      return { ...box, x1: Math.max(box.x1, own.x2 + e) };
    case 'left':
      return { ...box, x2: Math.min(box.x2, own.x1 - e) };
    case 'below-right':
    case 'below-left':
      return { ...box, y1: Math.max(box.y1, own.y2 + e) };
    case 'above-right':
    case 'above-left':
      return { ...box, y2: Math.min(box.y2, own.y1 - e) };
  }
}
