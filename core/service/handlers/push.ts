import type { ControllerTargetDto, DriftReportDto, Handlers, PushReportDto, PushRequestDto } from '../../contract/api';
import type { LabControllers } from '../ports';
import type { PlanDto, ServiceDto, ServiceState } from '../../contract/dto';
import {
  adoptDrift,
  createDriver,
  detectDrift,
  driverEntry,
  driverList,
  isJournalEntry,
  journalTarget,
  ownedFromJournal,
  runTransaction,
  SHARED_OWNER,
  UNKNOWN_OWNER,
  type ControllerDriver,
  type DesiredObject,
  type HttpClient,
  type JournalEntry,
  type PushJournal,
  type ServiceDrift,
  type TransactionResult,
} from '../../drivers';
import { sameContent } from '../../drivers/canonical';
import { countingClient, driftDto, stepDto, targetInfo } from '../../drivers/report';
import { DEFAULT_ONOS_APP_ID } from '../../drivers/onos/defaults';
import { CoreError } from '../../util/core-error';
import type { WicmEngine } from '../engine';
import { resolveProfile } from './controllers';
import { isPlanned, planProject, planServices, readAllocations, readPlans } from '../planning';

type PushHandlers = Pick<
  Handlers,
  'push.diff' | 'push.apply' | 'push.teardown' | 'push.drift' | 'push.adopt' | 'controllers.drivers' | 'controllers.startLab' | 'controllers.setLabFault'
>;

let txCounter = 0;

/** Runs one controller operation at a time per engine, so two pushes never interleave their writes. */
function serialiser(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}

function requireHttp(engine: WicmEngine): HttpClient {
  const http = engine.ports.http;
  if (http === undefined) throw new CoreError('DRIVER_UNAVAILABLE', 'This engine has no HTTP client, so it cannot reach controllers: run it through the app, `wicm serve` or the CLI.');
  return http;
}

/** Appends per stored batch: one session transaction per entry would dominate a large push. */
const JOURNAL_BATCH = 256;

/**
 * The project's journal of one target, written through the session (persisted, not undoable).
 * Entries are buffered and stored in batches, and always before they are read back.
 */
function projectJournal(engine: WicmEngine, target: ControllerTargetDto): Required<PushJournal> {
  const key = journalTarget(target);
  let pending: JournalEntry[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const at = engine.ports.clock.now().toISOString();
    engine.session.touch((db) => {
      for (const entry of batch) db.appendJournal(key, at, entry);
    });
  };
  return {
    entries: () => {
      flush();
      return engine.session.db.readJournal(key).map((row) => row.entry).filter(isJournalEntry);
    },
    append: (entry) => {
      pending.push(entry);
      if (pending.length >= JOURNAL_BATCH) flush();
    },
    flush,
  };
}

/** Journal owners that are services (not shared or unaccounted objects). */
function journalOwners(journal: PushJournal): string[] {
  return [...new Set([...ownedFromJournal(journal.entries()).values()].map((r) => r.serviceId))].filter((id) => id !== SHARED_OWNER && id !== UNKNOWN_OWNER);
}

/**
 * Named services must be in the project, or known to the journal (removed after they were
 * pushed: a push or teardown of them removes what is left on the controller).
 */
function checkKnown(services: readonly ServiceDto[], ids: readonly string[] | undefined, pushedOnly: readonly string[] = []): void {
  const missing = (ids ?? []).filter((id) => !services.some((s) => s.id === id) && !pushedOnly.includes(id));
  if (missing.length > 0) throw new CoreError('NOT_FOUND', `No service with id ${missing.map((m) => `'${m}'`).join(', ')} in this project.`, { serviceIds: missing });
}

function planErrors(plan: PlanDto): string {
  return plan.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => d.message)
    .join('; ');
}

/** Stored plans, planning the named services that have none yet (in memory for a dry run). */
function plansFor(engine: WicmEngine, req: PushRequestDto, operation: 'push' | 'teardown', dryRun: boolean): PlanDto[] {
  const db = engine.session.db;
  const stored = readPlans(db);
  const inProject = new Set(db.readServices().map((s) => s.id));
  const missing = operation === 'push' ? (req.serviceIds ?? []).filter((id) => inProject.has(id) && !stored.some((p) => p.serviceId === id)) : [];
  if (missing.length === 0) return stored;
  if (dryRun) {
    const services = db.readServices().filter((s) => missing.includes(s.id));
    return [...stored, ...planServices(db.readTopology(), services, readAllocations(db)).plans];
  }
  engine.session.mutate('plan services', (d) => planProject(d, missing));
  engine.changed('plan');
  return readPlans(db);
}

/**
 * Desired objects of every pushable plan (all of them: ownership by naming needs them). A plan
 * that `mustPush` but cannot be pushed is an error; others are left out.
 */
