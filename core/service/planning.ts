import type { DiagnosticDto, PlanDto, ServiceDto, TopologyDto } from '../contract/dto';
import type { ServiceRequest } from '../model';
import { AllocationState, emptyAllocations, Planner, type Allocations } from '../plan';
import type { ProjectDb } from '../store/project-db';
import type { AllocationMirror, AllocationRow } from '../store/repositories/plans';

/** Plans, lint and allocations of a set of services over one topology. */
export interface PlanningResult {
  readonly plans: readonly PlanDto[];
  readonly lint: readonly DiagnosticDto[];
  /** What the services planned hold (every service's, when the whole project was planned). */
  readonly allocations: Allocations;
}

/** A service made from an imported request (new services start as planned drafts). */
export function serviceFromRequest(request: ServiceRequest, state: ServiceDto['state'] = 'draft'): ServiceDto {
  return {
    id: request.id,
    name: request.name,
    inSegment: request.inSegment,
    outSegment: request.outSegment,
    chain: request.chain,
    reverseChain: request.reverseChain,
    state,
    provenance: request.provenance,
    attributes: request.attributes,
  };
}

/** Plans services in order against existing allocations (pure; nothing stored). */
export function planServices(topology: TopologyDto, services: readonly ServiceDto[], allocations: Allocations = emptyAllocations()): PlanningResult {
  return new Planner(topology).planAll(services, allocations);
}

/** Whether a plan has rules (no error diagnostics). */
export function isPlanned(plan: PlanDto): boolean {
  return !plan.diagnostics.some((d) => d.severity === 'error');
}

/**
 * Plans every service of a project (or those named), stores the plans and allocations, and
 * marks each service planned or failed. Runs inside the caller's transaction.
 */
export function planProject(db: ProjectDb, serviceIds?: readonly string[]): PlanningResult {
  const topology = db.topology.read();
  if (serviceIds === undefined) {
    const wanted = db.services.read();
    const result = planServices(topology, wanted, readAllocations(db));
    storePlans(db, wanted, result.plans);
    writeAllocations(db, result.allocations);
    return result;
  }
  // Named services: only theirs are read, planned against the allocation index the project keeps
  // (built once, updated per service), and only their allocation rows rewritten.
  const wanted = db.services.readSome(serviceIds);
  const index = db.allocations.mirror((rows) => new PlannerIndex(rows));
  try {
    const { plans, lint } = new Planner(topology).planInto(wanted, index.state);
    storePlans(db, wanted, plans);
    const ids = wanted.map((s) => s.id);
    const allocations = holdingsOf(index.state, ids);
    writeAllocationsOf(db, ids, allocations);
    return { plans, lint, allocations };
  } catch (e) {
    // The index may hold plans that were not stored.
    db.allocations.dropMirror();
    throw e;
  }
}

/** Stores plans and marks each service planned or failed (pushed ones keep their state). */
function storePlans(db: ProjectDb, services: readonly ServiceDto[], plans: readonly PlanDto[]): void {
  const byId = new Map(services.map((s) => [s.id, s]));
  for (const plan of plans) {
    db.plans.write(plan.serviceId, plan);
    const service = byId.get(plan.serviceId);
    if (service && service.state !== 'pushed' && service.state !== 'drifted') {
      db.services.upsert({ ...service, state: isPlanned(plan) ? 'planned' : 'failed' });
    }
  }
}

/** The planner's index of a project's allocations, kept in step with the stored rows. */
class PlannerIndex implements AllocationMirror {
  readonly state: AllocationState;

  constructor(rows: readonly AllocationRow[]) {
    this.state = new AllocationState(allocationsOf(rows));
  }

  replaceFor(serviceIds: readonly string[], rows: readonly AllocationRow[]): void {
    const byService = new Map<string, AllocationRow[]>();
    for (const r of rows) (byService.get(r.serviceId) ?? byService.set(r.serviceId, []).get(r.serviceId)!).push(r);
    for (const id of serviceIds) this.state.commit(id, allocationsOf(byService.get(id) ?? []), true);
  }
}

/** What the services named hold in an index. */
function holdingsOf(state: AllocationState, serviceIds: readonly string[]): Allocations {
  const held = serviceIds.map((id) => state.holdings(id));
  return { filterIndices: held.flatMap((h) => h.filterIndices), vlans: held.flatMap((h) => h.vlans), conditions: held.flatMap((h) => h.conditions) };
}

/** The project's allocations as the planner takes them. */
export function readAllocations(db: ProjectDb): Allocations {
  return allocationsOf(db.allocations.read());
}

function allocationsOf(rows: readonly AllocationRow[]): Allocations {
  return {
    filterIndices: rows.filter((r) => r.kind === 'filter').map((r) => ({ portId: r.scope, index: Number(r.value), serviceId: r.serviceId, direction: r.direction })),
    vlans: rows.filter((r) => r.kind === 'vlan').map((r) => ({ portId: r.scope, tag: Number(r.value), serviceId: r.serviceId, direction: r.direction, popId: r.extra ?? '' })),
    conditions: rows.filter((r) => r.kind === 'condition').map((r) => ({ name: r.value, serviceId: r.serviceId, direction: r.direction })),
  };
}

/** Stores allocations (replacing the previous ones). */
export function writeAllocations(db: ProjectDb, allocations: Allocations): void {
  db.allocations.replace(allocationRows(allocations));
}

/**
 * Stores what the services named hold in `allocations` (replacing what they held before); the
 * rows of every other service are left as they are.
 */
export function writeAllocationsOf(db: ProjectDb, serviceIds: readonly string[], allocations: Allocations): void {
  const ids = new Set(serviceIds);
  db.allocations.replaceFor(serviceIds, allocationRows(allocations).filter((r) => ids.has(r.serviceId)));
}

function allocationRows(allocations: Allocations): AllocationRow[] {
  return [
    ...allocations.filterIndices.map((a) => ({ kind: 'filter' as const, scope: a.portId, value: String(a.index), serviceId: a.serviceId, direction: a.direction, extra: null })),
    ...allocations.vlans.map((a) => ({ kind: 'vlan' as const, scope: a.portId, value: String(a.tag), serviceId: a.serviceId, direction: a.direction, extra: a.popId })),
    ...allocations.conditions.map((a) => ({ kind: 'condition' as const, scope: '', value: a.name, serviceId: a.serviceId, direction: a.direction, extra: null })),
  ];
}

/** The stored plans of a project, in service order. */
export function readPlans(db: ProjectDb): PlanDto[] {
  const stored = db.plans.read();
  return db
    .services.read()
    .map((s) => stored.get(s.id) as PlanDto | undefined)
    .filter((p): p is PlanDto => p !== undefined);
}
