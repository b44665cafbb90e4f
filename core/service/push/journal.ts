import type { ControllerTargetDto } from '../../contract/api';
import { isJournalEntry, journalOwned, journalTarget, SHARED_OWNER, UNKNOWN_OWNER, type JournalEntry, type PushJournal } from '../../drivers';
import { ownedIndex } from './journal-index';
import type { HandlerContext } from '../context';

/** Appends per stored batch: one session transaction per entry would dominate a large push. */
const JOURNAL_BATCH = 256;

/**
 * The project's journal of one target, written through the session (persisted, not undoable).
 * Entries are buffered and stored in batches, and always before they are read back.
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
    ctx.session.touch((db) => {
      for (const entry of batch) db.journal.append(key, at, entry);
    });
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
      pending.push(entry);
      if (pending.length >= JOURNAL_BATCH) flush();
    },
    flush,
  };
}

/** Journal owners that are services (not shared or unaccounted objects). */
export function journalOwners(journal: PushJournal): string[] {
  return [...new Set([...journalOwned(journal).values()].map((r) => r.serviceId))].filter((id) => id !== SHARED_OWNER && id !== UNKNOWN_OWNER);
}
