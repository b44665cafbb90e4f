import type { StylesheetJson } from 'cytoscape';
import { labelSizes, MIN_ZOOMED_FONT, type LabelSizes } from './labels';

/** Colours per theme; meaning is carried by shape, colour, width and z-order, not by labels alone. */
export interface GraphPalette {
  /** The canvas background (the page's `--bg`); WebGL blends arrow heads against it. */
  readonly background: string;
  readonly text: string;
  readonly textOutline: string;
  readonly bridgeFill: string;
  readonly bridgeBorder: string;
  readonly switchBorder: string;
  readonly port: string;
  readonly uplink: string;
  readonly segment: string;
  readonly pop: string;
  readonly nap: string;
  readonly link: string;
  readonly wan: string;
  readonly selected: string;
  readonly forward: string;
  readonly reverse: string;
  readonly trace: string;
  readonly down: string;
  readonly match: string;
  /** "Compare with…": elements only in the open project, changed, and only in the other file. */
  readonly diffAdded: string;
  readonly diffChanged: string;
  readonly diffRemoved: string;
}

/** Dark theme. */
export const darkPalette: GraphPalette = {
  background: '#0f172a',
  text: '#e2e8f0',
  textOutline: '#0f172a',
  bridgeFill: '#1e293b',
  bridgeBorder: '#64748b',
  switchBorder: '#0ea5e9',
  port: '#94a3b8',
  uplink: '#f59e0b',
  segment: '#38bdf8',
  pop: '#a78bfa',
  nap: '#34d399',
  link: '#cbd5e1',
  wan: '#475569',
  selected: '#f43f5e',
  forward: '#22c55e',
  reverse: '#e879f9',
  trace: '#facc15',
  down: '#ef4444',
  match: '#22d3ee',
  diffAdded: '#4ade80',
  diffChanged: '#fb923c',
  diffRemoved: '#f87171',
};

/** Light theme. */
export const lightPalette: GraphPalette = {
  background: '#f8fafc',
  text: '#0f172a',
  textOutline: '#f8fafc',
  bridgeFill: '#e2e8f0',
  bridgeBorder: '#64748b',
  switchBorder: '#0369a1',
  port: '#475569',
  uplink: '#d97706',
  segment: '#0284c7',
  pop: '#7c3aed',
  nap: '#059669',
  link: '#334155',
  wan: '#cbd5e1',
  selected: '#e11d48',
  forward: '#16a34a',
  reverse: '#c026d3',
  trace: '#ca8a04',
  down: '#dc2626',
  match: '#0891b2',
  diffAdded: '#15803d',
  diffChanged: '#c2410c',
  diffRemoved: '#b91c1c',
};

/** The UI themes. */
export type Theme = 'dark' | 'light';

/** Palette of a theme. */
export const palettes: Readonly<Record<Theme, GraphPalette>> = { dark: darkPalette, light: lightPalette };

/**
 * The graph's stylesheet (selectors only; no per-element inline styles). Later rules win, so
 * the order is: element kinds, then plan paths, trace, what-if, search, filter, selection.
 * z-order (manual across nodes and edges): bridge boxes 1 < edges 2–3 < WAN, segments, PoPs
 * 4 < ports 5 < path / trace edges 20–21 < highlighted nodes 22–25 < selection 30.
 */
