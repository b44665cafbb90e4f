import { CoreError } from '../util/core-error';
import { sameContent } from './canonical';
import { runDag } from './dag';
import { applyOnce } from './failover';
import { SHARED_OWNER, type AppliedStep, type PreflightFinding, type ControllerDriver, type DesiredObject, type LiveObject, type OwnedObject, type PushStep } from './driver';
import type { HttpClient } from './http';
import { journalOwned, journalOwnedIds, type PushJournal } from './journal';
import { failureText } from './request';
import { liveMap, restoreTouched, touchedIds, verifyPush } from './verify';

/** What a transaction runs with. */
export interface TransactionDeps {
  readonly driver: ControllerDriver;
  readonly http: HttpClient;
  readonly journal: PushJournal;
  /** Milliseconds of a monotonic-enough clock (for timings). */
  readonly now: () => number;
  /** Most writes in flight at once (1 when the target does not take concurrent writes). */
  readonly concurrency: number;
  /** Id written into the journal entries of this transaction. */
  readonly txId: string;
  /** Told after each applied step (for a progress bar). */
  readonly onProgress?: (done: number, total: number, step: PushStep) => void;
}

/** What to push (or tear down). */
export interface TransactionInput {
  readonly operation: 'push' | 'teardown';
  /** Every desired object of the project (ownership by naming needs them all). */
  readonly desired: readonly DesiredObject[];
  /** Services the transaction is about. */
  readonly scope: ReadonlySet<string>;
  readonly dryRun: boolean;
  /**
   * Read back only the objects in scope (the wanted ones and those the journal records for the
   * scoped services) when the driver can read objects one by one; live objects of other services
   * are then neither read nor claimed. For pushes and teardowns of named services.
   */
  readonly scopedRead?: boolean;
}

/** Status of a step in a report. */
export type StepStatus = 'planned' | 'applied' | 'failed' | 'undone' | 'skipped';

/** One step with what happened to it. */
export interface StepOutcome {
  readonly step: PushStep;
  readonly status: StepStatus;
  readonly error?: string;
}

/** Outcome of a transaction. */
export interface TransactionResult {
  readonly ok: boolean;
  readonly dryRun: boolean;
  readonly steps: readonly StepOutcome[];
  /** Seq of the first failed (or conflicting) step. */
  readonly failedSeq: number | null;
  readonly undone: number;
  readonly verified: boolean;
  readonly planMs: number;
  readonly pushMs: number;
  readonly message: string;
  /** What the controller would refuse or discard, checked against the read-back before writing. */
  readonly preflight: readonly PreflightFinding[];
}

/**
 * Desired objects of the services in scope, plus the shared objects they stand on, in desired
 * order. A shared object that stands only on chosen objects, one of which a service object
 * stands on directly, completes it and comes along (the port map of a vInterface a redirect
 * uses: without it VTN discards the redirected traffic).
 */
export function desiredInScope(desired: readonly DesiredObject[], scope: ReadonlySet<string>): DesiredObject[] {
  const byId = new Map(desired.map((d) => [d.id, d]));
  const chosen = new Set<string>();
  const direct = new Set<string>();
  const visit = (d: DesiredObject): void => {
    if (chosen.has(d.id)) return;
    chosen.add(d.id);
    for (const id of d.after) {
      const dep = byId.get(id);
      if (dep !== undefined && dep.serviceId === SHARED_OWNER) visit(dep);
    }
  };
  for (const d of desired) {
    if (!scope.has(d.serviceId)) continue;
    for (const id of d.after) direct.add(id);
    visit(d);
  }
  const completes = (d: DesiredObject): boolean =>
    d.serviceId === SHARED_OWNER && d.after.length > 0 && d.after.every((id) => chosen.has(id)) && d.after.some((id) => direct.has(id));
  for (const d of desired) if (!chosen.has(d.id) && completes(d)) chosen.add(d.id);
  return desired.filter((d) => chosen.has(d.id));
}

/**
 * One object per id. Two services that need the same object with different content cannot both
 * be pushed: an error when one of them is being pushed (`mustPush`), else the first one wins.
 */
