import type { DiagnosticDto } from '../contract/dto';
import type { PrefixKey } from './prefix-key';
import { formatPrefixKey } from './format-prefix';
import { invalidPrefixMessage, parsePrefix } from './prefix';
import { scanPrefix } from './scan-prefix';

/** A prefix that is already in canonical form, parsed once, with its table key. */
export interface CanonicalPrefix {
  /** The text as given (equal to its canonical form). */
  readonly text: string;
  readonly family: 4 | 6;
  readonly length: number;
  readonly key: PrefixKey;
}

/** Outcome of `parseCanonicalPrefix`: the prefix, or why it is not acceptable. */
export type CanonicalPrefixResult =
  | { readonly ok: true; readonly prefix: CanonicalPrefix }
  | { readonly ok: false; readonly code: 'INVALID_PREFIX' | 'PREFIX_NOT_CANONICAL'; readonly message: string };

/**
 * Parses a prefix that must already be canonical (`10.0.1.0/24`, `2001:db8::/32`).
 *
 * For stored and planned data, which the engine wrote canonical: a prefix with host bits set or
 * in another spelling is refused rather than silently rewritten, since controllers want canonical
 * networks and read-back comparisons need the same text.
 */
export function parseCanonicalPrefix(text: string): CanonicalPrefixResult {
  // One scan: stored data is read at every open, so this runs once per segment of a project.
  const scanned = scanPrefix(text);
  if (typeof scanned === 'string') return { ok: false, code: 'INVALID_PREFIX', message: invalidPrefixMessage(text, scanned) };
  const canonical = formatPrefixKey(scanned);
  if (canonical !== text) {
    const why = scanned.hostBitsSet ? 'host bits must be zero' : 'canonical spelling';
    return { ok: false, code: 'PREFIX_NOT_CANONICAL', message: `"${text}" is not canonical (${why}: ${canonical})` };
  }
  return { ok: true, prefix: { text, family: scanned.family, length: scanned.length, key: scanned } };
}

/**
 * A prefix typed by a person, in canonical form, with a HOST_BITS_SET warning at `pointer` when
 * the input had host bits (`10.1.2.3/24` is stored as `10.1.2.0/24`). Throws
 * `CoreError('INVALID_INPUT')` for text that is not a prefix.
 */
export function canonicalPrefix(text: string, pointer: string): { prefix: string; diagnostics: DiagnosticDto[] } {
  const parsed = parsePrefix(text);
  return {
    prefix: parsed.prefix,
    diagnostics: parsed.hostBitsSet
      ? [{ severity: 'warning', code: 'HOST_BITS_SET', message: `'${parsed.input}' has host bits set; stored as ${parsed.prefix}.`, pointer, hint: `Write ${parsed.prefix}.` }]
      : [],
  };
}