function desiredOf(driver: ControllerDriver, engine: WicmEngine, plans: readonly PlanDto[], mustPush: (id: string) => boolean, provision: boolean): DesiredObject[] {
  const db = engine.session.db;
  const topology = db.readTopology();
  const services = db.readServices();
  return plans.flatMap((plan) => {
    const wanted = mustPush(plan.serviceId);
    if (!isPlanned(plan)) {
      if (wanted) throw new CoreError('CONFLICT', `Service '${plan.serviceId}' cannot be pushed: its plan has errors (${planErrors(plan)}). Fix them and plan again.`, { serviceId: plan.serviceId });
      return [];
    }
    try {
      return driver.desired({ topology, services, plans: [plan], provision });
    } catch (e) {
      if (wanted) throw e;
      return [];
    }
  });
}

/** Services a full operation covers: the planned ones, those the journal knows, and unaccounted objects of the project. */
function fullScope(services: readonly ServiceDto[], plans: readonly PlanDto[], journal: PushJournal, operation: 'push' | 'teardown'): Set<string> {
  const owners = journalOwners(journal);
  const known = new Set(services.map((s) => s.id));
  const base = operation === 'push' ? plans.filter(isPlanned).map((p) => p.serviceId) : [...known];
  return new Set([...base, ...owners.filter((id) => operation === 'teardown' || !known.has(id)), UNKNOWN_OWNER]);
}

/** Sets service states through the session (persisted, not undoable: undo never un-pushes). */
function setStates(engine: WicmEngine, changes: ReadonlyMap<string, ServiceState>, origin: string): void {
  if (changes.size === 0) return;
  engine.session.touch((db) => {
    for (const service of db.readServices()) {
      const state = changes.get(service.id);
      if (state !== undefined && state !== service.state) db.upsertService({ ...service, state });
    }
  });
  engine.changed(origin);
}

function statesOf(engine: WicmEngine, ids: Iterable<string>): { id: string; state: ServiceState }[] {
  const wanted = new Set(ids);
  return engine.session.db
    .readServices()
    .filter((s) => wanted.has(s.id))
    .map((s) => ({ id: s.id, state: s.state }));
}

/** Project meta key of the project's ONOS application id. */
const APP_ID_META = 'onos_app_id';

/**
 * The target with the project's own ONOS application id when none is given: every flow of the
 * application is taken as the project's, so two projects must never share one. The id is made
 * once per project and kept in it (`org.wicm.studio.p<hex>`).
 */
function resolveTarget(engine: WicmEngine, target: ControllerTargetDto): ControllerTargetDto {
  if (target.kind !== 'onos' || target.appId !== undefined) return target;
  const stored = engine.session.db.getMeta(APP_ID_META);
  if (stored !== null) return { ...target, appId: stored };
  const salt = `${engine.ports.clock.now().getTime().toString(16)}${Math.floor(Math.random() * 0xffffffff).toString(16)}`;
  const appId = `${DEFAULT_ONOS_APP_ID}.p${salt.slice(-10)}`;
  engine.session.touch((db) => db.setMeta(APP_ID_META, appId));
  return { ...target, appId };
}

/** Progress events of one push or teardown, about every 1% of its steps (and the last one). */
function progressEvents(engine: WicmEngine, operation: 'push' | 'teardown'): (done: number, total: number, step: { readonly summary: string }) => void {
  return (done, total, step) => {
    if (done === total || done % Math.max(1, Math.floor(total / 100)) === 0) {
      engine.emit({ name: 'push.didProgress', payload: { operation, done, total, current: step.summary } });
    }
  };
}

