import type { Direction } from '../contract/dto';
import { CoreError } from '../util/core-error';

/** A flow-filter index held on the input list of one port. */
export interface FilterIndexAllocation {
  readonly portId: string;
  readonly index: number;
  readonly serviceId: string;
  readonly direction: Direction;
}

/** A VLAN tag held on a PoP port for one visit of a service direction. */
export interface VlanAllocation {
  readonly portId: string;
  readonly tag: number;
  readonly serviceId: string;
  readonly direction: Direction;
  readonly popId: string;
}

/** A project-wide flow condition name. */
export interface ConditionAllocation {
  readonly name: string;
  readonly serviceId: string;
  readonly direction: Direction;
}

/**
 * Everything the planner hands out and must never give twice: filter indices per input port,
 * VLAN tags per PoP port and condition names. Plain data, persisted by the store.
 */
export interface Allocations {
  readonly filterIndices: readonly FilterIndexAllocation[];
  readonly vlans: readonly VlanAllocation[];
  readonly conditions: readonly ConditionAllocation[];
}

/** Allocations of a project with no planned service. */
export function emptyAllocations(): Allocations {
  return { filterIndices: [], vlans: [], conditions: [] };
}

/** The allocations without anything held by one service (on delete). */
export function releaseService(allocations: Allocations, serviceId: string): Allocations {
  return {
    filterIndices: allocations.filterIndices.filter((a) => a.serviceId !== serviceId),
    vlans: allocations.vlans.filter((a) => a.serviceId !== serviceId),
    conditions: allocations.conditions.filter((a) => a.serviceId !== serviceId),
  };
}

/** Lowest flow-filter index VTN accepts. */
export const FILTER_INDEX_MIN = 1;
/** Highest flow-filter index VTN accepts. */
export const FILTER_INDEX_MAX = 65535;

/** What one service holds. */
export interface ServiceHoldings {
  readonly filterIndices: readonly FilterIndexAllocation[];
  readonly vlans: readonly VlanAllocation[];
  readonly conditions: readonly ConditionAllocation[];
}

/** The part of the allocations one service's planning can touch (see `AllocationState`). */
export interface AllocationScope {
  readonly serviceId: string;
  /** Input ports the service's rules filter on. */
  readonly filterPorts: ReadonlySet<string>;
  /** PoP ports the service needs VLAN tags on. */
  readonly vlanPorts: ReadonlySet<string>;
  /** Every condition-name candidate of the service starts with this. */
  readonly namePrefix: string;
}

/**
 * The allocations with a service's holdings replaced by `next` (appended at the end). `before`
 * is what the service held, when known: nothing held means nothing to filter out.
 */
export function withHoldings(allocations: Allocations, serviceId: string, next: ServiceHoldings, before?: ServiceHoldings): Allocations {
  const drop = <T extends { readonly serviceId: string }>(list: readonly T[], held: readonly T[] | undefined): readonly T[] =>
    held?.length === 0 ? list : list.filter((a) => a.serviceId !== serviceId);
  return {
    filterIndices: drop(allocations.filterIndices, before?.filterIndices).concat(next.filterIndices),
    vlans: drop(allocations.vlans, before?.vlans).concat(next.vlans),
    conditions: drop(allocations.conditions, before?.conditions).concat(next.conditions),
  };
}

/**
 * Mutable, indexed view of `Allocations` used while planning many services.
 *
 * Keeps per-port holders so "lowest free index" and "is this tag taken" are O(1) amortised, and
 * the per-service holdings so a re-plan can prefer what the service already had.
 */
export class AllocationState {
  private readonly ports = new Map<string, PortSlot>();
  private readonly conditionHolders = new Map<string, string>();
  private readonly byService = new Map<string, ServiceHoldings>();

  /**
   * With a `scope`, only the entries that service could collide with are indexed (its own, those
   * on its ports, names sharing its prefix): enough to plan that one service, in time
   * proportional to a scan of the arrays rather than to building the full index.
   */
  constructor(allocations: Allocations, scope?: AllocationScope) {
    const grouped = new Map<string, { f: FilterIndexAllocation[]; v: VlanAllocation[]; c: ConditionAllocation[] }>();
    const group = (id: string): { f: FilterIndexAllocation[]; v: VlanAllocation[]; c: ConditionAllocation[] } => {
      const found = grouped.get(id);
      if (found) return found;
      const made = { f: [], v: [], c: [] };
      grouped.set(id, made);
      return made;
    };
    const { filterIndices, vlans } = allocations;
    const filterPorts = scope?.filterPorts;
    const vlanPorts = scope?.vlanPorts;
    const own = scope?.serviceId;
    for (let i = 0; i < filterIndices.length; i++) {
      const a = filterIndices[i]!;
      if (filterPorts !== undefined && !filterPorts.has(a.portId) && a.serviceId !== own) continue;
      if (!Number.isInteger(a.index) || a.index < FILTER_INDEX_MIN || a.index > FILTER_INDEX_MAX) {
        throw new CoreError('INVALID_INPUT', `filter index ${a.index} of service '${a.serviceId}' on port '${a.portId}' is outside 1..65535; fix or drop that allocation`, { pointer: `/filterIndices/${i}` });
      }
      group(a.serviceId).f.push(a);
    }
    for (let i = 0; i < vlans.length; i++) {
      const a = vlans[i]!;
      if (vlanPorts !== undefined && !vlanPorts.has(a.portId) && a.serviceId !== own) continue;
      if (!Number.isInteger(a.tag) || a.tag < 1 || a.tag > 4094) {
        throw new CoreError('INVALID_INPUT', `VLAN tag ${a.tag} of service '${a.serviceId}' on port '${a.portId}' is outside 1..4094; fix or drop that allocation`, { pointer: `/vlans/${i}` });
      }
      group(a.serviceId).v.push(a);
    }
    for (const a of allocations.conditions) {
      if (scope && a.serviceId !== scope.serviceId && !a.name.startsWith(scope.namePrefix)) continue;
      group(a.serviceId).c.push(a);
    }
    for (const [serviceId, g] of grouped) this.commit(serviceId, { filterIndices: g.f, vlans: g.v, conditions: g.c });
  }

