import { keysOverlap, parsePrefixKey, tryParsePrefix, type PrefixKey } from '../net';

/** A prefix of a plan, parsed once for the exporters. */
export interface ExportPrefix {
  /** The text as the plan gives it (already canonical, else parsing fails). */
  readonly text: string;
  readonly family: 4 | 6;
  readonly length: number;
  readonly key: PrefixKey;
}

/** Outcome of parsing a prefix: the prefix, or why it is not acceptable. */
export type PrefixResult =
  | { readonly ok: true; readonly prefix: ExportPrefix }
  | { readonly ok: false; readonly code: 'INVALID_PREFIX' | 'PREFIX_NOT_CANONICAL'; readonly message: string };

/**
 * Parses a prefix that must already be canonical (`10.0.1.0/24`, `2001:db8::/32`).
 *
 * The exporters write prefixes as the plan gives them, so a prefix with host bits set or in a
 * non-canonical spelling is refused rather than silently rewritten: controllers want canonical
 * networks, and read-back comparisons need the same text.
 */
export function parsePrefix(text: string): PrefixResult {
  const parsed = tryParsePrefix(text);
  if (!parsed.ok) return { ok: false, code: 'INVALID_PREFIX', message: parsed.message };
  const { value } = parsed;
  if (value.prefix !== text) {
    const why = value.hostBitsSet ? 'host bits must be zero' : 'canonical spelling';
    return { ok: false, code: 'PREFIX_NOT_CANONICAL', message: `"${text}" is not canonical (${why}: ${value.prefix})` };
  }
  return { ok: true, prefix: { text, family: value.family, length: value.length, key: parsePrefixKey(text) } };
}

/** Whether two prefixes share an address (false across families). */
export function prefixesOverlap(a: ExportPrefix, b: ExportPrefix): boolean {
  return keysOverlap(a.key, b.key);
}
