/**
 * What a probe saw, hop by hop (pure): from the counters before and after the packets, the
 * plan's rules and the simulator's trace, the per-hop packet counts, where packets stopped, and
 * whether the real path is the simulator's.
 */
import type { LabProbeDirectionDto, LabProbeDto, LabProbeHopDto, TraceDto } from '../../../core/contract/api';
import type { PathDto, TopologyDto } from '../../../core/contract/dto';

/** One rule of the plan on a lab bridge and the packets its flow counted during the probe. */
export type ProbeHop = LabProbeHopDto;
/** One direction of a probe. */
export type ProbeDirection = LabProbeDirectionDto;
/** What a probe saw (the `lab.probe` answer, `wicm lab probe --json`). */
export type ProbeReport = LabProbeDto;

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
      inPortId: rule.inPortId,
      outPortId: rule.outPortId,
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
