import { CoreError } from '../util/core-error';
import { formatPrefixKey } from './format-prefix';
import type { ParsedPrefix } from './prefix';
import { scanOrThrow } from './prefix';
import { familyBits, maskWords } from './prefix-key';
import type { PrefixKey } from './prefix-key';
import { PrefixTrie } from './prefix-trie';
import type { PrefixEntry } from './prefix-trie';

/** What the table accepts as a prefix: text, a `parsePrefix` result, or a `parsePrefixKey` key. */
export type PrefixInput = string | ParsedPrefix | PrefixKey;

/**
 * A longest-prefix-match table over IPv4 and IPv6 prefixes (like pytricia).
 *
 * Prefixes are normalised on the way in (`10.1.2.3/8` is stored as `10.0.0.0/8`); `0.0.0.0/0`
 * and `::/0` are ordinary entries. The two families live in separate tries, so an IPv4 query
 * never matches an IPv6 entry. Text is parsed by a fast hand-written scanner; pass keys from
 * `parsePrefixKey` to `lookup` in hot loops to parse once. Invalid text throws
 * `CoreError('INVALID_INPUT')`.
 */
export class PrefixTable<T> {
  private readonly v4 = new PrefixTrie<T>(4);
  private readonly v6 = new PrefixTrie<T>(6);

  /** Stores `value` under `prefix`, replacing the value of an equal prefix. */
  insert(prefix: PrefixInput, value: T): void {
    const key = storedKey(prefix);
    this.trie(key).insert(key, formatPrefixKey(key), value);
  }

  /** Removes `prefix`; whether it was stored. */
  delete(prefix: PrefixInput): boolean {
    const key = storedKey(prefix);
    return this.trie(key).delete(key);
  }

  /** The value stored for exactly `prefix` (after normalisation). */
  exact(prefix: PrefixInput): T | undefined {
    const key = storedKey(prefix);
    return this.trie(key).exact(key)?.value;
  }

  /** The most specific stored prefix that contains `prefixOrAddress`, of the same family. */
  lookup(prefixOrAddress: PrefixInput): PrefixEntry<T> | undefined {
    const key =
      typeof prefixOrAddress === 'string'
        ? scanOrThrow(prefixOrAddress)
        : 'words' in prefixOrAddress
          ? prefixOrAddress
          : scanOrThrow(prefixOrAddress.prefix);
    return this.trie(key).lookup(key);
  }

  /** Number of stored prefixes (both families). */
  get size(): number {
    return this.v4.size + this.v6.size;
  }

  /** Stored entries: IPv4 then IPv6, each in address order with shorter prefixes first. */
  *entries(): IterableIterator<PrefixEntry<T>> {
    yield* this.v4.entries();
    yield* this.v6.entries();
  }

  /** Same as `entries()`. */
  [Symbol.iterator](): IterableIterator<PrefixEntry<T>> {
    return this.entries();
  }

  private trie(key: PrefixKey): PrefixTrie<T> {
    return key.family === 4 ? this.v4 : this.v6;
  }
}

/** A key the trie may keep: host bits cleared, in an array the caller does not own. */
function storedKey(prefix: PrefixInput): PrefixKey {
  if (typeof prefix === 'string') return scanOrThrow(prefix);
  if (!('words' in prefix)) return scanOrThrow(prefix.prefix);
  const { family, length, words } = prefix;
  const valid =
    (family === 4 || family === 6) &&
    Number.isInteger(length) &&
    length >= 0 &&
    length <= familyBits(family) &&
    words.length === familyBits(family) / 32 &&
    words.every((w) => Number.isInteger(w) && w >= -0x80000000 && w <= 0xffffffff);
  if (!valid) {
    throw new CoreError(
      'INVALID_INPUT',
      `prefix key {family: ${String(family)}, length: ${String(length)}} is malformed; ` +
        'build keys with parsePrefixKey',
    );
  }
  return { family, length, words: maskWords(words, length) };
}