function nextTxId(engine: WicmEngine): string {
  txCounter += 1;
  return `tx-${engine.ports.clock.now().getTime().toString(36)}-${txCounter}`;
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

async function transact(engine: WicmEngine, request: ConcretePushRequest, operation: 'push' | 'teardown', dryRun: boolean): Promise<PushReportDto> {
  const req = { ...request, target: resolveTarget(engine, request.target) };
  const http = countingClient(requireHttp(engine));
  const driver = createDriver(req.target);
  if (req.provision && !driver.capabilities.provisioning) {
    throw new CoreError('INVALID_INPUT', `${driverEntry(req.target.kind).label} does not create forwarding elements: leave "provision" off.`);
  }
  const now = (): number => engine.ports.clock.now().getTime();
  const t0 = now();
  const services = engine.session.db.readServices();
  const journal = projectJournal(engine, req.target);
  checkKnown(services, req.serviceIds, journalOwners(journal));
  const plans = plansFor(engine, req, operation, dryRun);
  const scope = req.serviceIds ? new Set(req.serviceIds) : fullScope(services, plans, journal, operation);
  const desired = desiredOf(driver, engine, plans, (id) => operation === 'push' && scope.has(id), req.provision === true);
  const planningMs = now() - t0;
  const result = await runTransaction(
    {
      driver,
      http: http.client,
      journal,
      now,
      concurrency: driverEntry(req.target.kind).defaults.maxConcurrency,
      txId: nextTxId(engine),
      onProgress: dryRun ? undefined : progressEvents(engine, operation),
    },
    { operation, desired, scope, dryRun },
  ).finally(journal.flush);
  const projectScope = [...scope].filter((id) => services.some((s) => s.id === id));
  if (!dryRun) {
    const hasPlan = new Set(readPlans(engine.session.db).map((p) => p.serviceId));
    const changes = new Map<string, ServiceState>();
    for (const id of projectScope) {
      const state = stateAfter(operation, result, hasPlan.has(id));
      if (state !== undefined) changes.set(id, state);
    }
    setStates(engine, changes, operation);
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
    services: statesOf(engine, projectScope),
    message: result.message,
  };
}

/** Whether the service's current plan calls for exactly what the journal says was pushed. */
function planMatchesPushed(serviceId: string, desired: readonly DesiredObject[], journal: PushJournal): boolean {
  const pushed = [...ownedFromJournal(journal.entries())].filter(([, r]) => r.serviceId === serviceId);
  const wanted = desired.filter((d) => d.serviceId === serviceId);
  return pushed.length === wanted.length && wanted.every((d) => pushed.some(([id, r]) => id === d.id && sameContent(r.content, d.content)));
}

async function driftCheck(engine: WicmEngine, request: ConcretePushRequest, adopt: boolean): Promise<DriftReportDto> {
  const req = { ...request, target: resolveTarget(engine, request.target) };
  const http = requireHttp(engine);
  const driver = createDriver(req.target);
  const services = engine.session.db.readServices();
  const journal = projectJournal(engine, req.target);
  const owners = journalOwners(journal);
  checkKnown(services, req.serviceIds, owners);
  const plans = readPlans(engine.session.db);
  const scope = new Set(req.serviceIds ?? [...services.map((s) => s.id), ...owners]);
  const desired = desiredOf(driver, engine, plans, () => false, req.provision === true);
  const first = await detectDrift(driver, http, journal, desired, scope);
  const adoptedCount = adopt ? adoptDrift(journal, nextTxId(engine), first, desired) : 0;
  journal.flush();
  const drift: ServiceDrift[] = adoptedCount > 0 ? await detectDrift(driver, http, journal, desired, scope) : first;
  const byId = new Map(services.map((s) => [s.id, s]));
  const changes = new Map<string, ServiceState>();
  for (const d of drift) {
    const service = byId.get(d.serviceId);
    if (service === undefined) continue;
    if (d.status === 'drifted') changes.set(d.serviceId, 'drifted');
    else if (d.status === 'in-sync' && service.state !== 'pushed' && (adopt || planMatchesPushed(d.serviceId, desired, journal))) changes.set(d.serviceId, 'pushed');
  }
  setStates(engine, changes, adopt ? 'adopt' : 'drift');
  const drifted = drift.filter((d) => d.status === 'drifted').length;
  return {
    target: targetInfo(req.target),
    services: drift.map(driftDto),
    drifted,
    message: adopt
      ? `Adopted ${adoptedCount} object(s) as pushed; ${drifted} service(s) still drifted.`
      : drifted === 0
        ? 'The controller matches the last pushed state.'
        : `${drifted} service(s) drifted: re-apply (push.apply) to restore them, or adopt (push.adopt) to accept the controller's state.`,
  };
}

/** A push request whose target is spelled out (a profile reference resolved). */
type ConcretePushRequest = Omit<PushRequestDto, 'target'> & { readonly target: ControllerTargetDto };

async function concrete<R extends PushRequestDto>(engine: WicmEngine, req: R): Promise<Omit<R, 'target'> & ConcretePushRequest> {
  return { ...req, target: await resolveProfile(engine, req.target) };
}

function labsOf(engine: WicmEngine, kind: string): LabControllers {
  const labs = engine.ports.labControllers;
  if (labs === undefined) throw new CoreError('DRIVER_UNAVAILABLE', `This engine cannot run lab controllers here: start one with \`wicm lab-controller --kind ${kind}\` (faults: --faults FILE.json).`);
  return labs;
}

/** Push, teardown, drift and the lab controllers. */
export function pushHandlers(engine: WicmEngine): PushHandlers {
  const serial = serialiser();
  return {
    'push.diff': (req) => serial(async () => transact(engine, await concrete(engine, req), req.teardown ? 'teardown' : 'push', true)),
    'push.apply': (req) => serial(async () => transact(engine, await concrete(engine, req), 'push', false)),
    'push.teardown': (req) => serial(async () => transact(engine, await concrete(engine, req), 'teardown', false)),
    'push.drift': (req) => serial(async () => driftCheck(engine, await concrete(engine, req), false)),
    'push.adopt': (req) => serial(async () => driftCheck(engine, await concrete(engine, req), true)),
    'controllers.drivers': async () => driverList(),
    'controllers.startLab': async (req) => labsOf(engine, req.kind).start(req.kind),
    'controllers.setLabFault': async (req) => {
      await labsOf(engine, req.kind).setFault(req.kind, req.fault);
      return { kind: req.kind, fault: req.fault };
    },
  };
}
