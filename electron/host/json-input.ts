import { childPointer } from '../../core/contract/json-pointer';
import { MAX_JSON_DEPTH } from '../../core/contract/limits';
import { lineColumn, scanJson } from '../../core/util/json-scan';

/** Why a JSON input was refused: what, where (JSON pointer, line and column) and how to fix it. */
export interface JsonInputProblem {
  /** `PARSE_FAILED` for broken syntax, `INVALID_INPUT` for nesting over {@link MAX_JSON_DEPTH}. */
  readonly code: 'PARSE_FAILED' | 'INVALID_INPUT';
  readonly message: string;
  readonly pointer: string;
}

/** A parsed JSON input, or why it was refused. */
export type JsonInput = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: JsonInputProblem };

/**
 * Parses a request body (REST, RPC over HTTP): syntax and nesting are checked first by the
 * iterative scanner the importers use, so nothing recursive (JSON.parse, a schema, a later
 * JSON.stringify) ever sees input nested deeper than {@link MAX_JSON_DEPTH} levels.
 */
export function parseJsonInput(text: string, what: string): JsonInput {
  const problem = scanJson(text, MAX_JSON_DEPTH);
  if (problem === undefined) return { ok: true, value: JSON.parse(text) as unknown };
  const { line, column } = lineColumn(text, problem.offset);
  const at = `line ${line}, column ${column}${problem.pointer ? `, at ${problem.pointer}` : ''}`;
  return problem.tooDeep
    ? {
        ok: false,
        problem: {
          code: 'INVALID_INPUT',
          message: `${what} nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels (${at}). Send flatter JSON: no request needs more than a few levels.`,
          pointer: problem.pointer,
        },
      }
    : { ok: false, problem: { code: 'PARSE_FAILED', message: `${what} is not valid JSON (${at}): ${problem.message}.`, pointer: problem.pointer } };
}

/**
 * The pointer of an array or object nested deeper than `maxDepth` in an already parsed value
 * (an IPC payload), or null. Iterative, so a value of any depth is measured without recursion;
 * each object is visited once, so shared references cannot make it slow.
 */
export function tooDeepAt(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const seen = new Set<object>();
  const stack: { readonly value: unknown; readonly depth: number; readonly pointer: string }[] = [{ value, depth: 0, pointer: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null || seen.has(item.value)) continue;
    if (item.depth >= maxDepth) return item.pointer;
    seen.add(item.value);
    const entries = Array.isArray(item.value) ? item.value.map((v: unknown, i) => [i, v] as const) : Object.entries(item.value);
    for (const [key, child] of entries) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: item.depth + 1, pointer: childPointer(item.pointer, key) });
    }
  }
  return null;
}
