import type { ControllerTargetDto, PushRecoveryDto, RecoveredTransactionDto } from '../../contract/api';
import type { ServiceState } from '../../contract/dto';
import { createDriver, journalTarget, ownedFromJournal, type ControllerDriver, type JournalEntry, type LiveObject, type PushJournal } from '../../drivers';
import { sameContent } from '../../drivers/canonical';
import { targetInfo } from '../../drivers/report';
import { send } from '../../drivers/request';
import type { HandlerContext } from '../context';
import { isRunning, projectJournal } from './journal';
import { setStates } from './services';
import { requireHttp, resolveTarget } from './target';

type Intent = Extract<JournalEntry, { type: 'intent' }>;

/** A transaction a crash interrupted: its `begin` and what it journaled after it. */
interface Interrupted {
  readonly begin: Extract<JournalEntry, { type: 'begin' }>;
  readonly intents: Intent[];
  readonly acked: Set<number>;
  /** What the project owned before the transaction began (to journal the objects put back). */
  readonly ownedBefore: ReturnType<typeof ownedFromJournal>;
}

/** Transactions of the journal with a `begin` and no `end`, oldest first. */
export function interruptedTransactions(entries: readonly JournalEntry[]): Interrupted[] {
  const open = new Map<string, Omit<Interrupted, 'ownedBefore'> & { readonly index: number }>();
  entries.forEach((entry, index) => {
    if (entry.type === 'begin') {
      open.set(entry.tx, { begin: entry, intents: [], acked: new Set(), index });
      return;
    }
    if (entry.type === 'baseline') return;
    const tx = open.get(entry.tx);
    if (!tx) return;
    if (entry.type === 'end') open.delete(entry.tx);
    else if (entry.type === 'intent') tx.intents.push(entry);
    else if (entry.type === 'applied') tx.acked.add(entry.seq);
  });
  // Only for the (rare) interrupted ones: what the project owned when each began.
  return [...open.values()].map(({ index, ...tx }) => ({ ...tx, ownedBefore: ownedFromJournal(entries.slice(0, index)) }));
}

/**
 * Finds the push and teardown transactions on `target` that a crash interrupted (a `begin`
 * without `end`) and settles each: completed when the controller acknowledged every step, else
 * rolled back from the write-ahead intents — every object a step was about to write is read back
 * from the controller and put back as it was (removed when it did not exist), whether or not its
 * write was acknowledged. The journal gets the `undone` entries and an `end`.
 */
export async function recoverInterrupted(ctx: HandlerContext, target: ControllerTargetDto): Promise<PushRecoveryDto> {
  const resolved = resolveTarget(ctx, target);
  const journal = projectJournal(ctx, resolved);
  const interrupted = interruptedTransactions(journal.entries()).filter((t) => !isRunning(ctx, t.begin.tx));
  const info = targetInfo(resolved);
  if (interrupted.length === 0) return { target: info, transactions: [], message: 'No interrupted push or teardown.' };
  const driver = createDriver(resolved);
  const http = requireHttp(ctx);
  const transactions: RecoveredTransactionDto[] = [];
  const states = new Map<string, ServiceState>();
  for (const tx of interrupted.reverse()) {
    const live = new Map((await driver.readLive(http)).map((l) => [l.id, l]));
    const steps = tx.begin.steps;
    const ackedAll = steps !== undefined && tx.acked.size === steps;
    const base = { tx: tx.begin.tx, operation: tx.begin.op, serviceIds: tx.begin.serviceIds ?? [] };
    if (ackedAll) {
      journal.append({ type: 'end', tx: tx.begin.tx, outcome: 'committed', verified: false });
      if (tx.begin.op === 'push') for (const id of base.serviceIds) states.set(id, 'pushed');
      transactions.push({ ...base, outcome: 'completed', objects: 0, message: `Every one of its ${steps} step(s) was acknowledged: recorded as completed.` });
      continue;
    }
    const { restored, failed } = await putBack(ctx, journal, tx, live, driver);
    const after = new Map((await driver.readLive(http)).map((l) => [l.id, l]));
    const ok = failed === 0 && tx.intents.every((i) => isAsBefore(i, after.get(i.objectId)));
    journal.append({ type: 'end', tx: tx.begin.tx, outcome: ok ? 'rolled-back' : 'rollback-incomplete', verified: ok });
    transactions.push({
      ...base,
      outcome: ok ? 'rolled-back' : 'rollback-incomplete',
      objects: restored,
      message: ok
        ? `Rolled back: ${restored} object(s) put back as before; ${tx.acked.size} of ${steps ?? '?'} step(s) had been acknowledged.`
        : `Rollback incomplete: ${failed} object(s) could not be put back; run a drift check.`,
    });
  }
  journal.flush();
  setStates(ctx, states, 'push recovery');
  await journal.sync();
  const report: PushRecoveryDto = { target: info, transactions, message: summary(transactions) };
  ctx.emit({ name: 'push.didRecover', payload: report });
  return report;
}

