import type { Collection, Core, NodeSingular } from 'cytoscape';
import { FAR_LEVEL, LABEL_SIDES, type LabelKind, type LabelledNode, placeLabels } from './labels';

/** Class that hides a node's label (its neighbours' labels won the room). */
export const LABEL_HIDDEN = 'label-hidden';

/** Body sizes per node kind, as style.ts draws them (bridges carry theirs in data). */
const BODY: Readonly<Record<Exclude<LabelKind, 'bridge'>, readonly [number, number]>> = { wan: [70, 44], pop: [40, 36], segment: [34, 22], nap: [28, 28], port: [18, 18] };

function labelled(n: NodeSingular, far: boolean): LabelledNode | null {
  const kind = n.data('kind') as LabelKind | undefined;
  if (!kind || n.hasClass('transient') || n.style('display') === 'none') return null;
  const p = n.position();
  const label = String(n.data('label') ?? '');
  if (kind === 'bridge') {
    const w = Number(n.data('w'));
    const h = Number(n.data('h'));
    return far || n.hasClass('collapsed') ? { id: n.id(), kind, x: p.x, y: p.y, w, h, label: far ? String(n.data('name') ?? label) : label, centred: true } : { id: n.id(), kind, x: p.x, y: p.y, w, h, label };
  }
  const [w, h] = n.hasClass('uplink') ? [24, 24] : BODY[kind];
  // Zoomed out, a segment shows its name alone (style.ts), one short line instead of two.
  return { id: n.id(), kind, x: p.x, y: p.y, w, h, label: far && kind === 'segment' ? String(n.data('name') ?? label) : label };
}

/**
 * Shows the labels that fit at a zoom level and hides the rest (only nodes whose state changes
 * are touched). Returns how many labels of each kind are shown, e.g. `bridge 40/40, pop 31/40`.
 */
export function applyLabels(cy: Core, level: number): string {
  const nodes: LabelledNode[] = [];
  cy.nodes().forEach((n) => {
    const l = labelled(n, level <= FAR_LEVEL);
    if (l) nodes.push(l);
  });
  const shown = placeLabels(nodes, level);
  const counts = new Map<LabelKind, [number, number]>();
  cy.batch(() => {
    for (const l of nodes) {
      const side = shown.get(l.id);
      const visible = side !== undefined;
      const c = counts.get(l.kind) ?? [0, 0];
      counts.set(l.kind, [c[0] + (visible ? 1 : 0), c[1] + 1]);
      const node = cy.getElementById(l.id);
      if (node.hasClass(LABEL_HIDDEN) === visible) node.toggleClass(LABEL_HIDDEN, !visible);
      // The side a label moved to when the spot below its node was taken.
      for (const s of LABEL_SIDES) {
        const want = s !== 'below' && s === side && l.kind !== 'bridge';
        if (node.hasClass(`label-${s}`) !== want) node.toggleClass(`label-${s}`, want);
      }
    }
  });
  return [...counts].map(([kind, [n, of]]) => `${kind} ${n}/${of}`).join(', ');
}

/** Whether the person asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** Zoom at which a revealed element is shown: close enough to read port labels. */
export const FOCUS_ZOOM = 1.2;

/**
 * Centres the view on elements and zooms to them: one element at a reading zoom (never
 * zooming out), several so they all fit. Animates briefly unless reduced motion is asked for.
 * Returns a promise that settles when the view is in place.
 */
export function focusOn(cy: Core, targets: Collection, padding = 80): Promise<void> {
  const box = targets.boundingBox({ includeLabels: false, includeOverlays: false });
  const [w, h] = [cy.width(), cy.height()];
  const fitZoom = Math.min((w - 2 * padding) / Math.max(box.w, 1), (h - 2 * padding) / Math.max(box.h, 1));
  const zoom = Math.min(cy.maxZoom(), targets.length === 1 ? Math.max(cy.zoom(), FOCUS_ZOOM) : Math.min(fitZoom, 2));
  const cx = (box.x1 + box.x2) / 2;
  const cyy = (box.y1 + box.y2) / 2;
  const pan = { x: w / 2 - zoom * cx, y: h / 2 - zoom * cyy };
  cy.stop(true, false);
  if (prefersReducedMotion()) {
    cy.viewport({ zoom, pan });
    return Promise.resolve();
  }
  return new Promise((done) => {
    cy.animate({ zoom, pan }, { duration: 250, easing: 'ease-in-out-cubic', complete: () => done() });
  });
}
