/**
 * IP prefixes: parsing and normalising (ip-num grammar, fast scanner), containment tests, and
 * longest-prefix-match tables for IPv4 and IPv6.
 */
export type { ParsedPrefix, ParsePrefixResult, PrefixRelation } from './prefix';
export {
  parsePrefix,
  tryParsePrefix,
  parsePrefixKey,
  tryParsePrefixKey,
  cachedPrefixKeys,
  isAddressInPrefix,
  prefixContains,
  prefixesOverlap,
  prefixRelation,
} from './prefix';
export type { CanonicalPrefix, CanonicalPrefixResult } from './canonical';
export { parseCanonicalPrefix, canonicalPrefix } from './canonical';
export type { PrefixKey } from './prefix-key';
export { keyContains, keysOverlap } from './prefix-key';
export { formatPrefixKey } from './format-prefix';
export type { PrefixEntry } from './prefix-trie';
export { PrefixTable } from './prefix-table';
export type { PrefixInput } from './prefix-table';
