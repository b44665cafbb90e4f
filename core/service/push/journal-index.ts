import { applyToOwned, type JournalEntry, type OwnedObject } from '../../drivers';

/** What the project owns on one target, kept up to date as entries are appended. */
export interface OwnedIndex {
  readonly owned: ReadonlyMap<string, OwnedObject>;
  apply(entry: JournalEntry): void;
  /** Ids of the objects one service owns. */
  idsOf(serviceId: string): readonly string[];
}

// One index per open project database and target, shared by every transaction on it (two
// concurrent pushes see each other's entries); built once from the stored journal.
const indexes = new WeakMap<object, Map<string, OwnedIndex>>();

/**
 * The incremental owned-objects index of a target's journal: built from `stored()` on first use
 * in this database, then updated by `apply` for each appended entry, so reading what the project
 * owns no longer costs a pass over every journal row.
 */
export function ownedIndex(db: object, key: string, stored: () => readonly JournalEntry[]): OwnedIndex {
  let byKey = indexes.get(db);
  if (byKey === undefined) {
    byKey = new Map();
    indexes.set(db, byKey);
  }
  const known = byKey.get(key);
  if (known !== undefined) return known;
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
  for (const entry of stored()) apply(entry);
  const index: OwnedIndex = { owned, apply, idsOf: (serviceId) => [...(byService.get(serviceId) ?? [])] };
  byKey.set(key, index);
  return index;
}
