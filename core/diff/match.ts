import type { DiffValue, FieldChangeDto } from '../contract/diff-dto';

/** Something compared: its id (null when it has none), its name key, label and named fields. */
export interface Item {
  readonly id: string | null;
  /** Identity by name, used when ids differ (two projects made separately). */
  readonly key: string;
  /** How people name it. */
  readonly name: string;
  /** Field values in a fixed order; references are names. */
  readonly fields: readonly (readonly [string, DiffValue])[];
}

/** A pairing of the two sides: removed (only a), added (only b) or both. */
export type Pair = { readonly a: Item; readonly b: null } | { readonly a: null; readonly b: Item } | { readonly a: Item; readonly b: Item };

/**
 * Pairs items by id first, then what is left by name key (first come, first paired), so a
 * renamed element keeps its identity and two projects made separately still line up.
 */
export function pairItems(as: readonly Item[], bs: readonly Item[]): Pair[] {
  const byId = new Map<string, number>();
  bs.forEach((b, i) => {
    if (b.id !== null && !byId.has(b.id)) byId.set(b.id, i);
  });
  const taken = new Uint8Array(bs.length);
  const partner: (number | undefined)[] = new Array<number | undefined>(as.length);
  as.forEach((a, i) => {
    const j = a.id === null ? undefined : byId.get(a.id);
    if (j !== undefined && taken[j] === 0) {
      taken[j] = 1;
      partner[i] = j;
    }
  });
  const byKey = new Map<string, number[]>();
  bs.forEach((b, j) => {
    if (taken[j] === 1) return;
    const list = byKey.get(b.key);
    if (list) list.push(j);
    else byKey.set(b.key, [j]);
  });
  const pairs: Pair[] = [];
  as.forEach((a, i) => {
    let j = partner[i];
    if (j === undefined) {
      j = byKey.get(a.key)?.shift();
      if (j !== undefined) taken[j] = 1;
    }
    pairs.push(j === undefined ? { a, b: null } : { a, b: bs[j]! });
  });
  bs.forEach((b, j) => {
    if (taken[j] === 0) pairs.push({ a: null, b });
  });
  return pairs;
}

/** The fields whose values differ (all fields when one side is missing). */
export function fieldChanges(a: Item | null, b: Item | null): FieldChangeDto[] {
  if (a && b && a.fields.length === b.fields.length && a.fields.every(([field], i) => b.fields[i]![0] === field)) {
    // Same kind, same field order (the usual case): compare position by position.
    const out: FieldChangeDto[] = [];
    a.fields.forEach(([field, x], i) => {
      const y = b.fields[i]![1];
      if (!sameValue(x, y)) out.push({ field, before: x, after: y });
    });
    return out;
  }
  const names: string[] = [];
  const before = new Map<string, DiffValue>();
  const after = new Map<string, DiffValue>();
  for (const [field, value] of a?.fields ?? []) {
    names.push(field);
    before.set(field, value);
  }
  for (const [field, value] of b?.fields ?? []) {
    if (!before.has(field)) names.push(field);
    after.set(field, value);
  }
  const out: FieldChangeDto[] = [];
  for (const field of names) {
    const x = before.get(field) ?? null;
    const y = after.get(field) ?? null;
    if (a && b && sameValue(x, y)) continue;
    out.push({ field, before: x, after: y });
  }
  return out;
}

/** Whether two field values are equal (lists element by element). */
export function sameValue(x: DiffValue, y: DiffValue): boolean {
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}
