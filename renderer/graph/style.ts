import type { StylesheetJson } from 'cytoscape';

/** Colours per theme; meaning is carried by shape, colour, width and z-order, not by labels alone. */
export interface GraphPalette {
  readonly text: string;
  readonly bridgeFill: string;
  readonly bridgeBorder: string;
  readonly port: string;
  readonly uplink: string;
  readonly segment: string;
  readonly pop: string;
  readonly nap: string;
  readonly link: string;
  readonly wan: string;
  readonly selected: string;
}

export const darkPalette: GraphPalette = {
  text: '#e2e8f0',
  bridgeFill: '#1e293b',
  bridgeBorder: '#64748b',
  port: '#94a3b8',
  uplink: '#f59e0b',
  segment: '#38bdf8',
  pop: '#a78bfa',
  nap: '#34d399',
  link: '#cbd5e1',
  wan: '#475569',
  selected: '#f43f5e',
};

/** The graph's stylesheet (selectors only; no per-element inline styles). */
export function graphStyle(c: GraphPalette = darkPalette): StylesheetJson {
  return [
    { selector: 'node', style: { label: 'data(label)', color: c.text, 'font-size': 11, 'text-wrap': 'wrap', 'text-valign': 'bottom', 'text-margin-y': 4, 'min-zoomed-font-size': 6 } },
    { selector: 'node.bridge', style: { shape: 'round-rectangle', 'background-color': c.bridgeFill, 'background-opacity': 0.6, 'border-width': 2, 'border-color': c.bridgeBorder, 'text-valign': 'top', 'text-margin-y': -4, 'font-weight': 'bold', padding: '24px', 'z-index': 1 } },
    { selector: 'node.port', style: { shape: 'ellipse', width: 18, height: 18, 'background-color': c.port, 'font-size': 9, 'z-index': 5 } },
    { selector: 'node.port.uplink', style: { shape: 'diamond', width: 24, height: 24, 'background-color': c.uplink } },
    { selector: 'node.segment', style: { shape: 'tag', width: 34, height: 22, 'background-color': c.segment, 'z-index': 4 } },
    { selector: 'node.pop', style: { shape: 'hexagon', width: 40, height: 36, 'background-color': c.pop, 'z-index': 4 } },
    { selector: 'node.nap', style: { shape: 'vee', width: 28, height: 28, 'background-color': c.nap, 'z-index': 4 } },
    { selector: 'node.wan', style: { shape: 'ellipse', width: 70, height: 44, 'background-color': c.wan, 'border-width': 2, 'border-style': 'dashed', 'border-color': c.uplink, 'text-valign': 'center', 'text-margin-y': 0, 'z-index': 2 } },
    { selector: 'edge', style: { width: 1.5, 'line-color': c.port, 'curve-style': 'straight', 'z-index': 3 } },
    { selector: 'edge.link', style: { width: 4, 'line-color': c.link } },
    { selector: 'edge.attach', style: { width: 1.5, 'line-style': 'dotted' } },
    { selector: 'edge.pop-attach', style: { 'line-color': c.pop } },
    { selector: 'edge.wan-edge', style: { width: 2.5, 'line-style': 'dashed', 'line-color': c.uplink, 'z-index': 2 } },
    { selector: ':selected', style: { 'border-width': 3, 'border-color': c.selected, 'line-color': c.selected, 'z-index': 10 } },
  ];
}
