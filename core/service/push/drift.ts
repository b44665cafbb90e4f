import type { DriftReportDto } from '../../contract/api';
import type { ServiceState } from '../../contract/dto';
import { adoptDrift, createDriver, detectDrift, journalOwned, journalOwnedIds, type DesiredObject, type PushJournal, type ServiceDrift } from '../../drivers';
import { sameContent } from '../../drivers/canonical';
import { driftDto, targetInfo } from '../../drivers/report';
import type { HandlerContext } from '../context';
import { readPlans } from '../planning';
import { journalOwners, projectJournal } from './journal';
import { checkKnown, desiredOf, readPlansOf, setStates } from './services';
import { nextTxId, requireHttp, resolveTarget, type ConcretePushRequest } from './target';

/**
 * Compares the controller with what the journal says was pushed; with `adopt`, first records
 * the controller's differing objects as pushed. Service states follow what was found.
 */
export async function driftCheck(ctx: HandlerContext, request: ConcretePushRequest, adopt: boolean): Promise<DriftReportDto> {
  const req = { ...request, target: resolveTarget(ctx, request.target) };
  const http = requireHttp(ctx, req.target);
  const driver = createDriver(req.target, { switches: ctx.ports.switches });
  const services = req.serviceIds ? ctx.session.db.services.readSome(req.serviceIds) : ctx.session.db.services.read();
  const journal = projectJournal(ctx, req.target);
  checkKnown(services, req.serviceIds, () => journalOwners(journal));
  // Named services: only their plans, their journal records and their objects are looked at.
  const scoped = req.serviceIds !== undefined;
  const plans = scoped ? readPlansOf(ctx.session.db, req.serviceIds ?? []) : readPlans(ctx.session.db);
  const scope = new Set(req.serviceIds ?? [...services.map((s) => s.id), ...journalOwners(journal)]);
  const desired = desiredOf(driver, ctx, plans, () => false, req.provision === true, services);
  const first = await detectDrift(driver, http, journal, desired, scope, scoped);
  const adoptedCount = adopt ? adoptDrift(journal, nextTxId(ctx), first, desired) : 0;
  journal.flush();
  const drift: ServiceDrift[] = adoptedCount > 0 ? await detectDrift(driver, http, journal, desired, scope, scoped) : first;
  const byId = new Map(services.map((s) => [s.id, s]));
  const changes = new Map<string, ServiceState>();
  for (const d of drift) {
    const service = byId.get(d.serviceId);
    if (service === undefined) continue;
    if (d.status === 'drifted') changes.set(d.serviceId, 'drifted');
    else if (d.status === 'in-sync' && service.state !== 'pushed' && (adopt || planMatchesPushed(d.serviceId, desired, journal))) changes.set(d.serviceId, 'pushed');
  }
  setStates(ctx, changes, adopt ? 'adopt' : 'drift');
  const drifted = drift.filter((d) => d.status === 'drifted').length;
  return {
    target: targetInfo(req.target),
    services: drift.map(driftDto),
    drifted,
    message: adopt
      ? `Adopted ${adoptedCount} object(s) as pushed; ${drifted} service(s) still drifted.`
      : drifted === 0
        ? 'The controller matches the last pushed state.'
        : `${drifted} service(s) drifted. Push them again to restore them, or adopt the controller's state to accept it.`,
  };
}

/** Whether the service's current plan calls for exactly what the journal says was pushed. */
function planMatchesPushed(serviceId: string, desired: readonly DesiredObject[], journal: PushJournal): boolean {
  const owned = journalOwned(journal);
  const pushed = new Set(journalOwnedIds(journal, [serviceId]));
  const wanted = desired.filter((d) => d.serviceId === serviceId);
  return pushed.size === wanted.length && wanted.every((d) => pushed.has(d.id) && sameContent(owned.get(d.id)?.content, d.content));
}
