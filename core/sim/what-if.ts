import type { Direction, PlanDto, ServiceDto, TopologyDto } from '../contract/dto';
import { Simulator } from './simulator';
import type { Disposition, TraceResult } from './simulator';

/** How a failure changes one direction of one service. */
export interface WhatIfImpact {
  readonly serviceId: string;
  readonly direction: Direction;
  readonly disposition: Disposition;
  readonly reason: string;
}

/**
 * Which services a failure affects: each planned direction is traced (first address of its
 * source to first address of its destination) with and without the `down` elements (ports,
 * bridges, links, PoPs); a direction is affected when its outcome or its hops change. Only
 * affected directions are returned, with their outcome under the failure.
 */
export function whatIf(
  topology: TopologyDto,
  services: readonly ServiceDto[],
  plans: readonly PlanDto[],
  down: readonly string[],
): readonly WhatIfImpact[] {
  const serviceNames = new Map(services.map((s) => [s.id, s.name]));
  const healthy = new Simulator(topology, plans, { serviceNames });
  const failed = new Simulator(topology, plans, { down, serviceNames });
  const planOf = new Map(plans.map((p) => [p.serviceId, p]));
  const out: WhatIfImpact[] = [];
  for (const service of services) {
    const plan = planOf.get(service.id);
    if (!plan) continue;
    for (const path of [plan.forward, plan.reverse]) {
      if (path.rules.length === 0) continue;
      const packet = { src: path.src, dst: path.dst };
      const before = healthy.trace(packet);
      const after = failed.trace(packet);
      if (!sameTrace(before, after)) {
        out.push({ serviceId: service.id, direction: path.direction, disposition: after.disposition, reason: after.reason });
      }
    }
  }
  return out;
}

function sameTrace(a: TraceResult, b: TraceResult): boolean {
  return (
    a.disposition === b.disposition &&
    a.hops.length === b.hops.length &&
    a.hops.every((h, i) => h.portId === b.hops[i]!.portId && h.action === b.hops[i]!.action)
  );
}
