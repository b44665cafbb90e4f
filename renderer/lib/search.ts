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
