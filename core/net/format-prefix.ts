import { collapseIPv6Number } from 'ip-num';
import type { PrefixKey } from './prefix-key';

/** Canonical text of a key: `a.b.c.d/len`, or RFC 5952 compressed lower-case IPv6 `x:x::/len`. */
export function formatPrefixKey(key: PrefixKey): string {
  return `${formatAddress(key)}/${key.length}`;
}

/** Canonical text of a key's address, without the length. */
export function formatAddress(key: PrefixKey): string {
  const w = key.words;
  if (key.family === 4) {
    const a = w[0]!;
    return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
  }
  const hex = [0, 1, 2, 3]
    .map((i) => {
      const word = w[i]!;
      return `${hex4(word >>> 16)}:${hex4(word & 0xffff)}`;
    })
    .join(':');
  // ip-num implements RFC 5952 (longest zero run, leftmost on ties, never a lone zero group).
  return collapseIPv6Number(hex);
}

function hex4(group: number): string {
  return group.toString(16).padStart(4, '0');
}
