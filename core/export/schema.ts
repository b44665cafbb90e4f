import type { DiagnosticDto } from '../contract/dto';
import { CoreError } from '../util/core-error';
import { parsePrefix } from './prefix';

const INVALID: unique symbol = Symbol('invalid');

/** Result of checking one value: the typed value, or INVALID (a diagnostic was recorded). */
type Checked<T> = T | typeof INVALID;

/** A validator of one JSON value that records problems with their JSON pointer. */
export interface Schema<T> {
  readonly isOptional?: boolean;
  check(value: unknown, pointer: string, out: DiagnosticDto[]): Checked<T>;
}

/** A member that may be absent from its object. */
interface OptionalSchema<T> extends Schema<T> {
  readonly isOptional: true;
}

type Infer<S> = S extends Schema<infer T> ? T : never;
type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = {
  -readonly [K in keyof S as S[K] extends OptionalSchema<unknown> ? never : K]: Infer<S[K]>;
} & {
  -readonly [K in keyof S as S[K] extends OptionalSchema<unknown> ? K : never]?: Infer<S[K]>;
};

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

function fail(out: DiagnosticDto[], pointer: string, code: string, message: string, hint?: string): typeof INVALID {
  out.push({ severity: 'error', code, message, pointer, ...(hint !== undefined ? { hint } : {}) });
  return INVALID;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** A string (non-empty unless `allowEmpty`). */
export function string(options: { readonly allowEmpty?: boolean } = {}): Schema<string> {
  return {
    check: (value, pointer, out) =>
      typeof value !== 'string'
        ? fail(out, pointer, 'WRONG_TYPE', `Expected a string, got ${describe(value)}`)
        : value === '' && !options.allowEmpty
          ? fail(out, pointer, 'EMPTY_STRING', 'Expected a non-empty string')
          : value,
  };
}

/** An integer in [min, max]. */
export function integer(min: number, max: number): Schema<number> {
  return {
    check: (value, pointer, out) =>
      typeof value !== 'number' || !Number.isInteger(value)
        ? fail(out, pointer, 'WRONG_TYPE', `Expected an integer, got ${describe(value)}`)
        : value < min || value > max
          ? fail(out, pointer, 'OUT_OF_RANGE', `${value} is outside ${min}..${max}`)
          : value,
  };
}

/** A finite number. */
export function finite(): Schema<number> {
  return {
    check: (value, pointer, out) =>
      typeof value === 'number' && Number.isFinite(value) ? value : fail(out, pointer, 'WRONG_TYPE', `Expected a number, got ${describe(value)}`),
  };
}

/** One of a fixed set of strings. */
export function literal<const T extends string>(...values: readonly T[]): Schema<T> {
  return {
    check: (value, pointer, out) =>
      (values as readonly unknown[]).includes(value)
        ? (value as T)
        : fail(out, pointer, 'WRONG_VALUE', `Expected ${values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describe(value)}`),
  };
}

/** A canonical IPv4/IPv6 prefix string. */
export function prefix(): Schema<string> {
  return {
    check: (value, pointer, out) => {
      if (typeof value !== 'string') return fail(out, pointer, 'WRONG_TYPE', `Expected a prefix string, got ${describe(value)}`);
      const parsed = parsePrefix(value);
      return parsed.ok ? value : fail(out, pointer, parsed.code, parsed.message, 'Write the network address with a prefix length, e.g. 10.0.1.0/24.');
    },
  };
}

/** A value or null. */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return { check: (value, pointer, out) => (value === null ? null : inner.check(value, pointer, out)) };
}

/** A member that may be absent. */
export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return { isOptional: true, check: (value, pointer, out) => inner.check(value, pointer, out) };
}

/** An array whose items all pass `item`. */
export function arrayOf<T>(item: Schema<T>): Schema<T[]> {
  return {
    check: (value, pointer, out) => {
      if (!Array.isArray(value)) return fail(out, pointer, 'WRONG_TYPE', `Expected an array, got ${describe(value)}`);
      const items = value.map((v, i) => item.check(v, `${pointer}/${i}`, out));
      return items.some((v) => v === INVALID) ? INVALID : (items as T[]);
    },
  };
}

/** Any JSON object (its members are not checked). */
export function anyObject(): Schema<Record<string, unknown>> {
  return {
    check: (value, pointer, out) =>
      isPlainObject(value) ? { ...value } : fail(out, pointer, 'WRONG_TYPE', `Expected an object, got ${describe(value)}`),
  };
}

/** An object with exactly these members (optional ones may be absent; unknown ones fail). */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return {
    check: (value, pointer, out) => {
      if (!isPlainObject(value)) return fail(out, pointer, 'WRONG_TYPE', `Expected an object, got ${describe(value)}`);
      let isValid = true;
      const result: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const at = `${pointer}/${pointerToken(key)}`;
        if (!Object.prototype.hasOwnProperty.call(value, key)) {
          if (!schema.isOptional) {
            fail(out, at, 'MISSING_MEMBER', `Missing required member "${key}"`);
            isValid = false;
          }
          continue;
        }
        const checked = schema.check(value[key], at, out);
        if (checked === INVALID) isValid = false;
        else result[key] = checked;
      }
      for (const key of Object.keys(value)) {
        if (!Object.prototype.hasOwnProperty.call(shape, key)) {
          fail(out, `${pointer}/${pointerToken(key)}`, 'UNKNOWN_MEMBER', `Unknown member "${key}"`, `Allowed: ${Object.keys(shape).join(', ')}.`);
          isValid = false;
        }
      }
      return isValid ? (result as ObjectOf<S>) : INVALID;
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses JSON text and checks it against a schema; `crossCheck` adds the findings a schema
 * cannot express (references, duplicates). Throws `PARSE_FAILED` for text that is not JSON
 * and `INVALID_INPUT` with every problem in `details.diagnostics` otherwise.
 */
export function parseJsonDocument<T>(
  text: string,
  what: string,
  schema: Schema<T>,
  crossCheck: (value: T, out: DiagnosticDto[]) => void,
): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = `Not JSON: ${e instanceof Error ? e.message : String(e)}`;
    throw new CoreError('PARSE_FAILED', `Cannot read the ${what}: ${message}`, {
      diagnostics: [{ severity: 'error', code: 'INVALID_JSON', message, pointer: '' }],
    });
  }
  const out: DiagnosticDto[] = [];
  const value = schema.check(json, '', out);
  if (value !== INVALID) crossCheck(value, out);
  const first = out[0];
  if (value === INVALID || first) {
    const more = out.length > 1 ? ` (and ${out.length - 1} more problem${out.length > 2 ? 's' : ''})` : '';
    const at = first?.pointer ? ` at ${first.pointer}` : '';
    throw new CoreError('INVALID_INPUT', `Invalid ${what}: ${first?.message ?? 'unknown problem'}${at}${more}`, { diagnostics: out });
  }
  return value;
}

/** Records a duplicate-id finding for every repeated `id` of a list. */
export function checkUniqueIds(items: readonly { readonly id: string }[], pointer: string, out: DiagnosticDto[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      out.push({ severity: 'error', code: 'DUPLICATE_ID', message: `Duplicate id "${item.id}" (also at ${pointer}/${first})`, pointer: `${pointer}/${i}/id` });
    } else seen.set(item.id, i);
  });
}

/** Records a finding when `id` is not among `known`. */
export function checkReference(id: string, known: ReadonlySet<string>, what: string, pointer: string, out: DiagnosticDto[]): void {
  if (!known.has(id)) out.push({ severity: 'error', code: 'UNKNOWN_REFERENCE', message: `Unknown ${what} "${id}"`, pointer });
}
