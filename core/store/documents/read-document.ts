import type { z } from 'zod';
import type { DiagnosticDto } from '../../contract/dto';
import { childPointer } from '../../contract/json-pointer';
import { MAX_JSON_DEPTH } from '../../contract/limits';
import { parseWith } from '../../contract/zod-diagnostics';
import { CoreError } from '../../util/core-error';
import { summarizeProblems } from '../../util/diagnostic-summary';
import { lineColumn, scanJson } from '../../util/json-scan';

/**
 * Reads a JSON document: parses the text, checks it against `schema`, then (when the shapes are
 * right) runs `crossCheck` for what a schema cannot see (references, duplicates).
 *
 * Throws `PARSE_FAILED` for text that is not JSON and `INVALID_INPUT` with every problem in
 * `details.diagnostics` otherwise; `what` names the document for people ("WICM plan file").
 */
export function readJsonDocument<T>(text: string, what: string, schema: z.ZodType<T>, crossCheck: (value: T, out: DiagnosticDto[]) => void): T {
  const problem = scanJson(text, MAX_JSON_DEPTH);
  if (problem) {
    const { line, column } = lineColumn(text, problem.offset);
    const message = problem.tooDeep
      ? `Nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels (line ${line}, column ${column})`
      : `Not JSON at line ${line}, column ${column}: ${problem.message}`;
    throw new CoreError('PARSE_FAILED', `Cannot read the ${what}: ${message}`, {
      diagnostics: [{ severity: 'error', code: problem.tooDeep ? 'NESTING_TOO_DEEP' : 'INVALID_JSON', message, pointer: problem.pointer }],
    });
  }
  const json = JSON.parse(text) as unknown;
  const parsed = parseWith(schema, json);
  const out: DiagnosticDto[] = parsed.ok ? [] : parsed.diagnostics;
  if (parsed.ok) crossCheck(parsed.value, out);
  if (!parsed.ok || out.length > 0) {
    throw new CoreError('INVALID_INPUT', `Invalid ${what}: ${summarizeProblems(out)}`, { diagnostics: out });
  }
  return parsed.value;
}

/** Records a DUPLICATE_ID finding for every repeated `id` of the list at `pointer`. */
export function checkUniqueIds(items: readonly { readonly id: string }[], pointer: string, out: DiagnosticDto[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      out.push({ severity: 'error', code: 'DUPLICATE_ID', message: `Duplicate id "${item.id}" (also at ${childPointer(pointer, first)})`, pointer: childPointer(pointer, i, 'id') });
    } else seen.set(item.id, i);
  });
}

/** Records an UNKNOWN_REFERENCE finding when `id` is not among `known`. */
export function checkReference(id: string, known: ReadonlySet<string>, what: string, pointer: string, out: DiagnosticDto[]): void {
  if (!known.has(id)) out.push({ severity: 'error', code: 'UNKNOWN_REFERENCE', message: `Unknown ${what} "${id}"`, pointer });
}
