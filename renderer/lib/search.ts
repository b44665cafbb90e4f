import type { AddressLookupDto } from '../../core/contract/api';
import type { TopologyDto } from '../../core/contract/dto';
import type { GraphKind } from '../graph/elements';

/** One element found by the search box. */
export interface SearchMatch {
  readonly kind: GraphKind;
  readonly id: string;
  readonly label: string;
}

/** At most this many matches are listed and highlighted. */
export const MAX_MATCHES = 200;

/**
 * Elements whose name, prefix, controller id or alias contains the query (case-insensitive);
 * a query that looks like an address also finds the segments whose prefix starts the same way
 * (`172.16.1` finds 172.16.1.0/24). Bridges, PoPs and segments come first.
 */
export function searchTopology(topology: TopologyDto, query: string): SearchMatch[] {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [];
  const hit = (...texts: readonly (string | null | undefined)[]): boolean => texts.some((t) => t?.toLowerCase().includes(q));
  const bridges = new Map(topology.bridges.map((b) => [b.id, b.name]));
  const portName = new Map(topology.ports.map((p) => [p.id, `${bridges.get(p.bridgeId) ?? '?'} / ${p.name}`]));
  const out: SearchMatch[] = [
    ...topology.bridges.filter((b) => hit(b.name, b.controllerId, b.datapathId)).map((b) => ({ kind: 'bridge' as const, id: b.id, label: b.name })),
    ...topology.pops.filter((p) => hit(p.name, ...p.aliases)).map((p) => ({ kind: 'pop' as const, id: p.id, label: p.name })),
    ...topology.segments.filter((s) => hit(s.prefix, s.name)).map((s) => ({ kind: 'segment' as const, id: s.id, label: s.name ? `${s.prefix} (${s.name})` : s.prefix })),
    ...topology.ports.filter((p) => hit(p.name)).map((p) => ({ kind: 'port' as const, id: p.id, label: portName.get(p.id) ?? p.name })),
    ...topology.naps.filter((n) => hit(n.name)).map((n) => ({ kind: 'nap' as const, id: n.id, label: n.name })),
  ];
  return out.slice(0, MAX_MATCHES);
}

/** Whether a query is a whole IPv4 or IPv6 address (or prefix), worth a longest-prefix lookup. */
export function looksLikeAddress(query: string): boolean {
  const q = query.trim();
  return /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/.test(q) || (/^[0-9a-f:]+(\/\d{1,3})?$/i.test(q) && q.includes('::')) || /^([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(\/\d{1,3})?$/i.test(q);
}

/** The segment an address lands in, as a search result labelled "10.20.0.0/24 on vbr2 / if_internet". */
export function addressMatch(lookup: AddressLookupDto, topology: TopologyDto): SearchMatch | null {
  if (lookup.segmentId === null) return null;
  const port = topology.ports.find((p) => p.id === lookup.portId);
  const bridge = topology.bridges.find((b) => b.id === lookup.bridgeId);
  const where = port ? ` on ${bridge?.name ?? '?'} / ${port.name}` : '';
  const also = lookup.alsoOn.length > 0 ? ` (and ${lookup.alsoOn.length} more)` : '';
  const label = `${lookup.segmentPrefix}${lookup.isDefault ? ' (uplink default route)' : ''}${where}${also}`;
  return { kind: 'segment', id: lookup.segmentId, label };
}
