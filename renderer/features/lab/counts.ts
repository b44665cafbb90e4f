import type { LabProbeDto } from '../../../core/contract/api';

/** The packets a probe counted leaving one port, forward and reverse (one number per rule). */
export interface PortCount {
  readonly portId: string;
  /** `bridge/port`, as the probe names it. */
  readonly port: string;
  readonly forward: readonly number[];
  readonly reverse: readonly number[];
  /** Some rule leaving here counted fewer packets than were sent, or discards what it counted. */
  readonly short: boolean;
}

/**
 * Per-port packet counts of a probe (pure): each rule's count is put on the port it sends the
 * packets out of, so the graph shows, PoP by PoP, how many went each way. Ports in path order.
 */
export function portCounts(probe: LabProbeDto): PortCount[] {
  const byPort = new Map<string, { port: string; forward: number[]; reverse: number[]; short: boolean }>();
  for (const direction of [probe.forward, probe.reverse]) {
    const expected = direction === probe.reverse && !probe.forward.delivered ? 0 : probe.sent;
    for (const hop of direction.hops) {
      let entry = byPort.get(hop.outPortId);
      if (!entry) byPort.set(hop.outPortId, (entry = { port: hop.outPort, forward: [], reverse: [], short: false }));
      entry[direction.direction].push(hop.packets);
      if (hop.packets < expected || !hop.installed || hop.drops) entry.short = true;
    }
  }
  return [...byPort].map(([portId, e]) => ({ portId, ...e }));
}

/** A badge's text: `▶ 3 ◀ 3` (several rules leaving the same port: `▶ 3+3`). */
export function badgeText(count: PortCount): string {
  const part = (arrow: string, n: readonly number[]): string => (n.length === 0 ? '' : `${arrow} ${n.join('+')}`);
  return [part('▶', count.forward), part('◀', count.reverse)].filter(Boolean).join(' ');
}

/** The graph's `data-lab-counts`: `bridge/port=f3,r3` per drawn badge, sorted (empty when none). */
export function countsSignal(counts: readonly PortCount[]): string {
  return counts
    .map((c) => `${c.port}=${[...c.forward.map((n) => `f${n}`), ...c.reverse.map((n) => `r${n}`)].join(',')}`)
    .sort()
    .join(' ');
}
