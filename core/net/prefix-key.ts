/**
 * A parsed, normalised prefix in numeric form: the key of the longest-prefix-match tables.
 *
 * `words` holds the address as big-endian 32-bit unsigned words (one for IPv4, four for IPv6)
 * with the host bits (those after `length`) zero. Build it with `parsePrefixKey` once and reuse
 * it, so hot loops never parse text.
 */
export interface PrefixKey {
  readonly family: 4 | 6;
  readonly length: number;
  readonly words: ReadonlyArray<number>;
}

/** Number of address bits of a family. */
export function familyBits(family: 4 | 6): 32 | 128 {
  return family === 4 ? 32 : 128;
}

/** Bit `index` (0 = most significant) of a word array. */
export function bitAt(words: ReadonlyArray<number>, index: number): number {
  return (words[index >>> 5]! >>> (31 - (index & 31))) & 1;
}

/** Whether the first `length` bits of two word arrays are equal. */
export function samePrefixBits(a: ReadonlyArray<number>, b: ReadonlyArray<number>, length: number): boolean {
  const full = length >>> 5;
  for (let w = 0; w < full; w++) {
    // XOR rather than !== so that signed and unsigned spellings of a word compare equal.
    if ((a[w]! ^ b[w]!) !== 0) return false;
  }
  const rest = length & 31;
  return rest === 0 || (a[full]! ^ b[full]!) >>> (32 - rest) === 0;
}

/** A copy of `words` with every bit from `length` on cleared. */
export function maskWords(words: ReadonlyArray<number>, length: number): number[] {
  return words.map((word, w) => {
    const keep = length - (w << 5);
    return keep >= 32 ? word >>> 0 : keep <= 0 ? 0 : (word & (-1 << (32 - keep))) >>> 0;
  });
}

/** Whether `inner` lies inside `outer` (equal prefixes included); false across families. */
export function keyContains(outer: PrefixKey, inner: PrefixKey): boolean {
  return (
    outer.family === inner.family &&
    outer.length <= inner.length &&
    samePrefixBits(outer.words, inner.words, outer.length)
  );
}

/** Whether two prefixes share at least one address; false across families. */
export function keysOverlap(a: PrefixKey, b: PrefixKey): boolean {
  return a.family === b.family && samePrefixBits(a.words, b.words, Math.min(a.length, b.length));
}
