import { IPv4CidrRange, IPv6CidrRange, Validator } from 'ip-num';
import type { DiagnosticSink } from './diagnostics';
import { describe } from './values';

/** A parsed segment: canonical prefix text plus its address range for containment checks. */
export interface ParsedSegment {
  readonly prefix: string;
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * Reads an IP segment from input: `null`/absent/empty → null (the project default applies),
 * a prefix → canonical prefix (host bits cleared, with a warning), a bare address → host
 * prefix (/32, /128). Anything else is an error diagnostic and `undefined`.
 */
export function readSegment(
  raw: unknown,
  pointer: string,
  label: string,
  sink: DiagnosticSink,
): string | null | undefined {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string') {
    sink.error('WRONG_TYPE', pointer, `${label} at ${pointer} must be a prefix string, got ${describe(raw)}.`);
    return undefined;
  }
  const text = raw.trim();
  const hasPrefixLength = text.includes('/');
  const candidate = hasPrefixLength ? text : `${text}/${text.includes(':') ? 128 : 32}`;
  const parsed = parseSegment(candidate);
  if (!parsed) {
    sink.error(
      'INVALID_SEGMENT',
      pointer,
      `${label} "${truncate(text)}" at ${pointer} is not an IPv4/IPv6 prefix or address.`,
      'Write it as a prefix such as 192.168.10.0/24 or 2001:db8::/64.',
    );
    return undefined;
  }
  if (!hasPrefixLength) {
    sink.info('HOST_SEGMENT', pointer, `${label} "${text}" is a single address; imported as ${parsed.prefix}.`,
      'Widen it to the subnet in the service editor if the whole site should be steered.');
  } else if (!samePrefixText(text, parsed.prefix)) {
    const hostBits = parsed.prefix.split('/')[0] !== normaliseAddress(text.split('/')[0] ?? '');
    if (hostBits) {
      sink.warning('HOST_BITS_SET', pointer, `${label} "${text}" has host bits set; imported as ${parsed.prefix}.`);
    }
  }
  return parsed.prefix;
}

/** Most parsed segments remembered (inputs repeat the same few prefixes many times). */
const CACHE_LIMIT = 4096;
const cache = new Map<string, ParsedSegment | null>();

/** Parses a prefix into canonical form, or undefined when it is not valid. */
export function parseSegment(text: string): ParsedSegment | undefined {
  const cached = cache.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed ?? null);
  return parsed;
}

function parseUncached(text: string): ParsedSegment | undefined {
  try {
    if (text.includes(':')) {
      if (!Validator.isValidIPv6CidrNotation(text)[0]) return undefined;
      const range = IPv6CidrRange.fromCidr(text);
      const first = range.getFirst().getValue();
      const prefix = `${formatIPv6(first)}/${range.getPrefix().getValue()}`;
      return { prefix, family: 6, first, last: range.getLast().getValue() };
    }
    if (!Validator.isValidIPv4CidrNotation(text)[0]) return undefined;
    const range = IPv4CidrRange.fromCidr(text);
    const first = range.getFirst();
    return { prefix: `${first.toString()}/${range.getPrefix().getValue()}`, family: 4, first: first.getValue(), last: range.getLast().getValue() };
  } catch {
    return undefined;
  }
}

/** How two segments relate: same prefix, one inside the other, or disjoint / other family. */
export function segmentRelation(a: string, b: string): 'same' | 'overlap' | 'disjoint' {
  if (a === b) return 'same';
  const pa = parseSegment(a);
  const pb = parseSegment(b);
  if (!pa || !pb || pa.family !== pb.family) return 'disjoint';
  // CIDR ranges either nest or are disjoint.
  return pa.first <= pb.last && pb.first <= pa.last ? 'overlap' : 'disjoint';
}

/** RFC 5952 text of an IPv6 address given as a 128-bit number. */
export function formatIPv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return compressGroups(groups);
}

/** RFC 5952 text of an IPv6 address given as 8 full groups (lower case, longest zero run as `::`). */
export function compressIPv6(expanded: string): string {
  return compressGroups(expanded.split(':').map((g) => parseInt(g, 16).toString(16)));
}

function compressGroups(groups: readonly string[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return groups.join(':');
  const head = groups.slice(0, bestStart).join(':');
  const tail = groups.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

function normaliseAddress(address: string): string {
  const host = parseSegment(`${address}/${address.includes(':') ? 128 : 32}`);
  return host ? (host.prefix.split('/')[0] ?? address) : address;
}

function samePrefixText(input: string, canonical: string): boolean {
  return input.toLowerCase() === canonical;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
