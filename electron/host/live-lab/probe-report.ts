/**
 * What a probe saw, hop by hop (pure): from the counters before and after the packets, the
 * plan's rules and the simulator's trace, the per-hop packet counts, where packets stopped, and
 * whether the real path is the simulator's.
 */
import type { TraceDto } from '../../../core/contract/api';
import type { Direction, PathDto, TopologyDto } from '../../../core/contract/dto';

/** One rule of the plan on a lab bridge and the packets its flow counted during the probe. */
export interface ProbeHop {
  readonly seq: number;
  readonly bridge: string;
  readonly inPort: string;
  readonly outPort: string;
  /** The PoP the rule sends to, or null. */
  readonly toPop: string | null;
  readonly packets: number;
  /** False when the flow is not on the bridge (removed, never applied). */
  readonly installed: boolean;
  /** True when the flow on the bridge discards what it matches (e.g. a VTN redirect to an unmapped vInterface). */
  readonly drops: boolean;
}

export interface ProbeDirection {
  readonly direction: Direction;
  readonly src: string;
  readonly dst: string;
  readonly hops: readonly ProbeHop[];
  /** The PoPs in the order the packets went through them (every rule before and after counted). */
  readonly popsVisited: readonly string[];
  readonly popsPlanned: readonly string[];
  readonly delivered: boolean;
  /** Where packets stopped, in words, or null when all got through. */
  readonly stoppedAt: string | null;
  /** Simulator's trace of the same packet. */
  readonly simulated: { readonly disposition: TraceDto['disposition']; readonly outPorts: readonly string[] };
  /** Ports the packets left through (rules that counted them), as `bridge/port`. */
  readonly realOutPorts: readonly string[];
  readonly matchesSimulator: boolean;
}

export interface ProbeReport {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly protocol: 'icmp' | 'udp';
  readonly from: { readonly host: string; readonly address: string };
  readonly to: { readonly host: string; readonly address: string };
  readonly sent: number;
  readonly received: number;
  readonly forward: ProbeDirection;
  readonly reverse: ProbeDirection;
  /** Packets each PoP's VNF flow counted (both directions). */
  readonly popCounters: readonly { readonly pop: string; readonly packets: number; readonly expected: number }[];
  readonly delivered: boolean;
  readonly durationMs: number;
}

/** Counted packets per rule of a path, in seq order; null for a flow that is not installed. */
export type RuleCounts = ReadonlyMap<number, number | null>;

