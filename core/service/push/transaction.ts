import type { ControllerTargetDto, PushReportDto, PushRequestDto } from '../../contract/api';
import type { PlanDto, ServiceDto, ServiceState } from '../../contract/dto';
import { createDriver, driverEntry, journalTarget, runTransaction, UNKNOWN_OWNER, type PushJournal, type TransactionResult } from '../../drivers';
import { countingClient, stepDto, targetInfo } from '../../drivers/report';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import { isPlanned, planProject, planServices, readAllocations, readPlans } from '../planning';
import { forgetRunning, journalOwners, projectJournal } from './journal';
import { recoveryNeeded } from './recovery';
import { preflightWarnings } from './preflight';
import { changesShared, sharedObjectsLock } from './shared-lock';
import { checkKnown, desiredOf, readPlansOf, setStates, statesOf } from './services';
import { nextTxId, requireHttp, resolveTarget, type ConcretePushRequest } from './target';

/** Push or teardown (for real, or as a dry run: the diff), as one journalled controller transaction. */
export async function transact(ctx: HandlerContext, request: ConcretePushRequest, operation: 'push' | 'teardown', dryRun: boolean): Promise<PushReportDto> {
  const req = { ...request, target: resolveTarget(ctx, request.target) };
  const http = countingClient(requireHttp(ctx, req.target));
  const driver = createDriver(req.target, { switches: ctx.ports.switches });
  if (req.provision && !driver.capabilities.provisioning) {
    throw new CoreError('INVALID_INPUT', `${driverEntry(req.target.kind).label} does not create forwarding elements: leave "provision" off.`);
  }
  const now = (): number => ctx.ports.clock.now().getTime();
  const t0 = now();
  // Named services: only theirs are read (the rest of the fleet plays no part).
  const services = req.serviceIds ? ctx.session.db.services.readSome(req.serviceIds) : ctx.session.db.services.read();
  const journal = projectJournal(ctx, req.target);
  checkKnown(services, req.serviceIds, () => journalOwners(journal));
  // Per-service scope: with named services only their plans are read and only their objects
  // (and the shared ones they need) computed, read back and diffed, whatever the fleet's size.
  const plans = plansFor(ctx, req, operation, dryRun, services);
  const scope = req.serviceIds ? new Set(req.serviceIds) : fullScope(services, plans, journal, operation);
  const desired = desiredOf(driver, ctx, plans, (id) => operation === 'push' && scope.has(id), req.provision === true, services);
  const planningMs = now() - t0;
  // Decided once the lock is ours: an earlier push may have created the shared objects meanwhile.
  const alone = (): boolean => !dryRun && changesShared(operation, req.serviceIds === undefined, desired, journal, scope);
  const txId = nextTxId(ctx);
  const result = await settleOnThrow(ctx, req.target, txId, journal, () => sharedObjectsLock(ctx.session, journalTarget(req.target)).run(alone, () => runTransaction(
    {
      driver,
      http: http.client,
      journal,
      now,
      concurrency: driverEntry(req.target.kind).defaults.maxConcurrency,
      txId,
      onProgress: dryRun ? undefined : progressEvents(ctx, operation),
    },
    { operation, desired, scope, dryRun, scopedRead: req.serviceIds !== undefined },
  )));
  const projectScope = [...scope].filter((id) => services.some((s) => s.id === id));
  if (!dryRun) {
    const hasPlan = new Set((req.serviceIds ? readPlansOf(ctx.session.db, projectScope) : readPlans(ctx.session.db)).map((p) => p.serviceId));
    const changes = new Map<string, ServiceState>();
    for (const id of projectScope) {
      const state = stateAfter(operation, result, hasPlan.has(id));
      if (state !== undefined) changes.set(id, state);
    }
    setStates(ctx, changes, operation);
  }
  const steps = result.steps.map(stepDto);
  return {
    ok: result.ok,
    operation,
    dryRun,
    target: targetInfo(req.target),
    steps,
    failedStep: steps.find((s) => s.seq === result.failedSeq) ?? null,
    undone: result.undone,
    verified: result.verified,
    timings: { planMs: planningMs + result.planMs, pushMs: result.pushMs },
    requests: http.count(),
    services: statesOf(ctx, projectScope),
    message: result.message,
    ...(result.preflight.length > 0 ? { warnings: preflightWarnings(result.preflight, ctx.session.db.topology.read(), req.provision === true) } : {}),
  };
}

/**
 * Runs a transaction and stores its journal. When that throws, the transaction may be left
 * without its stored end: it is no longer under way, and the next push to the target recovers it.
 */
async function settleOnThrow<T>(ctx: HandlerContext, target: ControllerTargetDto, txId: string, journal: PushJournal, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    journal.flush?.();
    return result;
  } catch (e) {
    forgetRunning(ctx, txId);
    recoveryNeeded(ctx, target);
    try {
      journal.flush?.();
    } catch {
      // What could be stored is; recovery settles the rest.
    }
    throw e;
  }
}

/** Stored plans, planning the named services that have none yet (in memory for a dry run). */
function plansFor(ctx: HandlerContext, req: PushRequestDto, operation: 'push' | 'teardown', dryRun: boolean, services: readonly ServiceDto[]): PlanDto[] {
  const db = ctx.session.db;
  const inProject = new Set(services.map((s) => s.id));
  const named = req.serviceIds?.filter((id) => inProject.has(id));
  const read = (): PlanDto[] => (named === undefined ? readPlans(ctx.session.db) : readPlansOf(ctx.session.db, named));
  const stored = read();
  const has = new Set(stored.map((p) => p.serviceId));
  const missing = operation === 'push' ? (named ?? []).filter((id) => !has.has(id)) : [];
  if (missing.length === 0) return stored;
  if (dryRun) {
    const drafts = services.filter((s) => missing.includes(s.id));
    return [...stored, ...planServices(db.topology.read(), drafts, readAllocations(db)).plans];
  }
  ctx.session.mutate('plan services', (d) => planProject(d, missing));
  ctx.changed('plan');
  return read();
}

/** Services a full operation covers: the planned ones, those the journal knows, and unaccounted objects of the project. */
function fullScope(services: readonly ServiceDto[], plans: readonly PlanDto[], journal: PushJournal, operation: 'push' | 'teardown'): Set<string> {
  const owners = journalOwners(journal);
  const known = new Set(services.map((s) => s.id));
  const base = operation === 'push' ? plans.filter(isPlanned).map((p) => p.serviceId) : [...known];
  return new Set([...base, ...owners.filter((id) => operation === 'teardown' || !known.has(id)), UNKNOWN_OWNER]);
}

/**
 * A service's state after an operation: pushed (drifted when the read-back differed) or failed
 * after a push; planned (draft without a plan) after a teardown; unchanged after a failed one,
 * which was rolled back and left the service as it was.
 */
function stateAfter(operation: 'push' | 'teardown', result: TransactionResult, hasPlan: boolean): ServiceState | undefined {
  if (operation === 'push') return !result.ok ? 'failed' : result.verified ? 'pushed' : 'drifted';
  if (!result.ok) return undefined;
  return hasPlan ? 'planned' : 'draft';
}

/** Progress events of one push or teardown, about every 1% of its steps (and the last one). */
function progressEvents(ctx: HandlerContext, operation: 'push' | 'teardown'): (done: number, total: number, step: { readonly summary: string }) => void {
  return (done, total, step) => {
    if (done === total || done % Math.max(1, Math.floor(total / 100)) === 0) {
      ctx.emit({ name: 'push.didProgress', payload: { operation, done, total, current: step.summary } });
    }
  };
}
