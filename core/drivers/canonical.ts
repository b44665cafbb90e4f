// Contents are built once and never mutated, and each is compared several times (diff,
// verification, journal), so their canonical text is kept.
const cache = new WeakMap<object, string>();

/**
 * JSON text with object keys sorted and undefined members dropped, so that two values that
 * differ only in key order compare equal. Array order is kept (it is meaningful in the payloads).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const known = cache.get(value);
  if (known !== undefined) return known;
  const text = Array.isArray(value)
    ? `[${value.map(canonicalJson).join(',')}]`
    : `{${Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
        .join(',')}}`;
  cache.set(value, text);
  return text;
}

/**
 * Whether two normalised contents are the same: equal {@link canonicalJson} texts, found by
 * walking both values instead of building the texts (a push compares every object it reads back).
 */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aObject = typeof a === 'object' && a !== null;
  const bObject = typeof b === 'object' && b !== null;
  if (!aObject || !bObject) return !aObject && !bObject && canonicalJson(a) === canonicalJson(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameContent(v, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key) || x[key] === undefined) continue;
    if (!Object.hasOwn(y, key) || !sameContent(x[key], y[key])) return false;
    count += 1;
  }
  for (const key in y) if (Object.hasOwn(y, key) && y[key] !== undefined) count -= 1;
  return count === 0;
}

/** A record view of an unknown JSON value (empty when it is not an object). */
export function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** An array view of an unknown JSON value (empty when it is not an array). */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A member looked up with or without its `module:` prefix (RESTCONF may qualify keys). */
export function member(value: unknown, name: string): unknown {
  const r = record(value);
  if (name in r) return r[name];
  const key = Object.keys(r).find((k) => k.endsWith(`:${name}`));
  return key === undefined ? undefined : r[key];
}

/** A JSON number or numeric string as a number; undefined otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** A JSON boolean or "true"/"false" string as a boolean; undefined otherwise. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}