/** Builds one direction's report. `expected` packets should cross each hop; `downLinks` names the links that are down, by port id. */
export function directionReport(
  topology: TopologyDto,
  path: PathDto,
  counts: RuleCounts,
  expected: number,
  trace: TraceDto,
  downLinks: ReadonlyMap<string, string>,
  drops: ReadonlySet<number> = new Set(),
): ProbeDirection {
  const portName = portNamer(topology);
  const popOf = new Map(topology.pops.map((p) => [p.portId, p.name]));
  const hops: ProbeHop[] = path.rules.map((rule) => {
    const n = counts.get(rule.seq);
    return {
      seq: rule.seq,
      bridge: topology.bridges.find((b) => b.id === rule.bridgeId)?.name ?? rule.bridgeId,
      inPort: portName(rule.inPortId),
      outPort: portName(rule.outPortId),
      toPop: popOf.get(rule.outPortId) ?? null,
      packets: n ?? 0,
      installed: n !== null && n !== undefined,
      drops: drops.has(rule.seq),
    };
  });
  // A hop whose flow discards stops the packets there even though its counter saw them all.
  const firstDrop = hops.findIndex((h) => h.drops && h.packets > 0);
  const firstShort = hops.findIndex((h, i) => h.packets < expected || (firstDrop >= 0 && i > firstDrop));
  const delivered = expected > 0 && firstShort < 0;
  let stoppedAt: string | null = null;
  if (!delivered) {
    const hop = hops[Math.max(firstShort, 0)];
    if (expected === 0) stoppedAt = 'before it started: no packet reached the other end, so none came back';
    else if (hops.length === 0) stoppedAt = 'the plan has no rule for this direction';
    else if (firstDrop >= 0 && firstDrop < firstShort) {
      const at = hops[firstDrop]!;
      stoppedAt = `dropped at ${at.bridge}: rule ${at.seq} on ${at.inPort} -> ${at.outPort} counted ${at.packets} of ${expected} and its flow discards them (the controller installed a drop, e.g. a redirect to a vInterface without a port map)`;
    } else if (hop && firstShort === 0) stoppedAt = `at the ingress: ${describe(hop)} counted ${hop.packets} of ${expected}`;
    else if (hop) {
      const before = hops[firstShort - 1]!;
      const rule = path.rules[firstShort - 1]!;
      const down = downLinks.get(rule.outPortId);
      const where = before.toPop ? `inside PoP ${before.toPop} (sent out of ${before.outPort}, not back)` : `between ${before.outPort} and ${hop.inPort}`;
      stoppedAt = `${where}: ${describe(hop)} counted ${hop.packets} of ${expected}${down ? `; link ${down} is down` : ''}`;
    }
  }
  const passed = hops.filter((h, i) => h.packets >= expected && expected > 0 && !h.drops && (firstDrop < 0 || i < firstDrop));
  const popsVisited = hops.filter((h, i) => expected > 0 && h.toPop !== null && h.packets >= expected && (hops[i + 1]?.packets ?? 0) >= expected).map((h) => h.toPop!);
  const simOut = trace.hops.filter((h) => h.action === 'redirect').map((h) => portName(h.portId));
  const realOut = passed.map((h) => h.outPort);
  const simDelivered = trace.disposition === 'DELIVERED';
  return {
    direction: path.direction,
    src: path.src,
    dst: path.dst,
    hops,
    popsVisited,
    popsPlanned: hops.filter((h) => h.toPop !== null).map((h) => h.toPop!),
    delivered,
    stoppedAt,
    simulated: { disposition: trace.disposition, outPorts: simOut },
    realOutPorts: realOut,
    matchesSimulator: simDelivered === delivered && (delivered ? sameList(simOut, realOut) : true),
  };
}

function describe(hop: ProbeHop): string {
  return `${hop.installed ? '' : 'missing '}rule ${hop.seq} on ${hop.inPort} -> ${hop.outPort}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `vbr1/if_customer` for a port id. */
export function portNamer(topology: TopologyDto): (portId: string) => string {
  const bridges = new Map(topology.bridges.map((b) => [b.id, b.name]));
  const ports = new Map(topology.ports.map((p) => [p.id, `${bridges.get(p.bridgeId) ?? p.bridgeId}/${p.name}`]));
  return (id) => ports.get(id) ?? id;
}

/** The probe as text, one line per hop. */
export function probeText(r: ProbeReport): string {
  const lines = [`Probe of service "${r.serviceName}" (${r.protocol}): ${r.from.address} (${r.from.host}) -> ${r.to.address} (${r.to.host}), ${r.received}/${r.sent} answered`];
  for (const d of [r.forward, r.reverse]) {
    lines.push(`  ${d.direction} ${d.src} -> ${d.dst}:`);
    for (const h of d.hops) lines.push(`    ${String(h.packets).padStart(5)} pkts  ${h.inPort} -> ${h.outPort}${h.toPop ? ` (PoP ${h.toPop})` : ''}${h.installed ? '' : '  [flow missing]'}${h.drops ? '  [flow drops]' : ''}`);
    lines.push(`    PoPs ${d.popsVisited.join(' > ') || 'none'} of ${d.popsPlanned.join(' > ') || 'none'}; ${d.delivered ? 'delivered' : `stopped ${d.stoppedAt}`}; simulator ${d.simulated.disposition}${d.matchesSimulator ? ', same path' : `, DIFFERENT path (simulator ${d.simulated.outPorts.join(' > ')})`}`);
  }
  for (const p of r.popCounters) lines.push(`  PoP ${p.pop} VNF: ${p.packets} pkts (${p.expected} expected)`);
  lines.push(r.delivered ? `DELIVERED through every PoP in order, both ways (${r.durationMs} ms)` : 'NOT DELIVERED');
  return `${lines.join('\n')}\n`;
}
