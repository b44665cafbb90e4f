import type { DiagnosticDto } from '../contract/dto';
import { importers } from './registry';
import { DiagnosticSink } from './shared/diagnostics';
import { decodeJsonText } from './shared/json-text';
import type { ImportContext, Importer, ImportPreview } from './types';

/** Lowest detection confidence at which a format is picked without being asked for. */
export const MIN_CONFIDENCE = 0.5;

/** Confidence gap under which two formats are reported as ambiguous. */
const AMBIGUITY_MARGIN = 0.05;

/**
 * Text → detection + services + diagnostics; never throws; nothing stored. `format` forces
 * an importer by id.
 *
 * A deletion id names a service by its id or by its record id (`provenance.recordId`): Katana
 * gives one service per connection (`<slice>/<pops>`), and its terminate message names the slice.
 */
export function previewImport(text: string, ctx: ImportContext, options?: { readonly format?: string }): ImportPreview {
  try {
    return preview(text, ctx, options?.format);
  } catch (e) {
    return failed(
      [],
      error('IMPORT_FAILED', `The import failed unexpectedly: ${e instanceof Error ? e.message : String(e)}.`, 'This is a bug in WICM Studio; please report it with the input file.'),
    );
  }
}

function preview(text: string, ctx: ImportContext, forced: string | undefined): ImportPreview {
  if (typeof text !== 'string') return failed([], error('WRONG_TYPE', 'The input must be text.'));
  const sink = new DiagnosticSink();
  const decoded = decodeJsonText(text, sink);
  if (!decoded.ok) return failed([], ...sink.list());
  const doc = decoded.value;
  const detection = importers
    .map((imp) => ({ format: imp.id, confidence: round(imp.detect(doc)) }))
    .sort((a, b) => b.confidence - a.confidence);

  const chosen = choose(detection, forced, sink);
  if (!chosen) return failed(detection, ...sink.list());
  const result = chosen.parse(doc, ctx);
  return {
    ...result,
    diagnostics: [...sink.list(), ...result.diagnostics],
    detection,
  };
}

function choose(
  detection: ImportPreview['detection'],
  forced: string | undefined,
  sink: DiagnosticSink,
): Importer | undefined {
  const ids = importers.map((i) => i.id).join(', ');
  if (forced !== undefined) {
    const importer = importers.find((i) => i.id === forced);
    if (!importer) {
      sink.error('UNKNOWN_FORMAT', undefined, `Unknown import format "${forced}".`, `Use one of: ${ids}.`);
      return undefined;
    }
    const confidence = detection.find((d) => d.format === forced)?.confidence ?? 0;
    if (confidence < MIN_CONFIDENCE) {
      sink.warning('FORMAT_FORCED', '', `The document does not look like ${importer.label} (confidence ${confidence}); it was read as one because that format was chosen.`);
    }
    return importer;
  }
  const [best, second] = detection;
  if (!best || best.confidence < MIN_CONFIDENCE) {
    const tried = detection.map((d) => `${d.format} ${d.confidence}`).join(', ');
    sink.error(
      'FORMAT_NOT_RECOGNISED',
      '',
      `The document is not in a known NSR format (formats tried, with confidence: ${tried}).`,
      `Check that the file is an NFVO export, or choose the format explicitly (${ids}).`,
    );
    return undefined;
  }
  if (second && second.confidence >= MIN_CONFIDENCE && best.confidence - second.confidence < AMBIGUITY_MARGIN) {
    sink.warning(
      'AMBIGUOUS_FORMAT',
      '',
      `The document fits both ${best.format} (${best.confidence}) and ${second.format} (${second.confidence}); it was read as ${best.format}.`,
      'Choose the format explicitly if that is wrong.',
    );
  }
  return importers.find((i) => i.id === best.format);
}

function failed(detection: ImportPreview['detection'], ...diagnostics: DiagnosticDto[]): ImportPreview {
  return { format: 'unknown', services: [], deletions: [], diagnostics, detection };
}

function error(code: string, message: string, hint?: string): DiagnosticDto {
  return { severity: 'error', code, message, pointer: '', ...(hint ? { hint } : {}) };
}

function round(confidence: number): number {
  return Math.round(confidence * 100) / 100;
}