/** Targets settled in this process, per open project: their recovery, under way or done. */
const settled = new WeakMap<object, Map<string, Promise<PushRecoveryDto>>>();

function settledOf(ctx: HandlerContext): Map<string, Promise<PushRecoveryDto>> {
  let byTarget = settled.get(ctx.session);
  if (byTarget === undefined) settled.set(ctx.session, (byTarget = new Map()));
  return byTarget;
}

/**
 * Recovers `target` ({@link recoverInterrupted}) and remembers it as settled for this open
 * project; a recovery that failed or left a rollback incomplete is not remembered.
 */
export async function recoverTarget(ctx: HandlerContext, target: ControllerTargetDto): Promise<PushRecoveryDto> {
  const map = settledOf(ctx);
  const key = journalTarget(resolveTarget(ctx, target));
  const run = recoverInterrupted(ctx, target);
  map.set(key, run);
  try {
    const report = await run;
    if (report.transactions.some((t) => t.outcome === 'rollback-incomplete') && map.get(key) === run) map.delete(key);
    return report;
  } catch (e) {
    if (map.get(key) === run) map.delete(key);
    throw e;
  }
}

/**
 * Settles what a crash interrupted on `target` once per target and open project: the first push
 * or teardown to it recovers (concurrent ones wait for that one recovery); later ones do not
 * read the journal again. A failed recovery, and a transaction that stopped without its end
 * ({@link recoveryNeeded}), make the next one recover.
 */
export async function recoverOnce(ctx: HandlerContext, target: ControllerTargetDto): Promise<void> {
  const known = settledOf(ctx).get(journalTarget(resolveTarget(ctx, target)));
  await (known ?? recoverTarget(ctx, target));
}

/** The next push or teardown to `target` recovers first (a transaction on it stopped without its end). */
export function recoveryNeeded(ctx: HandlerContext, target: ControllerTargetDto): void {
  settled.get(ctx.session)?.delete(journalTarget(resolveTarget(ctx, target)));
}

/**
 * Puts the objects of the intents back as they were, last intent first. Objects the transaction
 * created are removed together when the driver removes many at once (ONOS: one batch delete per
 * 500 flows instead of one request per flow).
 */
async function putBack(ctx: HandlerContext, journal: PushJournal, tx: Interrupted, live: Map<string, LiveObject>, driver: ControllerDriver): Promise<{ restored: number; failed: number }> {
  const http = requireHttp(ctx);
  let restored = 0;
  let failed = 0;
  const seen = new Set<string>();
  const removals: { readonly intent: Intent; readonly now: LiveObject }[] = [];
  const undone = (intent: Intent): void => {
    restored += 1;
    journal.append({ type: 'undone', tx: tx.begin.tx, seq: intent.seq, objectId: intent.objectId, record: tx.ownedBefore.get(intent.objectId) ?? null });
  };
  for (const intent of [...tx.intents].reverse()) {
    // The earliest intent of an object knows how it was before the transaction.
    const first = tx.intents.find((i) => i.objectId === intent.objectId) as Intent;
    if (seen.has(intent.objectId)) continue;
    seen.add(intent.objectId);
    const now = live.get(intent.objectId);
    if (isAsBefore(first, now)) continue;
    if (first.undo === null && now !== undefined && driver.removeMany !== undefined) {
      removals.push({ intent, now });
      continue;
    }
    const request = first.undo !== null ? first.undo.restore : now?.remove;
    if (request === undefined) continue;
    try {
      await send(http, driver.target, request);
      undone(intent);
    } catch {
      failed += 1;
    }
  }
  if (removals.length > 0) {
    try {
      await driver.removeMany?.(http, removals.map((r) => r.now));
      for (const r of removals) undone(r.intent);
    } catch {
      // The read-back after recovery tells which are still there.
      failed += removals.length;
    }
  }
  return { restored, failed };
}

function isAsBefore(intent: Intent, now: LiveObject | undefined): boolean {
  return intent.undo === null ? now === undefined : now !== undefined && sameContent(intent.undo.content, now.content);
}

function summary(transactions: readonly RecoveredTransactionDto[]): string {
  const count = (o: RecoveredTransactionDto['outcome']): number => transactions.filter((t) => t.outcome === o).length;
  const parts = [`${count('rolled-back')} rolled back`, `${count('completed')} completed`];
  if (count('rollback-incomplete') > 0) parts.push(`${count('rollback-incomplete')} could not be fully rolled back (run a drift check)`);
  return `${transactions.length} push or teardown interrupted by a crash: ${parts.join(', ')}.`;
}
