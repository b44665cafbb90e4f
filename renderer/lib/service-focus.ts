import type { PlanDto, ServiceDto, TopologyDto } from '../../core/contract/dto';

/**
 * Model ids of what a service touches, for "filter by service": with a plan, every port on
 * its paths with their bridges, PoPs, edge segments and links; without one, the segments its
 * prefixes name and the PoPs its chain names (by name or alias), with their ports and bridges.
 */
export function serviceFocus(t: TopologyDto, service: ServiceDto, plan: PlanDto | null): Set<string> {
  const ports = new Set<string>();
  const pops = new Set<string>();
  const segments = new Set<string>();
  if (plan) {
    for (const hop of [...plan.forward.hops, ...plan.reverse.hops]) {
      ports.add(hop.portId);
      if (hop.popId) pops.add(hop.popId);
      if (hop.kind === 'ingress' || hop.kind === 'egress') {
        for (const s of t.segments) if (s.portId === hop.portId) segments.add(s.id);
      }
    }
  } else {
    const prefixes = new Set([service.inSegment ?? t.defaults.sourceSegment, service.outSegment ?? t.defaults.targetSegment]);
    for (const s of t.segments) {
      if (prefixes.has(s.prefix)) {
        segments.add(s.id);
        ports.add(s.portId);
      }
    }
    const names = new Set([...service.chain, ...(service.reverseChain ?? [])].map((n) => n.toLowerCase()));
    for (const p of t.pops) {
      if (names.has(p.name.toLowerCase()) || p.aliases.some((a) => names.has(a.toLowerCase()))) {
        pops.add(p.id);
        ports.add(p.portId);
      }
    }
  }
  for (const p of t.pops) if (pops.has(p.id)) ports.add(p.portId);
  const bridges = t.ports.filter((p) => ports.has(p.id)).map((p) => p.bridgeId);
  const links = t.links.filter((l) => ports.has(l.aPortId) && ports.has(l.bPortId)).map((l) => l.id);
  return new Set([...ports, ...pops, ...segments, ...bridges, ...links]);
}
