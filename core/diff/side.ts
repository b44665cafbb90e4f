import type { DiffSideDto } from '../contract/diff-dto';
import type { PlanDto, ServiceDto, TopologyDto } from '../contract/dto';
import { emptyAllocations, Planner, type Allocations } from '../plan';
import { SideNames } from './names';

/** One side of a comparison: a project's model, or a topology file (no services). */
export interface DiffSide extends DiffSideDto {
  readonly topology: TopologyDto;
  readonly services: readonly ServiceDto[];
  /** The side's stored allocations (filter indices, VLANs, conditions); empty for a topology file. */
  readonly allocations?: Allocations;
}

/** A side with the plans core/plan computes for it. */
export interface PlannedSide extends DiffSide {
  readonly plans: ReadonlyMap<string, PlanDto>;
  /** Bridge and port names of the side's topology. */
  readonly names: SideNames;
}

/**
 * Plans every service of a side over its own topology, against its stored allocations, so the
 * rules compared are those each side would install (stored plans may be stale).
 */
export function planSide(side: DiffSide): PlannedSide {
  const { plans } = new Planner(side.topology).planAll(side.services, side.allocations ?? emptyAllocations(), { lint: false });
  return { ...side, plans: new Map(plans.map((p) => [p.serviceId, p])), names: new SideNames(side.topology) };
}
