import { createOwnedIndex, type JournalEntry, type OwnedIndex } from '../../drivers';

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
  const index = createOwnedIndex(stored());
  byKey.set(key, index);
  return index;
}
