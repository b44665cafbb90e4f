import { DEFAULT_VLAN_POOL, type PlanDto, type ServiceDto, type VlanPoolDto } from '../../../core/contract/dto';

/** What a tag is used for: nobody's, held by planned services, or by services on a controller. */
export type VlanUse = 'free' | 'allocated' | 'pushed';

/** One VLAN tag of a pool and who holds it. */
export interface VlanCell {
  readonly tag: number;
  /** Names of the services holding the tag on this port; empty = free. */
  readonly holders: readonly string[];
  readonly use: VlanUse;
}

/** A port's pool with its tags and how many are in each use. */
export interface VlanStrip {
  readonly first: number;
  readonly last: number;
  /** The planner's default pool (the port has none of its own). */
  readonly isDefault: boolean;
  readonly cells: readonly VlanCell[];
  readonly counts: Readonly<Record<VlanUse, number>>;
}

/** States whose VLANs are on a controller (drifted ones were pushed and may still be). */
const onController = new Set(['pushed', 'drifted']);

/**
 * The port's pool, each tag free, allocated (held by a planned service) or pushed (held by a
 * service on a controller). A port without a pool of its own shows the default pool when some
 * plan tags traffic on it, and nothing otherwise.
 */
export function vlanStrips(portId: string, pools: readonly VlanPoolDto[], plans: readonly PlanDto[], services: readonly ServiceDto[]): VlanStrip[] {
  const held = new Map<number, Set<string>>();
  for (const plan of plans) {
    for (const rule of [...plan.forward.rules, ...plan.reverse.rules]) {
      // A rule's tag is the one it sends out of its output port towards a PoP (the PoP hairpins
      // it back on the same port), so only the output port holds it.
      if (rule.vlan === null || rule.outPortId !== portId) continue;
      held.set(rule.vlan, (held.get(rule.vlan) ?? new Set<string>()).add(rule.serviceId));
    }
  }
  const own = pools.filter((p) => p.portId === portId);
  const shown = own.length > 0 ? own.map((p) => ({ ...p, isDefault: false })) : held.size > 0 ? [{ ...DEFAULT_VLAN_POOL, isDefault: true }] : [];
  const byId = new Map(services.map((s) => [s.id, s]));
  return shown.map((pool) => {
    const cells: VlanCell[] = [];
    const counts: Record<VlanUse, number> = { free: 0, allocated: 0, pushed: 0 };
    for (let tag = pool.first; tag <= pool.last; tag++) {
      const ids = [...(held.get(tag) ?? [])];
      const holders = ids.map((id) => byId.get(id)?.name ?? id);
      const use: VlanUse = ids.length === 0 ? 'free' : ids.some((id) => onController.has(byId.get(id)?.state ?? '')) ? 'pushed' : 'allocated';
      counts[use] += 1;
      cells.push({ tag, holders, use });
    }
    return { first: pool.first, last: pool.last, isDefault: pool.isDefault, cells, counts };
  });
}
