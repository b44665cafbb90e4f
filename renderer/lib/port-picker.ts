import type { TopologyDto } from '../../core/contract/dto';

/** One port a picker offers, named "bridge / port". */
export interface PortChoice {
  readonly value: string;
  readonly label: string;
  /** Nothing uses it yet: no link, segment, PoP or NAP. */
  readonly free: boolean;
}

/** What a picker shows for a query: free ports, then used ones, capped; `more` did not fit. */
export interface PortMatches {
  readonly free: readonly PortChoice[];
  readonly used: readonly PortChoice[];
  readonly more: number;
}

/** At most this many options are drawn; the rest is "N more, type to narrow". */
export const SHOWN_PORTS = 60;

/** Ports a link, segment, PoP or NAP uses. */
export function usedPorts(t: TopologyDto): Set<string> {
  const used = new Set<string>();
  for (const l of t.links) used.add(l.aPortId).add(l.bPortId);
  for (const s of t.segments) used.add(s.portId);
  for (const p of t.pops) used.add(p.portId);
  for (const n of t.naps) used.add(n.cePortId).add(n.pePortId);
  return used;
}

/** Every port as a choice labelled `bridge / port`, free ones first (each group in topology order). */
export function portChoices(t: TopologyDto): PortChoice[] {
  const bridges = new Map(t.bridges.map((b) => [b.id, b.name]));
  const used = usedPorts(t);
  const all = t.ports.map((p) => ({ value: p.id, label: `${bridges.get(p.bridgeId) ?? '?'} / ${p.name}`, free: !used.has(p.id) }));
  return [...all.filter((c) => c.free), ...all.filter((c) => !c.free)];
}

/**
 * The choices a query matches: every word of the query (case-insensitive) must appear in
 * "bridge / port", so "vbr3 lan" finds `vbr3 / if_crete_lan`. Free ports first; at most
 * `limit` are returned and `more` counts the rest.
 */
export function matchPorts(choices: readonly PortChoice[], query: string, limit = SHOWN_PORTS): PortMatches {
  const words = query.toLowerCase().split(/[\s/]+/).filter((w) => w.length > 0);
  const free: PortChoice[] = [];
  const used: PortChoice[] = [];
  let more = 0;
  for (const c of choices) {
    if (words.length > 0) {
      const label = c.label.toLowerCase();
      if (!words.every((w) => label.includes(w))) continue;
    }
    if (free.length + used.length >= limit) more += 1;
    else (c.free ? free : used).push(c);
  }
  return { free, used, more };
}
