import type { ControllerTargetDto } from '../contract/api';
import type { DriverRequest, OwnedObject } from './driver';
import { baseUrl } from './request';
import { DEFAULT_VTN_TENANT } from './odl-vtn/defaults';
import { DEFAULT_ONOS_APP_ID } from './onos/defaults';

/** How to put an object back as it was before a step: its content and the request that restores it. */
export interface UndoRecord {
  readonly content: unknown;
  readonly restore: DriverRequest;
}

/**
 * One push journal entry. A transaction writes `begin` (with its number of steps), then per step
 * an `intent`, all stored durably BEFORE the first step is sent (what will be written, and how to
 * undo it: `undo` null = the object did not exist), and `applied` once the controller accepted it; one
 * `undone` per compensated step, `baseline` for objects found already in place (or adopted), and
 * `end`. A `begin` without `end` is a transaction a crash interrupted (`push/recovery.ts`).
 * A batch step (ONOS flows in one request) writes one `intent` per object it carries, all with
 * the step's seq and all before the request, then one `applied` per object with the handle the
 * controller answered for it; `begin.steps` counts steps (requests), not objects.
 */
export type JournalEntry =
  | { readonly type: 'begin'; readonly tx: string; readonly op: 'push' | 'teardown' | 'adopt'; readonly serviceIds: readonly string[] | null; readonly steps?: number }
  | { readonly type: 'intent'; readonly tx: string; readonly seq: number; readonly objectId: string; readonly record: OwnedObject | null; readonly undo: UndoRecord | null }
  | { readonly type: 'applied'; readonly tx: string; readonly seq: number; readonly objectId: string; readonly record: OwnedObject | null }
  | { readonly type: 'undone'; readonly tx: string; readonly seq: number; readonly objectId: string; readonly record: OwnedObject | null }
  | { readonly type: 'baseline'; readonly tx: string; readonly objectId: string; readonly record: OwnedObject | null }
  | { readonly type: 'end'; readonly tx: string; readonly outcome: 'committed' | 'rolled-back' | 'rollback-incomplete'; readonly verified: boolean };

/** Where a transaction reads and writes the journal of one target. */
export interface PushJournal {
  /** Every entry, oldest first (including appended ones not yet flushed). */
  entries(): readonly JournalEntry[];
  append(entry: JournalEntry): void;
  /** Stores buffered entries; called when a transaction ends, whatever happened. */
  flush?(): void;
  /** Object id → record as {@link ownedFromJournal} computes it, kept up to date on append (read only). */
  owned?(): ReadonlyMap<string, OwnedObject>;
  /** Ids of the objects a service owns, from the same index. */
  ownedIdsOf?(serviceId: string): readonly string[];
  /** Resolves once every entry appended so far is on disk (write-ahead: before a step is sent). */
  sync?(): Promise<void>;
}

/**
 * The journal key of a target: kind, base URL and tenant / application id — never credentials.
 *
 * Two targets with the same key are the same set of controller objects.
 */
export function journalTarget(target: ControllerTargetDto): string {
  const scope = target.kind === 'odl-vtn' ? `tenant=${target.tenant ?? DEFAULT_VTN_TENANT}` : target.kind === 'ovs' ? 'cookies' : `app=${target.appId ?? DEFAULT_ONOS_APP_ID}`;
  return `${target.kind} ${baseUrl(target)} ${scope}`;
}

/** What the project last pushed to a target: object id → record (later entries win). */
export function ownedFromJournal(entries: readonly JournalEntry[]): Map<string, OwnedObject> {
  const owned = new Map<string, OwnedObject>();
  for (const entry of entries) applyToOwned(owned, entry);
  return owned;
}

/** Folds one entry into an object id → record map (what {@link ownedFromJournal} does per entry). */
export function applyToOwned(owned: Map<string, OwnedObject>, entry: JournalEntry): void {
  if (entry.type !== 'applied' && entry.type !== 'undone' && entry.type !== 'baseline') return;
  if (entry.record === null) owned.delete(entry.objectId);
  else owned.set(entry.objectId, entry.record);
}

/** Ids of the objects the journal records as owned by one of `serviceIds`. */
export function journalOwnedIds(journal: PushJournal, serviceIds: Iterable<string>): string[] {
  const wanted = new Set(serviceIds);
  if (journal.ownedIdsOf !== undefined) return [...wanted].flatMap((id) => journal.ownedIdsOf!(id));
  return [...journalOwned(journal)].filter(([, r]) => wanted.has(r.serviceId)).map(([id]) => id);
}

/**
 * What the project last pushed, from the journal's own index when it keeps one (a project
 * journal does: O(1) per call instead of a pass over every entry ever written).
 */
export function journalOwned(journal: PushJournal): ReadonlyMap<string, OwnedObject> {
  return journal.owned?.() ?? ownedFromJournal(journal.entries());
}

/** Whether an unknown stored value looks like a journal entry (older or foreign rows are skipped). */
export function isJournalEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'begin' || type === 'intent' || type === 'applied' || type === 'undone' || type === 'baseline' || type === 'end';
}

/** What a journal owns, kept up to date entry by entry: by object id, and object ids by service. */
export interface OwnedIndex {
  readonly owned: ReadonlyMap<string, OwnedObject>;
  apply(entry: JournalEntry): void;
  /** Ids of the objects one service owns. */
  idsOf(serviceId: string): readonly string[];
}

/** An {@link OwnedIndex} over `entries`, to be fed every later entry through `apply`. */
export function createOwnedIndex(entries: readonly JournalEntry[] = []): OwnedIndex {
  const owned = new Map<string, OwnedObject>();
  const byService = new Map<string, Set<string>>();
  const apply = (entry: JournalEntry): void => {
    if (entry.type !== 'applied' && entry.type !== 'undone' && entry.type !== 'baseline') return;
    const before = owned.get(entry.objectId);
    if (before !== undefined) byService.get(before.serviceId)?.delete(entry.objectId);
    applyToOwned(owned, entry);
    const after = owned.get(entry.objectId);
    if (after === undefined) return;
    let ids = byService.get(after.serviceId);
    if (ids === undefined) {
      ids = new Set();
      byService.set(after.serviceId, ids);
    }
    ids.add(entry.objectId);
  };
  for (const entry of entries) apply(entry);
  return { owned, apply, idsOf: (serviceId) => [...(byService.get(serviceId) ?? [])] };
}

/** A journal kept in memory (CLI runs without a project file, tests, benches). */
export function memoryJournal(initial: readonly JournalEntry[] = []): PushJournal & { readonly all: readonly JournalEntry[] } {
  const all: JournalEntry[] = [...initial];
  const index = createOwnedIndex(all);
  return {
    all,
    entries: () => all,
    append: (entry) => {
      all.push(entry);
      index.apply(entry);
    },
    owned: () => index.owned,
    ownedIdsOf: (serviceId) => index.idsOf(serviceId),
  };
}
