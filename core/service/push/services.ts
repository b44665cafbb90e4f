import type { PlanDto, ServiceDto, ServiceState } from '../../contract/dto';
import type { ControllerDriver, DesiredObject } from '../../drivers';
import { planErrors } from '../../plan';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import { isPlanned } from '../planning';

/**
 * Named services must be in the project, or known to the journal (removed after they were
 * pushed: a push or teardown of them removes what is left on the controller).
 */
export function checkKnown(services: readonly ServiceDto[], ids: readonly string[] | undefined, pushedOnly: readonly string[] | (() => readonly string[]) = []): void {
  const known = new Set(services.map((s) => s.id));
  const absent = (ids ?? []).filter((id) => !known.has(id));
  if (absent.length === 0) return;
  const pushed = new Set(typeof pushedOnly === 'function' ? pushedOnly() : pushedOnly);
  const missing = absent.filter((id) => !pushed.has(id));
  if (missing.length > 0) throw new CoreError('NOT_FOUND', `No service with id ${missing.map((m) => `'${m}'`).join(', ')} in this project.`, { serviceIds: missing });
}

/**
 * Desired objects of every pushable plan (all of them: ownership by naming needs them). A plan
 * that `mustPush` but cannot be pushed is an error; others are left out.
 */
export function desiredOf(
  driver: ControllerDriver,
  ctx: HandlerContext,
  plans: readonly PlanDto[],
  mustPush: (id: string) => boolean,
  provision: boolean,
  services: readonly ServiceDto[] = ctx.session.db.services.read(),
): DesiredObject[] {
  const topology = ctx.session.db.topology.read();
  // Each plan is translated with its own service only: handing every service to every plan
  // made a push's cost grow with the fleet.
  const byId = new Map(services.map((s) => [s.id, s]));
  return plans.flatMap((plan) => {
    const wanted = mustPush(plan.serviceId);
    if (!isPlanned(plan)) {
      if (wanted) {
        const errors = planErrors(plan)
          .map((d) => d.message)
          .join('; ');
        const name = byId.get(plan.serviceId)?.name ?? plan.serviceId;
        throw new CoreError('CONFLICT', `Service '${name}' cannot be pushed: its plan has errors (${errors}). Fix them and plan again.`, { serviceId: plan.serviceId });
      }
      return [];
    }
    try {
      const service = byId.get(plan.serviceId);
      return driver.desired({ topology, services: service ? [service] : [], plans: [plan], provision });
    } catch (e) {
      if (wanted) throw e;
      return [];
    }
  });
}

/** The stored plans of the named services, in the order named (services without one left out). */
export function readPlansOf(db: HandlerContext['session']['db'], serviceIds: readonly string[]): PlanDto[] {
  const stored = db.plans.readSome(serviceIds);
  return serviceIds.map((id) => stored.get(id) as PlanDto | undefined).filter((p): p is PlanDto => p !== undefined);
}

/** Sets service states through the session (persisted, not undoable: undo never un-pushes). */
export function setStates(ctx: HandlerContext, changes: ReadonlyMap<string, ServiceState>, origin: string): void {
  if (changes.size === 0) return;
  ctx.session.touch((db) => {
    for (const service of db.services.readSome([...changes.keys()])) {
      const state = changes.get(service.id);
      if (state !== undefined && state !== service.state) db.services.upsert({ ...service, state });
    }
  });
  ctx.changed(origin);
}

/** The current states of the services named. */
export function statesOf(ctx: HandlerContext, ids: Iterable<string>): { id: string; state: ServiceState }[] {
  return ctx.session.db.services.readSome([...new Set(ids)]).map((s) => ({ id: s.id, state: s.state }));
}
