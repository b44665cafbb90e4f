/** Moves the item at `from` to index `to` (clamped); returns a new list. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const target = Math.max(0, Math.min(list.length - 1, to));
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Removes the item at `index`; returns a new list. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Appends an item; returns a new list. */
export function append<T>(list: readonly T[], item: T): T[] {
  return [...list, item];
}
