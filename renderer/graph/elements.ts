import type { ElementDefinition } from 'cytoscape';
import type { PositionDto, TopologyDto } from '../../core/contract/dto';
import { placeNodes, WAN_POSITION_ID } from './layout';
import { pinnedIds } from './pins';

/** Model element kinds drawn on the graph. */
export type GraphKind = 'bridge' | 'port' | 'segment' | 'pop' | 'nap' | 'link';

/** Stable cytoscape id of a model element. */
export const elementId = {
  bridge: (id: string) => `bridge:${id}`,
  port: (id: string) => `port:${id}`,
  segment: (id: string) => `segment:${id}`,
  pop: (id: string) => `pop:${id}`,
  nap: (id: string) => `nap:${id}`,
  link: (id: string) => `link:${id}`,
} as const satisfies Record<GraphKind, (id: string) => string>;

/** The node standing for the flat WAN that joins the bridges' uplinks. */
export const WAN_NODE = 'wan';

const isDefault = (prefix: string): boolean => prefix === '0.0.0.0/0' || prefix === '::/0';

/**
 * Maps a topology snapshot to cytoscape elements (pure; the model is the source of truth).
 *
 * A bridge is a box drawn behind its ports, sized from their positions (not a cytoscape
 * compound: compounds make styling 2,000 nodes several times slower); segments, PoPs and NAPs
 * hang off their ports; default-route segments mark uplink ports, which join the WAN node.
 * Positions come from `placeNodes`: stored ones as they are, the auto layout for the rest.
 */
export function toElements(topology: TopologyDto, positions: readonly PositionDto[]): ElementDefinition[] {
  const pos = placeNodes(topology, positions);
  const at = (id: string) => pos.get(id) ?? { x: 0, y: 0 };
  const uplinkPorts = new Set(topology.segments.filter((s) => isDefault(s.prefix)).map((s) => s.portId));
  const portsOf = new Map<string, { x: number; y: number }[]>();
  for (const p of topology.ports) {
    const list = portsOf.get(p.bridgeId);
    if (list) list.push(at(p.id));
    else portsOf.set(p.bridgeId, [at(p.id)]);
  }
  const out: ElementDefinition[] = [];
  // Placed by hand (auto-layout keeps them): drawn with a marker, and said so in the tooltip.
  const pinned = pinnedIds(positions);
  const pin = (id: string): string => (pinned.has(id) ? ' pinned' : '');

  for (const b of topology.bridges) {
    const detail = b.controllerId !== b.name ? b.controllerId : (b.datapathId ?? '');
    const box = bridgeBox(portsOf.get(b.id) ?? [at(b.id)]);
    out.push({
      group: 'nodes',
      data: { id: elementId.bridge(b.id), modelId: b.id, kind: 'bridge', name: b.name, label: detail ? `${b.name}\n${detail}` : b.name, w: box.w, h: box.h },
      position: { x: box.x, y: box.y },
      classes: `bridge bridge-${b.kind}${pin(b.id)}`,
    });
  }
  for (const p of topology.ports) {
    out.push({
      group: 'nodes',
      data: { id: elementId.port(p.id), modelId: p.id, kind: 'port', bridge: elementId.bridge(p.bridgeId), label: p.ofPort === null ? p.name : `${p.name} (${p.ofPort})` },
      position: at(p.id),
      classes: (uplinkPorts.has(p.id) ? 'port uplink' : 'port') + pin(p.id),
    });
  }
  for (const s of topology.segments) {
    if (isDefault(s.prefix)) continue;
    out.push({ group: 'nodes', data: { id: elementId.segment(s.id), modelId: s.id, kind: 'segment', name: s.name || s.prefix, label: s.name ? `${s.prefix}\n${s.name}` : s.prefix }, position: at(s.id), classes: `segment${pin(s.id)}` });
    out.push({ group: 'edges', data: { id: `attach:${s.id}`, source: elementId.segment(s.id), target: elementId.port(s.portId) }, classes: 'attach' });
  }
  for (const p of topology.pops) {
    out.push({ group: 'nodes', data: { id: elementId.pop(p.id), modelId: p.id, kind: 'pop', label: p.name }, position: at(p.id), classes: `pop${pin(p.id)}` });
    out.push({ group: 'edges', data: { id: `attach:${p.id}`, source: elementId.pop(p.id), target: elementId.port(p.portId) }, classes: 'attach pop-attach' });
  }
  for (const n of topology.naps) {
    out.push({ group: 'nodes', data: { id: elementId.nap(n.id), modelId: n.id, kind: 'nap', label: n.name }, position: at(n.id), classes: `nap${pin(n.id)}` });
    out.push({ group: 'edges', data: { id: `attach:${n.id}:ce`, source: elementId.nap(n.id), target: elementId.port(n.cePortId) }, classes: 'attach nap-attach' });
    if (n.pePortId !== n.cePortId) {
      out.push({ group: 'edges', data: { id: `attach:${n.id}:pe`, source: elementId.nap(n.id), target: elementId.port(n.pePortId) }, classes: 'attach nap-attach nap-pe' });
    }
  }
  for (const l of topology.links) {
    out.push({ group: 'edges', data: { id: elementId.link(l.id), modelId: l.id, kind: 'link', source: elementId.port(l.aPortId), target: elementId.port(l.bPortId) }, classes: 'link' });
  }
  if (uplinkPorts.size > 0) {
    out.push({ group: 'nodes', data: { id: WAN_NODE, kind: 'wan', label: 'WAN' }, position: at(WAN_POSITION_ID), classes: `wan${pin(WAN_POSITION_ID)}` });
    for (const portId of uplinkPorts) {
      out.push({ group: 'edges', data: { id: `wan:${portId}`, source: elementId.port(portId), target: WAN_NODE }, classes: 'wan-edge' });
    }
  }
  return out;
}

/** The model kind and id a cytoscape element stands for, or null (WAN node, overlays). */
export function modelOf(data: { readonly kind?: unknown; readonly modelId?: unknown }): { kind: GraphKind; id: string } | null {
  const kinds: readonly string[] = ['bridge', 'port', 'segment', 'pop', 'nap', 'link'];
  return typeof data.modelId === 'string' && typeof data.kind === 'string' && kinds.includes(data.kind) ? { kind: data.kind as GraphKind, id: data.modelId } : null;
}

/** Room between a bridge's outermost ports and its box. */
export const BRIDGE_PADDING = 34;

/** Centre and size of the box drawn behind a bridge's ports. */
export function bridgeBox(ports: readonly { readonly x: number; readonly y: number }[]): { x: number; y: number; w: number; h: number } {
  if (ports.length === 0) return { x: 0, y: 0, w: 2 * BRIDGE_PADDING, h: 2 * BRIDGE_PADDING };
  const xs = ports.map((p) => p.x);
  const ys = ports.map((p) => p.y);
  const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return { x: (x1 + x2) / 2, y: (y1 + y2) / 2, w: x2 - x1 + 2 * BRIDGE_PADDING, h: y2 - y1 + 2 * BRIDGE_PADDING };
}
