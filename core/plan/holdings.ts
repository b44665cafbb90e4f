/**
 * What a service held before a re-plan, and what other services claimed: the look-ups the
 * planner uses to give a service back its old condition name, filter indices and VLAN tags.
 */
import type { Direction } from '../contract/dto';
import { AllocationState } from './allocations';
import type { Allocations, FilterIndexAllocation, VlanAllocation } from './allocations';
import { conditionName } from './naming';

/** An inclusive range of VLAN tags. */
export type Range = { readonly first: number; readonly last: number };

export function isFree(holder: string | undefined, serviceId: string): boolean {
  return holder === undefined || holder === serviceId;
}

/** The condition name a service holds for a direction, else its first candidate. */
export function heldName(held: Allocations | AllocationState, serviceId: string, direction: Direction): string {
  const list = held instanceof AllocationState ? held.holdings(serviceId).conditions : held.conditions;
  return list.find((c) => c.serviceId === serviceId && c.direction === direction)?.name ?? conditionName(serviceId, direction);
}

/** The index the service held for its next rule on this port and direction (old indices ascending). */
export function nthHeldIndex(
  held: readonly FilterIndexAllocation[],
  taken: readonly FilterIndexAllocation[],
  portId: string,
  direction: Direction,
): number | undefined {
  if (held.length === 0) return undefined;
  const mine = held.filter((a) => a.portId === portId && a.direction === direction).map((a) => a.index).sort((a, b) => a - b);
  return mine[taken.filter((a) => a.portId === portId && a.direction === direction).length];
}

/** The tag the service held for its next visit of this PoP in this direction. */
export function nthHeldTag(held: readonly VlanAllocation[], taken: readonly VlanAllocation[], portId: string, direction: Direction, popId: string): number | undefined {
  if (held.length === 0) return undefined;
  const same = (a: VlanAllocation): boolean => a.portId === portId && a.direction === direction && a.popId === popId;
  return held.filter(same)[taken.filter(same).length]?.tag;
}

export function claimedIndex(claimed: readonly FilterIndexAllocation[], portId: string, index: number): boolean {
  for (const a of claimed) if (a.index === index && a.portId === portId) return true;
  return false;
}

export function claimedTag(claimed: readonly VlanAllocation[], portId: string, tag: number): boolean {
  for (const a of claimed) if (a.tag === tag && a.portId === portId) return true;
  return false;
}

export function inPool(pool: readonly Range[], tag: number): boolean {
  for (const r of pool) if (tag >= r.first && tag <= r.last) return true;
  return false;
}
