/** The minimap's mapping from model space to its small canvas (pure). */
export interface Overview {
  readonly box: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
  readonly dots: readonly { readonly x: number; readonly y: number; readonly kind: string }[];
}

/** Fits model points into a `width` × `height` canvas with a small margin, keeping the aspect ratio. */
export function overviewOf(points: readonly { readonly x: number; readonly y: number; readonly kind: string }[], width: number, height: number, margin = 6): Overview | null {
  if (points.length === 0) return null;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  const scale = Math.min((width - 2 * margin) / Math.max(x2 - x1, 1), (height - 2 * margin) / Math.max(y2 - y1, 1));
  const offsetX = (width - scale * (x2 - x1)) / 2;
  const offsetY = (height - scale * (y2 - y1)) / 2;
  const o = { box: { x1, y1, x2, y2 }, scale, offsetX, offsetY, dots: [] as Overview['dots'] };
  return { ...o, dots: points.map((p) => ({ ...modelToMap(o, p), kind: p.kind })) };
}

/** Where a model point is on the minimap. */
export function modelToMap(o: Pick<Overview, 'box' | 'scale' | 'offsetX' | 'offsetY'>, p: { readonly x: number; readonly y: number }): { x: number; y: number } {
  return { x: o.offsetX + (p.x - o.box.x1) * o.scale, y: o.offsetY + (p.y - o.box.y1) * o.scale };
}