export function uniqueDesired(desired: readonly DesiredObject[], mustPush: (serviceId: string) => boolean = () => false): DesiredObject[] {
  const seen = new Map<string, DesiredObject>();
  for (const d of desired) {
    const first = seen.get(d.id);
    if (first === undefined) seen.set(d.id, d);
    else if ((mustPush(first.serviceId) || mustPush(d.serviceId)) && !sameContent(first.content, d.content)) {
      throw new CoreError(
        'CONFLICT',
        `Services '${first.serviceId}' and '${d.serviceId}' both need ${d.summary} with different content: give them distinct matches (segments) or re-plan.`,
        { objectId: d.id },
      );
    }
  }
  return [...seen.values()];
}

/** The one-object steps a step sends: its members when it is a batch, else itself. */
export function leaves(step: PushStep): readonly PushStep[] {
  return step.members ?? [step];
}

/** "12 change(s)", or "8000 change(s) in 16 request(s)" when steps are batches. */
function changesText(steps: readonly PushStep[]): string {
  const objects = steps.reduce((n, s) => n + leaves(s).length, 0);
  return objects === steps.length ? `${objects} change(s)` : `${objects} change(s) in ${steps.length} request(s)`;
}

/** The journal record of an object as written. */
function ownedOf(d: DesiredObject, handle: string | undefined): OwnedObject {
  return { serviceId: d.serviceId, kind: d.kind, summary: d.summary, content: d.content, ...(d.chain ? { chain: d.chain } : {}), ...(handle === undefined ? {} : { handle }) };
}

/** The journal record of a live object adopted as owned by `serviceId`. */
export function ownedOfLive(l: LiveObject, serviceId: string, chain = l.chain): OwnedObject {
  return { serviceId, kind: l.kind, summary: l.summary, content: l.content, ...(chain ? { chain } : {}), ...(l.handle === undefined ? {} : { handle: l.handle }) };
}

/**
 * What the project owns on the target: the journal, plus live objects its naming marks as its
 * own (VTN condition names it allocated, its ONOS application id) even when the journal does
 * not know them (pushed from another copy of the project, or by `wicm push --topology`).
 */
export function ownedObjects(driver: ControllerDriver, live: readonly LiveObject[], desired: readonly DesiredObject[], journal: PushJournal): ReadonlyMap<string, OwnedObject> {
  const journaled = journalOwned(journal);
  const claimed = new Map<string, OwnedObject>();
  const desiredById = new Map(desired.map((d) => [d.id, d]));
  for (const l of live) {
    if (journaled.has(l.id) || claimed.has(l.id)) continue;
    const serviceId = driver.claim(l, desiredById);
    if (serviceId !== null) claimed.set(l.id, ownedOfLive(l, serviceId, desiredById.get(l.id)?.chain ?? l.chain));
  }
  // The journal's records plus the claimed ones, without copying the journal's index: a copy
  // cost a pass over every object the fleet owns on each push.
  return claimed.size === 0 ? journaled : overlay(journaled, claimed);
}

/** A read-only map: `top`'s entries over `base`'s (keys of both are disjoint); lookups cost O(1). */
function overlay<V>(base: ReadonlyMap<string, V>, top: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  // Iterating (rare: diffs look objects up by id) materialises the union.
  const all = (): Map<string, V> => new Map([...base, ...top]);
  return {
    get size() {
      return base.size + top.size;
    },
    get: (key) => top.get(key) ?? base.get(key),
    has: (key) => top.has(key) || base.has(key),
    forEach: (fn, thisArg?: unknown) => all().forEach(fn, thisArg),
    entries: () => all().entries(),
    keys: () => all().keys(),
    values: () => all().values(),
    [Symbol.iterator]: () => all()[Symbol.iterator](),
  };
}

/**
 * Pushes (or tears down) as one transaction.
 *
 * Reads the controller, diffs, and — unless a dry run — applies the steps in dependency order
 * with bounded concurrency, journaling each accepted write. On the first failure (an error
 * status, a timeout, a reset connection) no further step starts; every applied step is
 * compensated in reverse order; then the objects the push touched are read back and put back
 * as they were before the push (this also catches a write that timed out but did land).
 * After success the result is read back and verified.
 */
