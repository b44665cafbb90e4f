import { CoreError } from '../util/core-error';
import { formatPrefixKey } from './format-prefix';
import { familyBits, keyContains, keysOverlap } from './prefix-key';
import type { PrefixKey } from './prefix-key';
import { scanPrefix } from './scan-prefix';
import type { ScannedPrefix } from './scan-prefix';

/** A prefix as written by a user, normalised. */
export interface ParsedPrefix {
  readonly family: 4 | 6;
  /** Canonical text: host bits zero, IPv6 compressed lower-case (e.g. `2001:db8::/32`). */
  readonly prefix: string;
  readonly length: number;
  /** The input had host bits set (`10.1.2.3/8`); the caller reports a HOST_BITS_SET warning. */
  readonly hostBitsSet: boolean;
  /** The original text, trimmed. */
  readonly input: string;
}

/** Result of `tryParsePrefix`. */
export type ParsePrefixResult = { ok: true; value: ParsedPrefix } | { ok: false; message: string };

/**
 * Parses `a.b.c.d/len`, `x:x::x/len` or a bare address (meaning /32 or /128) and normalises it.
 *
 * Host bits are cleared and flagged in `hostBitsSet`, so `10.1.2.3/8` becomes `10.0.0.0/8`.
 * Throws `CoreError('INVALID_INPUT')` saying what is wrong and how to write it.
 */
export function parsePrefix(text: string): ParsedPrefix {
  const scanned = scanOrThrow(text);
  return toParsed(scanned, text.trim());
}

/**
 * `parsePrefix` that returns the error message instead of throwing; `asked` is what the person
 * was asked for (an address, or an address or prefix), so the message names it.
 */
export function tryParsePrefix(text: string, asked: AskedFor = 'prefix'): ParsePrefixResult {
  const scanned = scanPrefix(text);
  return typeof scanned === 'string'
    ? { ok: false, message: invalidPrefixMessage(text, scanned, asked) }
    : { ok: true, value: toParsed(scanned, text.trim()) };
}

/**
 * Parses a prefix or address straight into a table key, skipping the canonical text.
 *
 * Parse once and pass the key to `PrefixTable.lookup` in hot loops. Throws
 * `CoreError('INVALID_INPUT')` like `parsePrefix`.
 */
export function parsePrefixKey(text: string): PrefixKey {
  return scanOrThrow(text);
}

/**
 * `parsePrefixKey` without throwing: the key, or the message saying why the text is not a
 * prefix. One scan and no canonical text, for building tables from many prefixes.
 */
export function tryParsePrefixKey(text: string): { readonly ok: true; readonly key: PrefixKey } | { readonly ok: false; readonly message: string } {
  const scanned = scanPrefix(text);
  return typeof scanned === 'string' ? { ok: false, message: invalidPrefixMessage(text, scanned) } : { ok: true, key: scanned };
}

/**
 * A `parsePrefixKey` that remembers its answers, for code that meets the same prefix text many
 * times (every rule of a plan set). One cache per call: drop it with the function.
 */
export function cachedPrefixKeys(): (text: string) => PrefixKey {
  const keys = new Map<string, PrefixKey>();
  return (text) => {
    let key = keys.get(text);
    if (!key) {
      key = parsePrefixKey(text);
      keys.set(text, key);
    }
    return key;
  };
}

/** Whether `address` (a bare address, or one written as /32 or /128) lies in `prefix`. */
export function isAddressInPrefix(address: string, prefix: string): boolean {
  const a = scanOrThrow(address);
  if (a.length !== familyBits(a.family)) {
    throw new CoreError(
      'INVALID_INPUT',
      `'${clipInput(address)}' is a prefix of length ${a.length}, not an address; ` +
        'write a bare address, or use prefixContains to compare prefixes',
      { input: address.trim() },
    );
  }
  return keyContains(scanOrThrow(prefix), a);
}

/** Whether every address of `inner` is in `outer` (equal prefixes included; false across families). */
export function prefixContains(outer: string, inner: string): boolean {
  return keyContains(scanOrThrow(outer), scanOrThrow(inner));
}

/** Whether two prefixes share at least one address (false across families). */
export function prefixesOverlap(a: string, b: string): boolean {
  return keysOverlap(scanOrThrow(a), scanOrThrow(b));
}

/** How two prefixes relate as address sets. */
export type PrefixRelation = 'same' | 'overlap' | 'disjoint';

/**
 * Whether two prefixes are the same set of addresses, share some (CIDR prefixes then nest), or
 * none (always across families). Throws `CoreError('INVALID_INPUT')` like `prefixContains`.
 */
export function prefixRelation(a: string, b: string): PrefixRelation {
  const ka = scanOrThrow(a);
  const kb = scanOrThrow(b);
  if (ka.length === kb.length && keyContains(ka, kb)) return 'same';
  return keysOverlap(ka, kb) ? 'overlap' : 'disjoint';
}

/** Scans text into a key or throws the INVALID_INPUT error. */
export function scanOrThrow(text: string): ScannedPrefix {
  const scanned = scanPrefix(text);
  if (typeof scanned !== 'string') return scanned;
  throw new CoreError('INVALID_INPUT', invalidPrefixMessage(text, scanned), {
    input: text.trim(),
    reason: scanned,
  });
}

function toParsed(scanned: ScannedPrefix, input: string): ParsedPrefix {
  return {
    family: scanned.family,
    prefix: formatPrefixKey(scanned),
    length: scanned.length,
    hostBitsSet: scanned.hostBitsSet,
    input,
  };
}

/** What a field asks a person for: a prefix, an address, or either (a search, a lookup). */
export type AskedFor = 'prefix' | 'address' | 'address or prefix';

const HOW_TO_WRITE: Readonly<Record<AskedFor, string>> = {
  prefix: 'write it as a.b.c.d/len or x:x::x/len',
  address: 'write it as a.b.c.d or x:x::x',
  'address or prefix': 'write it as a.b.c.d or x:x::x, or a prefix a.b.c.d/len or x:x::x/len',
};

/** The message for text that is not what was asked for: what it is, why, and how to write one. */
export function invalidPrefixMessage(text: string, reason: string, asked: AskedFor = 'prefix'): string {
  return `'${clipInput(text)}' is not an IPv4 or IPv6 ${asked}: ${reason}; ${HOW_TO_WRITE[asked]}`;
}

function clipInput(text: string): string {
  const t = text.trim();
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}
