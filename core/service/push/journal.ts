import type { ControllerTargetDto } from '../../contract/api';
import { isJournalEntry, journalTarget, ownedFromJournal, SHARED_OWNER, UNKNOWN_OWNER, type JournalEntry, type PushJournal } from '../../drivers';
import type { HandlerContext } from '../context';

/** Appends per stored batch: one session transaction per entry would dominate a large push. */
const JOURNAL_BATCH = 256;

/**
 * The project's journal of one target, written through the session (persisted, not undoable).
 * Entries are buffered and stored in batches, and always before they are read back.
 */
export function projectJournal(ctx: HandlerContext, target: ControllerTargetDto): Required<PushJournal> {
  const key = journalTarget(target);
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
      return ctx.session.db.journal
        .read(key)
        .map((row) => row.entry)
        .filter(isJournalEntry);
    },
    append: (entry) => {
      pending.push(entry);
      if (pending.length >= JOURNAL_BATCH) flush();
    },
    flush,
  };
}

/** Journal owners that are services (not shared or unaccounted objects). */
export function journalOwners(journal: PushJournal): string[] {
  return [...new Set([...ownedFromJournal(journal.entries()).values()].map((r) => r.serviceId))].filter((id) => id !== SHARED_OWNER && id !== UNKNOWN_OWNER);
}
