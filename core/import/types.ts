import type { TopologyDto } from '../contract/dto';
import type { ImportResult } from '../model';

/** What an import may consult: the project topology (to check PoP names) and provenance data. */
export interface ImportContext {
  /** The project's topology; when given, unknown PoP names are reported with suggestions. */
  readonly topology?: TopologyDto;
  /** Name of the imported file, kept in each service's provenance. */
  readonly fileName?: string;
  /** ISO-8601 time stamped into each service's provenance. */
  readonly now: string;
}

/** One input format. */
export interface Importer {
  /** Format id: `openbaton`, `demi-flows`, `tnova`, `katana`, `sol005`, `osm`. */
  readonly id: string;
  /** Human-readable name of the format. */
  readonly label: string;
  /** Confidence 0..1 that a parsed JSON document is in this format; never throws. */
  detect(doc: unknown): number;
  /** Service requests, deletions and diagnostics of a parsed JSON document; never throws. */
  parse(doc: unknown, ctx: ImportContext): ImportResult;
}

/**
 * The result of `previewImport`: the chosen importer's result plus every format's confidence.
 * `format` is `'unknown'` when no importer ran (unreadable text, unrecognised document).
 */
export interface ImportPreview extends ImportResult {
  /** Confidence per format, highest first. */
  readonly detection: readonly { readonly format: string; readonly confidence: number }[];
}