export function graphStyle(c: GraphPalette = darkPalette, sizes: LabelSizes = labelSizes(0), far = false): StylesheetJson {
  return [
    // Manual z-order across nodes and edges: bridge boxes (1) < links and paths (2–21) < ports (5+).
    { selector: 'node', style: { 'z-index-compare': 'manual', label: 'data(label)', color: c.text, 'font-size': 11, 'text-wrap': 'wrap', 'text-valign': 'bottom', 'text-margin-y': 4, 'min-zoomed-font-size': MIN_ZOOMED_FONT, 'text-outline-color': c.textOutline, 'text-outline-width': 1.5 } },
    { selector: 'node.bridge', style: { shape: 'round-rectangle', 'background-color': c.bridgeFill, 'background-opacity': 0.6, 'border-width': 2, 'border-color': c.bridgeBorder, 'text-valign': 'top', 'text-margin-y': -4, 'font-weight': 'bold', 'font-size': sizes.bridge, width: 'data(w)', height: 'data(h)', 'z-index': 1 } },
    { selector: 'node.bridge-openflow, node.bridge-ovs', style: { shape: 'cut-rectangle', 'border-color': c.switchBorder, 'border-style': 'double', 'border-width': 4 } },
    { selector: 'node.port', style: { shape: 'ellipse', width: 18, height: 18, 'background-color': c.port, 'font-size': sizes.port, 'z-index': 5 } },
    { selector: 'node.port.uplink', style: { shape: 'diamond', width: 24, height: 24, 'background-color': c.uplink } },
    { selector: 'node.segment', style: { shape: 'tag', width: 34, height: 22, 'background-color': c.segment, 'font-size': sizes.segment, 'z-index': 4 } },
    { selector: 'node.pop', style: { shape: 'hexagon', width: 40, height: 36, 'background-color': c.pop, 'font-size': sizes.pop, 'z-index': 4 } },
    { selector: 'node.nap', style: { shape: 'vee', width: 28, height: 28, 'background-color': c.nap, 'font-size': sizes.nap, 'z-index': 4 } },
    { selector: 'node.wan', style: { shape: 'ellipse', width: 70, height: 44, 'background-color': c.wan, 'border-width': 2, 'border-style': 'dashed', 'border-color': c.uplink, 'text-valign': 'center', 'text-margin-y': 0, 'font-size': sizes.wan, 'z-index': 4 } },
    // Placed by hand (pinned: auto-layout keeps it): a double ring, a dashed box for a bridge.
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-style': 'double', 'border-color': c.text } },
    { selector: 'node.bridge.pinned', style: { 'border-style': 'dashed', 'border-width': 2, 'border-color': c.bridgeBorder } },
    { selector: 'node.bridge-openflow.pinned, node.bridge-ovs.pinned', style: { 'border-color': c.switchBorder } },
    // Haystack edges skip control-point and arrow maths: several times cheaper on 3,000 edges.
    { selector: 'edge', style: { 'z-index-compare': 'manual', width: 1.5, 'line-color': c.port, 'curve-style': 'haystack', 'haystack-radius': 0, 'z-index': 3 } },
    // Zoomed out, hundreds of links would hide the bridges and their names: they fade back.
    { selector: 'edge.link', style: { width: 4, 'line-color': c.link, opacity: far ? 0.35 : 1 } },
    { selector: 'edge.attach', style: { width: 1.5, 'line-style': 'dotted' } },
    { selector: 'edge.pop-attach', style: { 'line-color': c.pop } },
    { selector: 'edge.nap-attach', style: { 'line-color': c.nap } },
    { selector: 'edge.nap-pe', style: { width: 3, 'line-style': 'dashed' } },
    { selector: 'edge.wan-edge', style: { width: 2.5, 'line-style': 'dashed', 'line-color': c.uplink, 'z-index': 2 } },
    { selector: 'node.path-forward', style: { 'border-width': 4, 'border-color': c.forward, 'z-index': 22 } },
    { selector: 'node.path-reverse', style: { 'border-width': 4, 'border-color': c.reverse, 'z-index': 22 } },
    { selector: 'node.path-forward.path-reverse', style: { 'border-style': 'double', 'border-width': 6 } },
    { selector: 'edge.path-edge', style: { width: 4, 'curve-style': 'bezier', 'control-point-step-size': 36, 'target-arrow-shape': 'triangle', 'arrow-scale': 1.2, 'z-index': 20 } },
    { selector: 'edge.path-forward', style: { 'line-color': c.forward, 'target-arrow-color': c.forward } },
    { selector: 'edge.path-reverse', style: { 'line-color': c.reverse, 'target-arrow-color': c.reverse, 'line-style': 'dashed' } },
    { selector: 'node.hop-current', style: { 'underlay-color': c.forward, 'underlay-opacity': 0.45, 'underlay-padding': 10, 'underlay-shape': 'ellipse', 'z-index': 23 } },
    { selector: 'node.trace', style: { 'border-width': 4, 'border-color': c.trace, 'z-index': 22 } },
    { selector: 'node.trace-end', style: { 'underlay-color': c.trace, 'underlay-opacity': 0.5, 'underlay-padding': 10 } },
    { selector: 'node.trace-drop', style: { 'underlay-color': c.down, 'underlay-opacity': 0.6, 'underlay-padding': 10 } },
    { selector: 'edge.trace-edge', style: { width: 3, 'curve-style': 'unbundled-bezier', 'control-point-distances': 40, 'line-style': 'dashed', 'line-color': c.trace, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.trace, 'z-index': 21 } },
    // What-if: a down element is drawn above every overlay (plan paths 20-22, trace 21), so the
    // failure is never hidden under the green path.
    { selector: '.down', style: { 'background-color': c.down, 'line-color': c.down, 'border-color': c.down, 'border-style': 'dashed', 'line-style': 'dashed', 'underlay-color': c.down, 'underlay-opacity': 0.35, 'underlay-padding': 6, opacity: 1, 'z-index': 28 } },
    { selector: 'edge.down', style: { width: 6 } },
    // A service path cut by a down element: drawn up to the failure, the cut edge red with a bar
    // across it, the rest faded.
    { selector: 'edge.broken-path', style: { width: 4, 'curve-style': 'bezier', 'control-point-step-size': 30, 'target-arrow-shape': 'triangle', 'z-index': 19 } },
    { selector: 'edge.path-cut', style: { 'line-color': c.down, 'target-arrow-color': c.down, 'line-style': 'dashed', 'mid-target-arrow-shape': 'tee', 'mid-target-arrow-color': c.down, 'arrow-scale': 2, width: 5, 'z-index': 27 } },
    { selector: 'edge.path-after-cut', style: { opacity: 0.3 } },
    { selector: 'node.diff-added', style: { 'underlay-color': c.diffAdded, 'underlay-opacity': 0.6, 'underlay-padding': 10, 'underlay-shape': 'round-rectangle', 'z-index': 23 } },
    { selector: 'node.diff-changed', style: { 'underlay-color': c.diffChanged, 'underlay-opacity': 0.6, 'underlay-padding': 10, 'underlay-shape': 'round-rectangle', 'z-index': 23 } },
    { selector: 'node.diff-removed', style: { 'underlay-color': c.diffRemoved, 'underlay-opacity': 0.6, 'underlay-padding': 10, 'underlay-shape': 'round-rectangle', 'z-index': 23 } },
    { selector: 'edge.diff-added', style: { 'line-color': c.diffAdded, width: 6 } },
    { selector: 'edge.diff-changed', style: { 'line-color': c.diffChanged, width: 6 } },
    { selector: 'edge.diff-removed', style: { 'line-color': c.diffRemoved, width: 6, 'line-style': 'dashed' } },
    { selector: 'node.match', style: { 'underlay-color': c.match, 'underlay-opacity': 0.55, 'underlay-padding': 12, 'z-index': 24 } },
    { selector: '.flagged', style: { 'underlay-color': c.down, 'underlay-opacity': 0.6, 'underlay-padding': 14, 'z-index': 25 } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    { selector: '.ghost', style: { width: 2, height: 2, 'background-opacity': 0, label: '', events: 'no' } },
    { selector: 'edge.ghost-edge', style: { 'curve-style': 'straight', width: 3, 'line-style': 'dashed', 'line-color': c.selected, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.selected, events: 'no' } },
    // Zoomed out, a bridge's name alone, large, in the middle of its ring of ports.
    ...(far ? [{ selector: 'node.bridge', style: { label: 'data(name)', 'text-valign': 'center' as const, 'text-margin-y': 0 } }] : []),
    // Zoomed out, a segment shows its name (or its prefix when it has none) on one line.
    ...(far ? [{ selector: 'node.segment', style: { label: 'data(name)' } }] : []),
    // A label moved beside its node when the spot below was taken (labels.ts placeLabels).
    { selector: 'node.label-above', style: { 'text-valign': 'top', 'text-margin-y': -4 } },
    { selector: 'node.label-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-x': 4, 'text-margin-y': 0 } },
    { selector: 'node.label-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-x': -4, 'text-margin-y': 0 } },
    { selector: 'node.label-below-right', style: { 'text-valign': 'bottom', 'text-halign': 'right', 'text-margin-y': 4 } },
    { selector: 'node.label-below-left', style: { 'text-valign': 'bottom', 'text-halign': 'left', 'text-margin-y': 4 } },
    { selector: 'node.label-above-right', style: { 'text-valign': 'top', 'text-halign': 'right', 'text-margin-y': -4 } },
    { selector: 'node.label-above-left', style: { 'text-valign': 'top', 'text-halign': 'left', 'text-margin-y': -4 } },
    { selector: 'node.label-hidden', style: { label: '' } },
    // A collapsed bridge: its ports are hidden and its box stands for them.
    { selector: 'node.collapsed', style: { 'border-style': 'solid', 'border-width': 4, 'background-opacity': 0.9, 'text-valign': 'center', 'text-margin-y': 0 } },
    { selector: ':selected', style: { 'border-width': 3, 'border-color': c.selected, 'line-color': c.selected, 'z-index': 30 } },
    // A bridge box stays behind its ports whatever else applies to it.
    { selector: 'node.bridge', style: { 'z-index': 1 } },
  ];
}