export async function runTransaction(deps: TransactionDeps, input: TransactionInput): Promise<TransactionResult> {
  const { driver, http, journal, now, txId } = deps;
  const t0 = now();
  const desired = uniqueDesired(input.desired, (id) => input.operation === 'push' && input.scope.has(id));
  const wanted = input.operation === 'push' ? desiredInScope(desired, input.scope) : [];
  const readObjects = input.scopedRead ? driver.readObjects?.bind(driver) : undefined;
  const scopeIds = readObjects ? [...new Set([...wanted.map((d) => d.id), ...journalOwnedIds(journal, input.scope), ...desired.filter((d) => input.scope.has(d.serviceId)).map((d) => d.id)])] : [];
  // Handles the controller gave objects (ONOS flow ids): from what was read, written, or journaled.
  const handles = new Map<string, string>();
  const handleOf = (id: string): string | undefined => handles.get(id) ?? journalOwned(journal).get(id)?.handle;
  const read = readObjects ? (ids: readonly string[] = scopeIds) => readObjects(http, ids, { handleOf }) : () => driver.readLive(http);
  // The first read takes objects no journal holds as absent rather than searching for them.
  const liveBefore = readObjects ? await readObjects(http, scopeIds, { handleOf, unknownAbsent: true }) : await read();
  for (const l of liveBefore) if (l.handle !== undefined) handles.set(l.id, l.handle);
  const owned = ownedObjects(driver, liveBefore, desired, journal);
  const steps = driver.diff(wanted, liveBefore, owned, input.scope);
  const preflight = input.operation === 'push' && driver.preflight !== undefined ? await driver.preflight(http, wanted, liveBefore) : [];
  const planMs = now() - t0;
  const t1 = now();
  const conflicts = steps.filter((s) => s.conflict !== undefined);
  if (input.dryRun || conflicts.length > 0) {
    const outcomes = steps.map((step): StepOutcome =>
      step.conflict !== undefined ? { step, status: 'skipped', error: step.conflict } : { step, status: input.dryRun ? 'planned' : 'skipped' },
    );
    const first = conflicts[0];
    return {
      ok: first === undefined,
      dryRun: input.dryRun,
      steps: outcomes,
      failedSeq: first?.seq ?? null,
      undone: 0,
      verified: false,
      planMs,
      preflight,
      pushMs: now() - t1,
      message:
        first !== undefined
          ? `Nothing was sent: step ${first.seq} would overwrite an object this project did not create (${first.summary}).`
          : steps.length === 0
            ? 'The controller already matches: nothing to send.'
            : `${changesText(steps)} would be sent.`,
    };
  }
  if (steps.length === 0) {
    recordBaseline(journal, txId, wanted, liveBefore, owned);
    return { ok: true, dryRun: false, steps: [], failedSeq: null, undone: 0, verified: true, planMs, preflight, pushMs: now() - t1, message: 'The controller already matches: nothing was sent.' };
  }

  // What the touched objects were owned as before this transaction (`owned` reads the live journal index).
  const ownedBefore = new Map(steps.flatMap(leaves).flatMap(touchedIds).map((id) => [id, owned.get(id) ?? null]));
  journal.append({ type: 'begin', tx: txId, op: input.operation, serviceIds: [...input.scope], steps: steps.length });
  const applied = new Map<number, AppliedStep>();
  const liveById = liveMap(liveBefore);
  let done = 0;
  // Write-ahead: every object of every step (each flow of a batch) is on disk before the first
  // request goes out, in one store instead of one per step. A step that never runs leaves an
  // intent for an object still as it was, which a recovery finds as it was and leaves alone.
  for (const step of steps) {
    for (const leaf of leaves(step)) {
      for (const id of touchedIds(leaf)) {
        const was = liveById.get(id);
        const record = leaf.desired !== null ? ownedOf(leaf.desired, undefined) : null;
        journal.append({ type: 'intent', tx: txId, seq: step.seq, objectId: id, record, undo: was ? { content: was.content, restore: was.restore } : null });
      }
    }
  }
  await journal.sync?.();
  const run = async (step: PushStep): Promise<void> => {
    const result = await applyOnce(driver, http, step);
    applied.set(step.seq, result);
    done += 1;
    deps.onProgress?.(done, steps.length, step);
    for (const leaf of leaves(step)) {
      const handle = leaf.desired !== null ? (result.handles?.get(leaf.desired.id) ?? result.handle) : undefined;
      if (handle !== undefined && leaf.desired !== null) handles.set(leaf.desired.id, handle);
      for (const id of touchedIds(leaf)) {
        journal.append({ type: 'applied', tx: txId, seq: step.seq, objectId: id, record: leaf.desired !== null ? ownedOf(leaf.desired, handle) : null });
      }
    }
  };
  const limit = driver.capabilities.concurrentWrites ? deps.concurrency : 1;
  const writes = steps.filter((s) => s.action !== 'delete');
  const deletes = steps.filter((s) => s.action === 'delete');
  const first = await runDag(writes, limit, run);
  const second = first.failed.length > 0 ? { completed: [], failed: [], skipped: deletes.map((s) => s.seq) } : await runDag(deletes, limit, run);
  const completed = [...first.completed, ...second.completed];
  const failed = [...first.failed, ...second.failed];
  const bySeq = new Map(steps.map((s) => [s.seq, s]));

  if (failed.length === 0) {
    recordBaseline(journal, txId, wanted, liveBefore, owned);
    const written = steps.flatMap(leaves);
    const verified = await verifyPush(written, () => read(written.flatMap(touchedIds)));
    journal.append({ type: 'end', tx: txId, outcome: 'committed', verified });
    return {
      ok: true,
      dryRun: false,
      steps: steps.map((step) => ({ step, status: 'applied' })),
      failedSeq: null,
      undone: 0,
      verified,
      planMs,
      preflight,
      pushMs: now() - t1,
      message: verified ? `${changesText(steps)} applied and verified.` : `${changesText(steps)} applied, but the read-back differs: run a drift check.`,
    };
  }

  const errors = new Map(failed.map((f) => [f.seq, failureText(f.error)]));
  const undoErrors = new Map<number, string>();
  for (const seq of [...completed].reverse()) {
    const step = bySeq.get(seq) as PushStep;
    try {
      await driver.compensate(http, step, applied.get(seq) ?? {});
      for (const id of leaves(step).flatMap(touchedIds)) journal.append({ type: 'undone', tx: txId, seq, objectId: id, record: ownedBefore.get(id) ?? null });
    } catch (e) {
      undoErrors.set(seq, `applied, but undoing it failed: ${failureText(e)}`);
    }
  }
  const attempted = [...completed, ...failed.map((f) => f.seq)].flatMap((seq) => leaves(bySeq.get(seq) as PushStep));
  const restored = await restoreTouched(driver, http, attempted, liveBefore, (ids) => read(ids));
  const verified = restored && undoErrors.size === 0;
  journal.append({ type: 'end', tx: txId, outcome: verified ? 'rolled-back' : 'rollback-incomplete', verified });
  const firstFailed = failed[0] as { seq: number };
  const completedSet = new Set(completed);
  const outcomes = steps.map((step): StepOutcome => {
    const error = errors.get(step.seq) ?? undoErrors.get(step.seq);
    if (errors.has(step.seq)) return { step, status: 'failed', ...(error ? { error } : {}) };
    if (!completedSet.has(step.seq)) return { step, status: 'skipped' };
    return undoErrors.has(step.seq) ? { step, status: 'applied', ...(error ? { error } : {}) } : { step, status: 'undone' };
  });
  const failedStep = bySeq.get(firstFailed.seq) as PushStep;
  const undone = outcomes.filter((o) => o.status === 'undone').length;
  return {
    ok: false,
    dryRun: false,
    steps: outcomes,
    failedSeq: firstFailed.seq,
    undone,
    verified,
    planMs,
    preflight,
    pushMs: now() - t1,
    message: `Step ${failedStep.seq} (${failedStep.action} ${failedStep.summary}) failed: ${errors.get(firstFailed.seq) ?? 'unknown error'}. ${
      verified ? `Rolled back: ${undone} applied step(s) undone; the controller is as before the push.` : `Rollback incomplete: ${undone} step(s) undone; check the steps marked applied and run a drift check.`
    }`,
  };
}

/** Journals the in-scope desired objects that were already in place and not yet known as pushed. */
function recordBaseline(journal: PushJournal, txId: string, wanted: readonly DesiredObject[], liveBefore: readonly LiveObject[], owned: ReadonlyMap<string, OwnedObject>): void {
  const live = liveMap(liveBefore);
  const journaled = journalOwned(journal);
  for (const d of wanted) {
    const l = live.get(d.id);
    if (l === undefined || !sameContent(l.content, d.content)) continue;
    const known = journaled.get(d.id);
    if (known !== undefined && known.serviceId === d.serviceId && sameContent(known.content, d.content)) continue;
    journal.append({ type: 'baseline', tx: txId, objectId: d.id, record: ownedOf(d, l.handle ?? owned.get(d.id)?.handle) });
  }
}
