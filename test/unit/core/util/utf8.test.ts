import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../../../core/util/utf8';

describe('decodeUtf8', () => {
  it('agrees with TextDecoder on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => decodeUtf8(new TextEncoder().encode(s)) === s), { numRuns: 1000 });
  });
  it('agrees with TextDecoder on any bytes (invalid sequences become U+FFFD)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => decodeUtf8(b) === new TextDecoder().decode(b)), { numRuns: 1000 });
  });
  it('drops a byte-order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
  });
});
