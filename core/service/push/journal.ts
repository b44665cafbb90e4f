import type { ControllerTargetDto } from '../../contract/api';
import { isJournalEntry, journalOwned, journalTarget, SHARED_OWNER, UNKNOWN_OWNER, type JournalEntry, type PushJournal } from '../../drivers';
import { ownedIndex } from './journal-index';
import type { HandlerContext } from '../context';

/** Transactions begun in this process and not yet ended, per open project (never "interrupted"). */
const running = new WeakMap<object, Set<string>>();

/** Whether transaction `tx` runs in this process (a crash did not interrupt it, it is under way). */
export function isRunning(ctx: HandlerContext, tx: string): boolean {
  return running.get(ctx.session)?.has(tx) ?? false;
}

/**
 * Forgets a transaction that stopped in this process without its `end` (its caller threw): it
 * is no longer under way, so the next recovery of its target settles it.
 */
export function forgetRunning(ctx: HandlerContext, tx: string): void {
  running.get(ctx.session)?.delete(tx);
}

/** Appends per stored batch: one session transaction per entry would dominate a large push. */
const JOURNAL_BATCH = 256;

/**
 * The project's journal of one target, written through the session (persisted, not undoable).
 * Entries are buffered and stored in batches, and always before they are read back; `sync`
 * stores them and resolves once they are on disk (a durable session's change log).
 */
export function projectJournal(ctx: HandlerContext, target: ControllerTargetDto): Required<PushJournal> {
  const key = journalTarget(target);
  const read = (): JournalEntry[] =>
    ctx.session.db.journal
      .read(key)
      .map((row) => row.entry)
      .filter(isJournalEntry);
  const index = ownedIndex(ctx.session.db, key, read);
  let pending: JournalEntry[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const at = ctx.ports.clock.now().toISOString();
    ctx.session.touch((db) => db.journal.append(key, at, ...batch));
  };
  return {
    entries: () => {
      flush();
      return read();
    },
    owned: () => index.owned,
    ownedIdsOf: (serviceId) => index.idsOf(serviceId),
    append: (entry) => {
      index.apply(entry);
      if (entry.type === 'begin' || entry.type === 'end') {
        let set = running.get(ctx.session);
        if (!set) running.set(ctx.session, (set = new Set()));
        if (entry.type === 'begin') set.add(entry.tx);
        else set.delete(entry.tx);
      }
      pending.push(entry);
      if (pending.length >= JOURNAL_BATCH) flush();
    },
    flush,
    sync: async () => {
      flush();
      await ctx.session.persist();
    },
  };
}

/** Journal owners that are services (not shared or unaccounted objects). */
export function journalOwners(journal: PushJournal): string[] {
  return [...new Set([...journalOwned(journal).values()].map((r) => r.serviceId))].filter((id) => id !== SHARED_OWNER && id !== UNKNOWN_OWNER);
}
