import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../../core/drivers';
import { ownedFromJournal } from '../../../../../core/drivers';
import { interruptedTransactions } from '../../../../../core/service/push/recovery';

const record = (serviceId: string, content: unknown) => ({ serviceId, kind: 'condition' as const, summary: 'c', content });
const restore = { method: 'POST' as const, path: '/x' };

describe('interrupted transactions', () => {
  const entries: JournalEntry[] = [
    { type: 'begin', tx: 'a', op: 'push', serviceIds: ['s1'], steps: 1 },
    { type: 'intent', tx: 'a', seq: 1, objectId: 'o1', record: record('s1', 1), undo: null },
    { type: 'applied', tx: 'a', seq: 1, objectId: 'o1', record: record('s1', 1) },
    { type: 'end', tx: 'a', outcome: 'committed', verified: true },
    { type: 'begin', tx: 'b', op: 'push', serviceIds: ['s1'], steps: 3 },
    { type: 'intent', tx: 'b', seq: 1, objectId: 'o1', record: record('s1', 2), undo: { content: 1, restore } },
    { type: 'applied', tx: 'b', seq: 1, objectId: 'o1', record: record('s1', 2) },
    { type: 'intent', tx: 'b', seq: 2, objectId: 'o2', record: record('s1', 3), undo: null },
  ];

  it('finds a begin without end, its intents, its acknowledged steps and what was owned before it', () => {
    const [b, ...rest] = interruptedTransactions(entries);
    expect(rest).toEqual([]);
    expect(b?.begin.tx).toBe('b');
    expect(b?.intents.map((i) => i.objectId)).toEqual(['o1', 'o2']);
    expect([...(b?.acked ?? [])]).toEqual([1]);
    expect(b?.ownedBefore.get('o1')?.content).toBe(1);
  });

  it('knows nothing interrupted once the transaction ended', () => {
    expect(interruptedTransactions([...entries, { type: 'end', tx: 'b', outcome: 'rolled-back', verified: true }])).toEqual([]);
  });

  it('never counts an intent as owned: only an acknowledged write is', () => {
    const owned = ownedFromJournal(entries);
    expect(owned.get('o1')?.content).toBe(2);
    expect(owned.has('o2')).toBe(false);
  });
});
