/**
 * Zod schemas → import diagnostics. Every importer validates what it reads with zod; this maps
 * a failed parse to the codes the import diagnostics have always used:
 *
 * - MISSING_FIELD, at the object that lacks the member (absent and null are both missing);
 * - EMPTY_FIELD, at a required string that is `""` (`z.string().min(1)`);
 * - WRONG_TYPE, at the value of another JSON type;
 * - a refinement's own `params: { code }`, else the bridge's code (`issueDiagnostic`).
 */
import { z } from 'zod';
import { childPointer } from '../../contract/json-pointer';
import { describeJson, issueDiagnostic } from '../../contract/zod-diagnostics';
import type { DiagnosticSink } from './diagnostics';
import type { JsonObject } from './json-object';
import { own } from './json-object';

/** How a failed check is reported. */
export interface CheckOptions {
  /** Severity of every finding. Default 'error'. */
  readonly severity?: 'error' | 'warning';
  /** What the checked value is, for messages about the value itself ("A Katana connection"). */
  readonly what?: string;
  /** A hint per member name, for its findings. */
  readonly hints?: Readonly<Record<string, string>>;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

/** `value` parsed by `schema`, or undefined with every problem reported at its JSON pointer. */
export function check<T>(
  schema: z.ZodType<T>,
  value: unknown,
  pointer: string,
  sink: DiagnosticSink,
  options: CheckOptions = {},
): T | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) report(issue, pointer, sink, options);
  return undefined;
}

/** How a message names the checked value: its member name, its index, or what it is. */
function subjectOf(key: PropertyKey | undefined, options: CheckOptions): string {
  if (key === undefined) return options.what ?? 'The value';
  return typeof key === 'number' ? `Item ${key}` : `"${String(key)}"`;
}

function report(issue: z.core.$ZodIssue, base: string, sink: DiagnosticSink, options: CheckOptions): void {
  const severity = options.severity ?? 'error';
  const key = issue.path.at(-1);
  const hint = key === undefined ? undefined : options.hints?.[String(key)];
  const at = childPointer(base, ...issue.path);
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    if (key !== undefined && (issue.input === undefined || issue.input === null)) {
      const parent = childPointer(base, ...issue.path.slice(0, -1));
      sink.report(severity, 'MISSING_FIELD', parent, `Missing "${String(key)}" (${expected}) at ${parent || 'the document root'}.`, hint ?? `Add "${String(key)}" to the record.`);
      return;
    }
    sink.report(severity, 'WRONG_TYPE', at, `${subjectOf(key, options)} at ${at || 'the document root'} must be ${expected}, got ${describeJson(issue.input)}.`, hint ?? (key === undefined ? undefined : `Give "${String(key)}" as ${expected}.`));
    return;
  }
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) {
    sink.report(severity, 'EMPTY_FIELD', at, `${subjectOf(key, options)} at ${at} is empty.`, hint);
    return;
  }
  for (const d of issueDiagnostic(issue, base)) sink.report(severity, d.code, d.pointer, d.message, d.hint ?? hint);
}

/** A JSON type a member may be checked for. */
export type JsonKind = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

/** The zod schema of each JSON kind (`object` is loose: open formats keep unknown members). */
export const KIND = {
  string: z.string(),
  number: z.number(),
  integer: z.int(),
  boolean: z.boolean(),
  array: z.array(z.unknown()),
  object: z.looseObject({}),
} as const;

type KindValue = { readonly [K in JsonKind]: z.infer<(typeof KIND)[K]> };

/** Options of a single member check. */
export interface MemberOptions extends Omit<CheckOptions, 'hints' | 'what'> {
  /** Missing (absent or null) and, for strings, empty are errors. Default false. */
  readonly required?: boolean;
  readonly hint?: string;
}

const memberSchemas = new Map<string, z.ZodType>();

function memberSchema(key: string, kind: JsonKind, required: boolean): z.ZodType {
  const id = `${kind}:${String(required)}:${key}`;
  let schema = memberSchemas.get(id);
  if (!schema) {
    const value = kind === 'string' && required ? KIND.string.min(1) : KIND[kind];
    schema = z.object({ [key]: required ? value : value.nullish() });
    memberSchemas.set(id, schema);
  }
  return schema;
}

/**
 * One member of an object checked for a JSON kind: absent or null is undefined (MISSING_FIELD
 * when required). For members read one at a time, where a record schema would not say more.
 */
export function checkMember<K extends JsonKind>(
  obj: JsonObject,
  key: string,
  base: string,
  kind: K,
  sink: DiagnosticSink,
  options: MemberOptions = {},
): KindValue[K] | undefined {
  const value = own(obj, key);
  const parsed = check(memberSchema(key, kind, options.required ?? false), { [key]: value }, base, sink, {
    ...(options.severity ? { severity: options.severity } : {}),
    ...(options.hint !== undefined ? { hints: { [key]: options.hint } } : {}),
  }) as Record<string, unknown> | undefined;
  const out = parsed?.[key];
  return out === null ? undefined : (out as KindValue[K] | undefined);
}

/** The checks of one import, reporting into its sink. */
export class Checker {
  constructor(readonly sink: DiagnosticSink) {}

  /** `value` parsed by a schema (a format's record schema), or undefined with its problems reported. */
  schema<T>(schema: z.ZodType<T>, value: unknown, pointer: string, options: CheckOptions = {}): T | undefined {
    return check(schema, value, pointer, this.sink, options);
  }

  /** One member of an object checked for a JSON kind (see `checkMember`). */
  member<K extends JsonKind>(obj: JsonObject, key: string, base: string, kind: K, options: MemberOptions = {}): KindValue[K] | undefined {
    return checkMember(obj, key, base, kind, this.sink, options);
  }

  /** The value itself checked as a JSON object (an array element, the root). */
  object(value: unknown, pointer: string, what: string, options: Omit<CheckOptions, 'what'> = {}): JsonObject | undefined {
    return check(KIND.object, value, pointer, this.sink, { ...options, what });
  }

  /** The value itself checked as a non-empty string. */
  string(value: unknown, pointer: string, what: string, options: Omit<CheckOptions, 'what'> = {}): string | undefined {
    return check(NON_EMPTY, value, pointer, this.sink, { ...options, what });
  }
}

const NON_EMPTY = KIND.string.min(1);