  /** What a service holds now (empty when nothing). */
  holdings(serviceId: string): ServiceHoldings {
    return this.byService.get(serviceId) ?? EMPTY_HOLDINGS;
  }

  /** Service holding this filter index on this port, if any. */
  filterHolder(portId: string, index: number): string | undefined {
    return this.ports.get(portId)?.filters[index];
  }

  /** Lowest index on a port that no service holds and `claimed` (a plan in progress) does not list. */
  lowestFreeIndex(portId: string, claimed: readonly FilterIndexAllocation[]): number | undefined {
    const slot = this.ports.get(portId);
    for (let i = slot?.lowFree ?? FILTER_INDEX_MIN; i <= FILTER_INDEX_MAX; i++) {
      if (slot?.filters[i] !== undefined) continue;
      let mine = false;
      for (const a of claimed) if (a.index === i && a.portId === portId) mine = true;
      if (!mine) return i;
    }
    return undefined;
  }

  /** Service holding this VLAN tag on this port, if any. */
  vlanHolder(portId: string, tag: number): string | undefined {
    return this.ports.get(portId)?.vlans[tag];
  }

  /** Service holding this condition name, if any. */
  conditionHolder(name: string): string | undefined {
    return this.conditionHolders.get(name);
  }

  /**
   * Replaces everything a service holds by `next`. Entries held by another service are refused
   * with CoreError INVALID_INPUT, unless `checked` says the planner picked them free already.
   */
  commit(serviceId: string, next: ServiceHoldings, checked = false): void {
    this.drop(serviceId);
    for (const a of next.filterIndices) {
      const slot = this.slot(a.portId);
      const holder = checked ? undefined : slot.filters[a.index];
      if (holder !== undefined) {
        throw new CoreError('INVALID_INPUT', `filter index ${a.index} on port '${a.portId}' is held by both '${holder}' and '${serviceId}'; release one of them`, { portId: a.portId, index: a.index });
      }
      slot.filters[a.index] = serviceId;
      while (slot.filters[slot.lowFree] !== undefined) slot.lowFree++;
    }
    for (const a of next.vlans) {
      const slot = this.slot(a.portId);
      const holder = slot.vlans[a.tag];
      if (holder !== undefined) {
        throw new CoreError('INVALID_INPUT', `VLAN ${a.tag} on port '${a.portId}' is held by both '${holder}' and '${serviceId}'; release one of them`, { portId: a.portId, tag: a.tag });
      }
      slot.vlans[a.tag] = serviceId;
    }
    for (const a of next.conditions) {
      const holder = this.conditionHolders.get(a.name);
      if (holder !== undefined) {
        throw new CoreError('INVALID_INPUT', `condition name '${a.name}' is held by both '${holder}' and '${serviceId}'; release one of them`, { name: a.name });
      }
      this.conditionHolders.set(a.name, serviceId);
    }
    if (next.filterIndices.length + next.vlans.length + next.conditions.length > 0) this.byService.set(serviceId, next);
  }

  /** Back to plain data; services keep their first-seen order. */
  toAllocations(): Allocations {
    const filterIndices: FilterIndexAllocation[] = [];
    const vlans: VlanAllocation[] = [];
    const conditions: ConditionAllocation[] = [];
    for (const h of this.byService.values()) {
      for (const a of h.filterIndices) filterIndices.push(a);
      for (const a of h.vlans) vlans.push(a);
      for (const a of h.conditions) conditions.push(a);
    }
    return { filterIndices, vlans, conditions };
  }

  private drop(serviceId: string): void {
    const old = this.byService.get(serviceId);
    if (!old) return;
    for (const a of old.filterIndices) {
      const slot = this.slot(a.portId);
      slot.filters[a.index] = undefined;
      if (a.index < slot.lowFree) slot.lowFree = a.index;
    }
    for (const a of old.vlans) this.slot(a.portId).vlans[a.tag] = undefined;
    for (const a of old.conditions) this.conditionHolders.delete(a.name);
    this.byService.delete(serviceId);
  }

  private slot(portId: string): PortSlot {
    let slot = this.ports.get(portId);
    if (!slot) {
      slot = { filters: [], lowFree: FILTER_INDEX_MIN, vlans: [] };
      this.ports.set(portId, slot);
    }
    return slot;
  }
}

/** What is held on one port. */
interface PortSlot {
  /** Filter index → holding service (indices are handed out lowest first, so this stays dense). */
  readonly filters: (string | undefined)[];
  /** Every index below this is held: where the lowest-free search starts. */
  lowFree: number;
  /** VLAN tag → holding service. */
  readonly vlans: (string | undefined)[];
}

const EMPTY_HOLDINGS: ServiceHoldings = { filterIndices: [], vlans: [], conditions: [] };
