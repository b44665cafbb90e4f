/**
 * The one bridge from zod to the engine's diagnostics: every document and request schema is a
 * zod schema, and every problem it finds becomes a `DiagnosticDto` with a JSON pointer and a
 * stable code, so importers, document parsers and the RPC dispatch report problems alike.
 */
import type { z } from 'zod';
import type { DiagnosticDto } from './dto';
import { childPointer } from './json-pointer';

/** A code that a refinement (`.refine`, `.superRefine`, `ctx.addIssue`) can set in `params.code`. */
export interface CodedParams {
  readonly code?: string;
  readonly hint?: string;
}

/** The JSON type of a value, with an article, for messages: "a string", "null", "an array". */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  // Long strings are cut: a diagnostic names the value, it does not repeat the input.
  if (typeof value === 'string' && value.length > 40) return `string ${JSON.stringify(`${value.slice(0, 37)}...`)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

/** The diagnostic for one zod issue, with its pointer under `base`. */
export function issueDiagnostic(issue: z.core.$ZodIssue, base = ''): DiagnosticDto[] {
  const pointer = childPointer(base, ...issue.path);
  const at = (code: string, message: string, hint?: string, where = pointer): DiagnosticDto => ({
    severity: 'error',
    code,
    message,
    pointer: where,
    ...(hint !== undefined ? { hint } : {}),
  });
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return [at('MISSING_MEMBER', `Missing member "${String(issue.path.at(-1) ?? '')}"`, `Add ${expected}.`)];
      return [at('WRONG_TYPE', `Expected ${expected}, got ${describeJson(issue.input)}`)];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => at('UNKNOWN_MEMBER', `Unknown member "${key}"`, undefined, childPointer(pointer, key)));
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return [at('EMPTY_STRING', 'Expected a non-empty string')];
      return [at('OUT_OF_RANGE', issue.message)];
    case 'too_big':
      return [at('OUT_OF_RANGE', issue.message)];
    case 'invalid_value':
      // An enum or literal member that is absent is missing, not wrong.
      if (issue.input === undefined) return [at('MISSING_MEMBER', `Missing member "${String(issue.path.at(-1) ?? '')}"`)];
      return [at('WRONG_VALUE', issue.message)];
    case 'custom': {
      const params = (issue.params ?? {}) as CodedParams;
      return [at(params.code ?? 'WRONG_VALUE', issue.message, params.hint)];
    }
    default:
      return [at('WRONG_VALUE', issue.message)];
  }
}

/** Every diagnostic of a failed parse, pointers under `base`. */
export function zodDiagnostics(error: z.ZodError, base = ''): DiagnosticDto[] {
  return error.issues.flatMap((issue) => issueDiagnostic(issue, base));
}

/**
 * Parses `value` with `schema`: the typed value, or the diagnostics. Inputs are reported so that
 * a wrong type names what it got ("Expected a string, got number 5").
 */
export function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  base = '',
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly diagnostics: DiagnosticDto[] } {
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, diagnostics: zodDiagnostics(result.error, base) };
}
