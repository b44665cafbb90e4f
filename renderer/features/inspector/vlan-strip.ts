import type { PlanDto, VlanPoolDto } from '../../../core/contract/dto';

/** One VLAN tag of a pool and who holds it. */
export interface VlanCell {
  readonly tag: number;
  /** Service ids holding the tag on this port; empty = free. */
  readonly holders: readonly string[];
}

/** A port's pool with its free and allocated tags. */
export interface VlanStrip {
  readonly first: number;
  readonly last: number;
  readonly cells: readonly VlanCell[];
  readonly allocated: number;
}

/** The tags of the port's pools, each marked free or allocated from the plans' rules. */
export function vlanStrips(portId: string, pools: readonly VlanPoolDto[], plans: readonly PlanDto[]): VlanStrip[] {
  const held = new Map<number, Set<string>>();
  for (const plan of plans) {
    for (const rule of [...plan.forward.rules, ...plan.reverse.rules]) {
      if (rule.vlan === null || (rule.outPortId !== portId && rule.inPortId !== portId)) continue;
      const set = held.get(rule.vlan) ?? new Set<string>();
      set.add(rule.serviceId);
      held.set(rule.vlan, set);
    }
  }
  return pools
    .filter((p) => p.portId === portId)
    .map((pool) => {
      const cells: VlanCell[] = [];
      for (let tag = pool.first; tag <= pool.last; tag++) cells.push({ tag, holders: [...(held.get(tag) ?? [])] });
      return { first: pool.first, last: pool.last, cells, allocated: cells.filter((c) => c.holders.length > 0).length };
    });
}
