import type { Collection, Core, NodeCollection } from 'cytoscape';

/**
 * What the canvas shows, as text for its ARIA label (`3 bridges, 9 ports, 3 PoPs, 6 segments`,
 * then links and NAPs when there are any).
 */
export function drawnSummary(cy: Core): string {
  const count = (selector: string): number => cy.$(selector).length;
  const parts = [`${count('node.bridge')} bridges`, `${count('node.port')} ports`, `${count('node.pop')} PoPs`, `${count('node.segment')} segments`];
  const links = count('edge.link');
  if (links > 0) parts.push(`${links} link${links === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/**
 * The drawn plan paths, read back from cytoscape (not from the model): per direction the
 * model ids of the ports its path edges join, in hop order, e.g.
 * `forward: p1 > p2 > p3; reverse: p3 > p2 > p1`. Empty when no path is drawn.
 */
export function highlightedPath(cy: Core): string {
  const parts: string[] = [];
  for (const direction of ['forward', 'reverse'] as const) {
    const edges = cy
      .edges(`.path-edge.path-${direction}`)
      .toArray()
      .sort((a, b) => seq(a.id()) - seq(b.id()));
    if (edges.length === 0) continue;
    const ports = [edges[0]!.source(), ...edges.map((e) => e.target())].map((n) => String(n.data('modelId')));
    parts.push(`${direction}: ${ports.join(' > ')}`);
  }
  return parts.join('; ');
}

/**
 * The PoPs a service filter keeps in full colour (model ids, sorted, comma-separated), read
 * back from cytoscape; empty when nothing is dimmed.
 */
export function focusedPops(cy: Core): string {
  if (cy.$('.dimmed').length === 0) return '';
  return cy
    .nodes('node.pop')
    .not('.dimmed')
    .map((n) => String(n.data('modelId')))
    .sort()
    .join(',');
}

/**
 * The "Compare with…" marks drawn, read back from cytoscape: per mark the model ids carrying
 * it, sorted, e.g. `added: l1,p2; changed: pop1`. Empty when nothing is marked.
 */
export function diffMarks(cy: Core): string {
  const parts: string[] = [];
  for (const how of ['added', 'changed', 'removed'] as const) {
    const ids = cy.$(`.diff-${how}`).map((e) => String(e.data('modelId'))).sort();
    if (ids.length > 0) parts.push(`${how}: ${ids.join(',')}`);
  }
  return parts.join('; ');
}

/** Where a single selected node is on screen (`x,y` in canvas pixels), or ''. */
export function renderedSpot(selected: NodeCollection): string {
  if (selected.length !== 1) return '';
  const p = selected.first().renderedPosition();
  return `${Math.round(p.x)},${Math.round(p.y)}`;
}

function seq(id: string): number {
  return Number(id.slice(id.lastIndexOf(':') + 1));
}

/** Whether every element of a collection is drawn inside the canvas (with a small margin). */
export function isInView(cy: Core, targets: Collection, margin = 20): boolean {
  const box = targets.renderedBoundingBox({ includeLabels: false });
  return box.x1 >= margin && box.y1 >= margin && box.x2 <= cy.width() - margin && box.y2 <= cy.height() - margin;
}

/** A model-space box. */
export interface Extent {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * The box around a list of element definitions' positions, widened by `margin` for node
 * sizes and labels, or null when nothing has a position. Fitting to this is instant, where
 * `cy.fit()` measures every label first (over a second at 2,000 nodes).
 */
export function extentOf(elements: readonly { readonly position?: { readonly x: number; readonly y: number } }[], margin = 60): Extent | null {
  let box: { x1: number; y1: number; x2: number; y2: number } | null = null;
  for (const e of elements) {
    const p = e.position;
    if (!p) continue;
    if (!box) box = { x1: p.x, y1: p.y, x2: p.x, y2: p.y };
    else {
      box.x1 = Math.min(box.x1, p.x);
      box.y1 = Math.min(box.y1, p.y);
      box.x2 = Math.max(box.x2, p.x);
      box.y2 = Math.max(box.y2, p.y);
    }
  }
  return box && { x1: box.x1 - margin, y1: box.y1 - margin, x2: box.x2 + margin, y2: box.y2 + margin };
}

/** Zoom and pan that show `box` in a `width` × `height` canvas with `padding` pixels around it. */
export function viewportFor(box: Extent, width: number, height: number, padding: number, zoomRange: { readonly min: number; readonly max: number }): { zoom: number; pan: { x: number; y: number } } {
  const w = Math.max(box.x2 - box.x1, 1);
  const h = Math.max(box.y2 - box.y1, 1);
  const zoom = Math.min(zoomRange.max, Math.max(zoomRange.min, Math.min((width - 2 * padding) / w, (height - 2 * padding) / h)));
  return { zoom, pan: { x: (width - zoom * (box.x1 + box.x2)) / 2, y: (height - zoom * (box.y1 + box.y2)) / 2 } };
}

/**
 * The what-if cuts drawn, read back from cytoscape: per broken path the service id, direction
 * and the two ports of the cut edge, e.g. `svc1 forward: p2 x p3`. Empty when nothing is cut.
 */
export function brokenPaths(cy: Core): string {
  return cy
    .edges('.path-cut')
    .map((e) => `${String(e.data('serviceId'))} ${e.hasClass('path-forward') ? 'forward' : 'reverse'}: ${String(e.source().data('modelId'))} x ${String(e.target().data('modelId'))}`)
    .sort()
    .join('; ');
}
