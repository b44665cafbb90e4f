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
 * an `intent` stored durably BEFORE the step is sent (what will be written, and how to undo it:
 * `undo` null = the object did not exist) and `applied` once the controller accepted it; one
 * `undone` per compensated step, `baseline` for objects found already in place (or adopted), and
 * `end`. A `begin` without `end` is a transaction a crash interrupted (`push/recovery.ts`).
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
  /** Resolves once every entry appended so far is on disk (write-ahead: before a step is sent). */
  sync?(): Promise<void>;
}

/**
 * The journal key of a target: kind, base URL and tenant / application id — never credentials.
 *
 * Two targets with the same key are the same set of controller objects.
 */
export function journalTarget(target: ControllerTargetDto): string {
  const scope = target.kind === 'odl-vtn' ? `tenant=${target.tenant ?? DEFAULT_VTN_TENANT}` : `app=${target.appId ?? DEFAULT_ONOS_APP_ID}`;
  return `${target.kind} ${baseUrl(target)} ${scope}`;
}

/** What the project last pushed to a target: object id → record (later entries win). */
export function ownedFromJournal(entries: readonly JournalEntry[]): Map<string, OwnedObject> {
  const owned = new Map<string, OwnedObject>();
  for (const entry of entries) {
    if (entry.type === 'begin' || entry.type === 'end' || entry.type === 'intent') continue;
    if (entry.record === null) owned.delete(entry.objectId);
    else owned.set(entry.objectId, entry.record);
  }
  return owned;
}

/** Whether an unknown stored value looks like a journal entry (older or foreign rows are skipped). */
export function isJournalEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'begin' || type === 'intent' || type === 'applied' || type === 'undone' || type === 'baseline' || type === 'end';
}

/** A journal kept in memory (CLI runs without a project file, tests, benches). */
export function memoryJournal(initial: readonly JournalEntry[] = []): PushJournal & { readonly all: readonly JournalEntry[] } {
  const all: JournalEntry[] = [...initial];
  return { all, entries: () => all, append: (entry) => void all.push(entry) };
}
