import type { DiagnosticSink } from './diagnostics';
import { childPointer } from '../../contract/json-pointer';

/** A parsed JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

/** Whether a value is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type name of a value, for messages. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A member of an object, only when it is the object's own (never inherited, e.g. `constructor`). */
export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Whether an object has an own member that is neither undefined nor null. */
export function present(obj: JsonObject, key: string): boolean {
  const v = own(obj, key);
  return v !== undefined && v !== null;
}

/** The member as a string, or undefined when absent / of another type (no diagnostics). */
export function peekString(obj: JsonObject, key: string): string | undefined {
  const v = own(obj, key);
  return typeof v === 'string' ? v : undefined;
}

/** The member as an array, or undefined (no diagnostics). */
export function peekArray(obj: JsonObject, key: string): readonly unknown[] | undefined {
  const v = own(obj, key);
  return Array.isArray(v) ? v : undefined;
}

/** The member as an object, or undefined (no diagnostics). */
export function peekObject(obj: JsonObject, key: string): JsonObject | undefined {
  const v = own(obj, key);
  return isObject(v) ? v : undefined;
}

type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

interface KindMap {
  string: string;
  number: number;
  integer: number;
  boolean: boolean;
  array: readonly unknown[];
  object: JsonObject;
}

const ARTICLE: Record<Kind, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
  }
}

/** Options of a typed read. */
export interface ReadOptions {
  /** Missing (absent or null) is an error. Default false. */
  readonly required?: boolean;
  /** Severity of a wrong type or a missing required member. Default 'error'. */
  readonly severity?: 'error' | 'warning';
  /** Extra hint for the diagnostic. */
  readonly hint?: string;
}

/**
 * Typed member reads that report wrong types and missing members as diagnostics with JSON
 * pointers, so importers never index blindly into untrusted input.
 */
export class Reader {
  constructor(readonly sink: DiagnosticSink) {}

  /** A member of one JSON type; absent or null gives undefined (an error when required). */
  member<K extends Kind>(
    obj: JsonObject,
    key: string,
    base: string,
    kind: K,
    options: ReadOptions = {},
  ): KindMap[K] | undefined {
    const value = own(obj, key);
    const pointer = childPointer(base, key);
    const severity = options.severity ?? 'error';
    if (value === undefined || value === null) {
      if (options.required) {
        this.sink.report(
          severity,
          'MISSING_FIELD',
          base,
          `Missing "${key}" (${ARTICLE[kind]}) at ${base || 'the document root'}.`,
          options.hint ?? `Add "${key}" to the record.`,
        );
      }
      return undefined;
    }
    if (!hasKind(value, kind)) {
      this.sink.report(
        severity,
        'WRONG_TYPE',
        pointer,
        `"${key}" at ${pointer} must be ${ARTICLE[kind]}, got ${describe(value)}.`,
        options.hint ?? `Give "${key}" as ${ARTICLE[kind]}.`,
      );
      return undefined;
    }
    if (kind === 'string' && options.required && value === '') {
      this.sink.report(severity, 'EMPTY_FIELD', pointer, `"${key}" at ${pointer} is empty.`, options.hint);
      return undefined;
    }
    return value as KindMap[K];
  }

  /** The value itself checked as a JSON object (an array element, the root). */
  object(value: unknown, pointer: string, what: string, options: ReadOptions = {}): JsonObject | undefined {
    if (isObject(value)) return value;
    const severity = options.severity ?? 'error';
    this.sink.report(
      severity,
      'WRONG_TYPE',
      pointer,
      `${what} at ${pointer || 'the document root'} must be an object, got ${describe(value)}.`,
      options.hint,
    );
    return undefined;
  }

  /** The value itself checked as a non-empty string. */
  string(value: unknown, pointer: string, what: string, options: ReadOptions = {}): string | undefined {
    if (typeof value === 'string' && value !== '') return value;
    const severity = options.severity ?? 'error';
    this.sink.report(
      severity,
      typeof value === 'string' ? 'EMPTY_FIELD' : 'WRONG_TYPE',
      pointer,
      `${what} at ${pointer} must be a non-empty string, got ${describe(value)}.`,
      options.hint,
    );
    return undefined;
  }
}

/** A short description of a value for messages: its type, and the value when it is short. */
export function describe(value: unknown): string {
  const type = jsonType(value);
  if (type === 'string') {
    const s = value as string;
    return s.length > 40 ? `string "${s.slice(0, 37)}..."` : `string "${s}"`;
  }
  if (type === 'number' || type === 'boolean') return `${type} ${String(value)}`;
  return type;
}
