import { MAX_INPUT_BYTES, MAX_INPUT_LABEL, MAX_JSON_DEPTH } from '../../contract/limits';
import { exceedsUtf8Bytes, lineColumn, scanJson } from '../../util/json-scan';
import type { DiagnosticSink } from './diagnostics';

/** Deepest accepted nesting of arrays and objects (real NSRs stay well below 20). */
export const MAX_NESTING_DEPTH = MAX_JSON_DEPTH;

/** The parsed document, or nothing when the text was rejected (the sink says why). */
export type DecodedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * Turns input text into a JSON value: size limit, BOM stripping, syntax check with line and
 * column, nesting limit. Rejections are error diagnostics; nothing throws.
 */
export function decodeJsonText(text: string, sink: DiagnosticSink): DecodedJson {
  if (exceedsUtf8Bytes(text, MAX_INPUT_BYTES)) {
    sink.error(
      'INPUT_TOO_LARGE',
      '',
      `The input is larger than ${MAX_INPUT_LABEL}; it was not parsed.`,
      'Import one record per file; NSR exports are normally well under 1 MB.',
    );
    return { ok: false };
  }
  const hasBom = text.charCodeAt(0) === 0xfeff;
  if (hasBom) {
    sink.info('BOM_STRIPPED', '', 'The input starts with a byte-order mark (BOM); it was ignored.');
  }
  const body = hasBom ? text.slice(1) : text;
  if (body.trim() === '') {
    sink.error('EMPTY_INPUT', '', 'The input is empty.', 'Choose a file that holds a JSON document.');
    return { ok: false };
  }
  const problem = scanJson(body, MAX_NESTING_DEPTH);
  if (problem) {
    const { line, column } = lineColumn(body, problem.offset);
    if (problem.tooDeep) {
      sink.error(
        'NESTING_TOO_DEEP',
        problem.pointer,
        `The document nests arrays/objects deeper than ${MAX_NESTING_DEPTH} levels (line ${line}, column ${column}).`,
        'NSR exports nest far less; the file is probably corrupted or not an NSR.',
      );
    } else {
      sink.error(
        'INVALID_JSON',
        problem.pointer,
        `Not valid JSON at line ${line}, column ${column}: ${problem.message}.`,
        'Fix the syntax near that position (missing comma, quote or bracket?).',
      );
    }
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    // The scanner accepts exactly JSON, so this is not expected; report rather than throw.
    sink.error('INVALID_JSON', '', `Not valid JSON: ${e instanceof Error ? e.message : String(e)}.`);
    return { ok: false };
  }
}
