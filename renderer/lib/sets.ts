/** An empty, never-mutated id set. */
export const noIds: ReadonlySet<string> = new Set<string>();

/** A new set with `id` added, or removed when present. */
export function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The ids of a list as a read-only set. */
export function idSet(items: Iterable<{ readonly id: string }>): ReadonlySet<string> {
  return new Set([...items].map((i) => i.id));
}
