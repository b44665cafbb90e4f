import type { TopologyDto } from '../../core/contract/dto';

/** Display names of topology elements by id, for tables and hop lists. */
export interface Names {
  bridge(id: string): string;
  /** `bridge / port`. */
  port(id: string): string;
  pop(id: string | null): string;
  /** Any element by id (`bridge / port` for ports), or the id itself. */
  any(id: string): string;
}

/** Builds name lookups over a topology. */
export function namesOf(t: TopologyDto | null): Names {
  const bridges = new Map((t?.bridges ?? []).map((b) => [b.id, b.name]));
  const ports = new Map((t?.ports ?? []).map((p) => [p.id, `${bridges.get(p.bridgeId) ?? p.bridgeId} / ${p.name}`]));
  const pops = new Map((t?.pops ?? []).map((p) => [p.id, p.name]));
  const others = new Map<string, string>([
    ...(t?.segments ?? []).map((s) => [s.id, s.prefix] as const),
    ...(t?.naps ?? []).map((n) => [n.id, n.name] as const),
    ...(t?.links ?? []).map((l) => [l.id, `link ${ports.get(l.aPortId) ?? l.aPortId} — ${ports.get(l.bPortId) ?? l.bPortId}`] as const),
  ]);
  return {
    bridge: (id) => bridges.get(id) ?? id,
    port: (id) => ports.get(id) ?? id,
    pop: (id) => (id === null ? '' : (pops.get(id) ?? id)),
    any: (id) => ports.get(id) ?? bridges.get(id) ?? pops.get(id) ?? others.get(id) ?? id,
  };
}

/** Model id → kind of every topology element. */
export function kindIndex(t: TopologyDto | null): ReadonlyMap<string, 'bridge' | 'port' | 'segment' | 'pop' | 'nap' | 'link'> {
  const map = new Map<string, 'bridge' | 'port' | 'segment' | 'pop' | 'nap' | 'link'>();
  if (!t) return map;
  for (const [kind, list] of [['bridge', t.bridges], ['port', t.ports], ['segment', t.segments], ['pop', t.pops], ['nap', t.naps], ['link', t.links]] as const) {
    for (const e of list) map.set(e.id, kind);
  }
  return map;
}
