import type { ElementDefinition } from 'cytoscape';
import type { PositionDto, TopologyDto } from '../../core/contract/dto';

/** Stable cytoscape id of a model element. */
export const elementId = {
  bridge: (id: string) => `bridge:${id}`,
  port: (id: string) => `port:${id}`,
  segment: (id: string) => `segment:${id}`,
  pop: (id: string) => `pop:${id}`,
  nap: (id: string) => `nap:${id}`,
  link: (id: string) => `link:${id}`,
} as const;

/** The node standing for the flat WAN that joins the bridges' uplinks. */
export const WAN_NODE = 'wan';

const isDefault = (prefix: string): boolean => prefix === '0.0.0.0/0' || prefix === '::/0';

/**
 * Maps a topology snapshot to cytoscape elements (pure; the model is the source of truth).
 *
 * Bridges are compound nodes holding their ports; segments, PoPs and NAPs hang off their
 * ports; default-route segments mark uplink ports, which join the WAN node. Stored positions
 * are used as is (preset layout); a node without one is placed next to its port.
 */
export function toElements(topology: TopologyDto, positions: readonly PositionDto[]): ElementDefinition[] {
  const pos = new Map(positions.map((p) => [p.elementId, { x: p.x, y: p.y }]));
  const portPos = (portId: string) => pos.get(portId) ?? { x: 0, y: 0 };
  const near = (id: string, portId: string, dx: number, dy: number) => pos.get(id) ?? { x: portPos(portId).x + dx, y: portPos(portId).y + dy };
  const uplinkPorts = new Set(topology.segments.filter((s) => isDefault(s.prefix)).map((s) => s.portId));
  const out: ElementDefinition[] = [];

  for (const b of topology.bridges) {
    const detail = b.controllerId !== b.name ? b.controllerId : (b.datapathId ?? '');
    out.push({ group: 'nodes', data: { id: elementId.bridge(b.id), modelId: b.id, kind: 'bridge', label: detail ? `${b.name}\n${detail}` : b.name }, classes: 'bridge' });
  }
  topology.ports.forEach((p, i) => {
    const uplink = uplinkPorts.has(p.id);
    out.push({
      group: 'nodes',
      data: { id: elementId.port(p.id), modelId: p.id, kind: 'port', parent: elementId.bridge(p.bridgeId), label: p.ofPort === null ? p.name : `${p.name} (${p.ofPort})` },
      position: pos.get(p.id) ?? { x: 80 * (i % 10), y: 80 * Math.floor(i / 10) },
      classes: uplink ? 'port uplink' : 'port',
    });
  });
  for (const s of topology.segments) {
    if (isDefault(s.prefix)) continue;
    out.push({ group: 'nodes', data: { id: elementId.segment(s.id), modelId: s.id, kind: 'segment', label: s.name ? `${s.prefix}\n${s.name}` : s.prefix }, position: near(s.id, s.portId, -140, 0), classes: 'segment' });
    out.push({ group: 'edges', data: { id: `attach:${s.id}`, source: elementId.segment(s.id), target: elementId.port(s.portId) }, classes: 'attach' });
  }
  for (const p of topology.pops) {
    out.push({ group: 'nodes', data: { id: elementId.pop(p.id), modelId: p.id, kind: 'pop', label: p.name }, position: near(p.id, p.portId, 0, 120), classes: 'pop' });
    out.push({ group: 'edges', data: { id: `attach:${p.id}`, source: elementId.pop(p.id), target: elementId.port(p.portId) }, classes: 'attach pop-attach' });
  }
  for (const n of topology.naps) {
    out.push({ group: 'nodes', data: { id: elementId.nap(n.id), modelId: n.id, kind: 'nap', label: n.name }, position: near(n.id, n.cePortId, -140, 80), classes: 'nap' });
    out.push({ group: 'edges', data: { id: `attach:${n.id}:ce`, source: elementId.nap(n.id), target: elementId.port(n.cePortId) }, classes: 'attach' });
  }
  for (const l of topology.links) {
    out.push({ group: 'edges', data: { id: elementId.link(l.id), modelId: l.id, source: elementId.port(l.aPortId), target: elementId.port(l.bPortId) }, classes: 'link' });
  }
  if (uplinkPorts.size > 0) {
    const ups = [...uplinkPorts].map(portPos);
    const centre = pos.get(WAN_NODE) ?? { x: avg(ups.map((p) => p.x)), y: avg(ups.map((p) => p.y)) - 60 };
    out.push({ group: 'nodes', data: { id: WAN_NODE, kind: 'wan', label: 'WAN' }, position: centre, classes: 'wan' });
    for (const portId of uplinkPorts) {
      out.push({ group: 'edges', data: { id: `wan:${portId}`, source: elementId.port(portId), target: WAN_NODE }, classes: 'wan-edge' });
    }
  }
  return out;
}

function avg(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}
