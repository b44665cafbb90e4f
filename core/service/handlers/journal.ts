import type { Handlers, JournalStepDto, JournalTransactionDto } from '../../contract/api';
import { isJournalEntry, SHARED_OWNER, UNKNOWN_OWNER, type JournalEntry } from '../../drivers';
import type { JournalRow } from '../../store/repositories/journal';
import type { HandlerContext } from '../context';

/** `journal.list`: the project's push transactions for the Journal view. */
export function journalHandlers(ctx: HandlerContext): Pick<Handlers, 'journal.list'> {
  return {
    'journal.list': async (req) => {
      const names = new Map(ctx.session.db.services.read().map((s) => [s.id, s.name]));
      const all = journalTransactions(ctx.session.db.journal.read(), names);
      return req.serviceId === undefined ? all : all.filter((tx) => touches(tx, req.serviceId!));
    },
  };
}

function touches(tx: JournalTransactionDto, serviceId: string): boolean {
  return tx.services.some((s) => s.id === serviceId) || tx.steps.some((s) => s.serviceId === serviceId);
}

type Step = JournalStepDto;
type Building = { -readonly [K in keyof JournalTransactionDto]: JournalTransactionDto[K] } & { steps: Step[] };

/**
 * Groups journal rows into transactions (newest first). Services are named by their current
 * name; one deleted since keeps its stored id as its name, so nothing is silently left out.
 */
export function journalTransactions(rows: readonly JournalRow[], names: ReadonlyMap<string, string>): JournalTransactionDto[] {
  const byTx = new Map<string, Building>();
  const nameOf = (id: string): string => names.get(id) ?? id;
  for (const row of rows) {
    if (!isJournalEntry(row.entry)) continue;
    const entry: JournalEntry = row.entry;
    let tx = byTx.get(entry.tx);
    if (!tx) {
      tx = { tx: entry.tx, at: row.at, target: row.target, op: 'push', services: [], steps: [], outcome: 'unfinished', verified: false };
      byTx.set(entry.tx, tx);
    }
    if (entry.type === 'begin') {
      tx.op = entry.op;
      tx.at = row.at;
      tx.services = (entry.serviceIds ?? []).map((id) => ({ id, name: nameOf(id) }));
    } else if (entry.type === 'end') {
      tx.outcome = entry.outcome;
      tx.verified = entry.verified;
    } else if (entry.type === 'applied' || entry.type === 'undone') {
      const owner = entry.record?.serviceId ?? tx.steps.find((s) => s.objectId === entry.objectId)?.serviceId ?? null;
      const serviceId = owner === SHARED_OWNER || owner === UNKNOWN_OWNER ? null : owner;
      const earlier = tx.steps.find((s) => s.objectId === entry.objectId && s.seq === entry.seq);
      const summary = entry.record?.summary ?? earlier?.summary ?? entry.objectId;
      const step: Step = { seq: entry.seq, summary, objectId: entry.objectId, serviceId, service: serviceId === null ? null : nameOf(serviceId), state: entry.type };
      if (earlier) tx.steps[tx.steps.indexOf(earlier)] = step;
      else tx.steps.push(step);
    }
  }
  return [...byTx.values()].reverse();
}
