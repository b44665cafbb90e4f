import type { HopDto, PlanDto, ServiceDto, TopologyDto } from '../../core/contract/dto';
import { DEFAULT_VLAN_POOL } from '../../core/contract/dto';
import { namesOf } from '../lib/names';
import type { GraphKind } from './elements';

/** The ports an element stands for on a planned path (a link: both ends; a bridge: all its ports). */
function portsOf(t: TopologyDto, kind: GraphKind, id: string): Set<string> {
  switch (kind) {
    case 'port':
      return new Set([id]);
    case 'bridge':
      return new Set(t.ports.filter((p) => p.bridgeId === id).map((p) => p.id));
    case 'link': {
      const l = t.links.find((x) => x.id === id);
      return new Set(l ? [l.aPortId, l.bPortId] : []);
    }
    case 'pop': {
      const p = t.pops.find((x) => x.id === id);
      return new Set(p ? [p.portId] : []);
    }
    case 'segment': {
      const s = t.segments.find((x) => x.id === id);
      return new Set(s ? [s.portId] : []);
    }
    case 'nap': {
      const n = t.naps.find((x) => x.id === id);
      return new Set(n ? [n.cePortId, n.pePortId] : []);
    }
  }
}

/** Whether a path goes through an element: a link when two consecutive hops are its ends. */
function pathUses(hops: readonly HopDto[], kind: GraphKind, id: string, ports: ReadonlySet<string>): boolean {
  if (kind === 'pop') return hops.some((h) => h.popId === id);
  if (kind === 'link') return hops.some((h, i) => i > 0 && ports.has(h.portId) && ports.has(hops[i - 1]!.portId) && h.portId !== hops[i - 1]!.portId);
  return hops.some((h) => ports.has(h.portId));
}

/** Names of the planned services whose forward or reverse path goes through an element, sorted. */
export function servicesThrough(t: TopologyDto, plans: readonly PlanDto[], services: readonly ServiceDto[], kind: GraphKind, id: string): string[] {
  const ports = portsOf(t, kind, id);
  const names = new Map(services.map((s) => [s.id, s.name]));
  return plans
    .filter((p) => pathUses(p.forward.hops, kind, id, ports) || pathUses(p.reverse.hops, kind, id, ports))
    .map((p) => names.get(p.serviceId) ?? p.serviceId)
    .sort((a, b) => a.localeCompare(b));
}

/** An element's key facts for its tooltip: a title and `label: value` lines. */
export interface ElementFacts {
  readonly title: string;
  readonly lines: readonly (readonly [string, string])[];
}

/** Key facts of an element: names, prefix, VLAN pool, what it hangs off, and services through it. */
export function elementFacts(t: TopologyDto, plans: readonly PlanDto[], services: readonly ServiceDto[], kind: GraphKind, id: string): ElementFacts | null {
  const names = namesOf(t);
  const lines: [string, string][] = [];
  let title: string;
  if (kind === 'bridge') {
    const b = t.bridges.find((x) => x.id === id);
    if (!b) return null;
    title = `Bridge ${b.name}`;
    lines.push(['Kind', b.kind], ['Controller name', b.controllerId]);
    if (b.datapathId) lines.push(['Datapath', b.datapathId]);
    lines.push(['Ports', String(t.ports.filter((p) => p.bridgeId === id).length)]);
  } else if (kind === 'port') {
    const p = t.ports.find((x) => x.id === id);
    if (!p) return null;
    title = `Port ${names.port(id)}`;
    if (p.ofPort !== null) lines.push(['OpenFlow port', String(p.ofPort)]);
    const pool = t.vlanPools.find((v) => v.portId === id) ?? DEFAULT_VLAN_POOL;
    lines.push(['VLAN pool', `${pool.first}–${pool.last}${pool === DEFAULT_VLAN_POOL ? ' (default)' : ''}`]);
    const segs = t.segments.filter((s) => s.portId === id).map((s) => s.prefix);
    if (segs.length > 0) lines.push(['Segments', segs.join(', ')]);
    const pops = t.pops.filter((x) => x.portId === id).map((x) => x.name);
    if (pops.length > 0) lines.push(['PoP', pops.join(', ')]);
  } else if (kind === 'segment') {
    const s = t.segments.find((x) => x.id === id);
    if (!s) return null;
    title = `Segment ${s.name ?? s.prefix}`;
    lines.push(['Prefix', s.prefix], ['On port', names.port(s.portId)]);
  } else if (kind === 'pop') {
    const p = t.pops.find((x) => x.id === id);
    if (!p) return null;
    title = `PoP ${p.name}`;
    lines.push(['On port', names.port(p.portId)]);
    if (p.aliases.length > 0) lines.push(['Aliases', p.aliases.join(', ')]);
    const pool = t.vlanPools.find((v) => v.portId === p.portId) ?? DEFAULT_VLAN_POOL;
    lines.push(['VLAN pool', `${pool.first}–${pool.last}`]);
  } else if (kind === 'nap') {
    const n = t.naps.find((x) => x.id === id);
    if (!n) return null;
    title = `NAP ${n.name}`;
    lines.push(['Customer edge', names.port(n.cePortId)], ['Provider edge', names.port(n.pePortId)]);
  } else {
    const l = t.links.find((x) => x.id === id);
    if (!l) return null;
    title = 'Link';
    lines.push(['From', names.port(l.aPortId)], ['To', names.port(l.bPortId)]);
  }
  const through = servicesThrough(t, plans, services, kind, id);
  lines.push(['Services through it', through.length === 0 ? 'none planned' : through.join(', ')]);
  return { title, lines };
}

/**
 * Index of the first edge of a planned path that a down element cuts (edge i joins hop i-1 to
 * hop i), or -1: a hop is cut when its port, its bridge or its PoP is down, an edge when a down
 * link joins its two ports.
 */
export function firstCut(t: TopologyDto, hops: readonly HopDto[], down: ReadonlySet<string>): number {
  const downPorts = new Set<string>();
  for (const p of t.ports) if (down.has(p.id) || down.has(p.bridgeId)) downPorts.add(p.id);
  const downPairs = new Set<string>();
  for (const l of t.links) if (down.has(l.id)) downPairs.add(`${l.aPortId}|${l.bPortId}`).add(`${l.bPortId}|${l.aPortId}`);
  const hopDown = (h: HopDto): boolean => downPorts.has(h.portId) || (h.popId !== null && down.has(h.popId));
  if (hops.length > 0 && hopDown(hops[0]!)) return 1;
  for (let i = 1; i < hops.length; i++) {
    if (hopDown(hops[i]!) || downPairs.has(`${hops[i - 1]!.portId}|${hops[i]!.portId}`)) return i;
  }
  return -1;
}
