import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAddressInPrefix, parsePrefix, prefixContains, prefixesOverlap, prefixRelation } from '../../../../core/net';
import { CoreError } from '../../../../core/util/core-error';
import { genText, ipNumRange, v4PrefixArb, v6PrefixArb } from './net-helpers';
import type { GenPrefix } from './net-helpers';

describe('isAddressInPrefix', () => {
  it.each([
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.0.0.1', '10.0.0.0/8', false],
    ['10.1.2.3/32', '10.1.2.3', true],
    ['8.8.8.8', '0.0.0.0/0', true],
    ['8.8.8.8', '::/0', false],
    ['2001:db8::42', '2001:db8::/32', true],
    ['2001:db9::42', '2001:db8::/32', false],
    ['::ffff:10.0.0.1', '10.0.0.0/8', false],
    ['10.1.2.3', '10.1.2.3/8', true],
  ])('%s in %s → %s', (address, prefix, expected) => {
    expect(isAddressInPrefix(address, prefix)).toBe(expected);
  });

  it('refuses a prefix in place of an address', () => {
    expect(() => isAddressInPrefix('10.0.0.0/24', '10.0.0.0/8')).toThrowError(
      /'10\.0\.0\.0\/24' is a prefix of length 24, not an address/,
    );
  });

  it('throws INVALID_INPUT for bad text on either side', () => {
    for (const [a, p] of [
      ['10.0.0.256', '10.0.0.0/8'],
      ['10.0.0.1', '10.0.0.0/40'],
    ] as const) {
      try {
        isAddressInPrefix(a, p);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(CoreError);
        expect((e as CoreError).code).toBe('INVALID_INPUT');
      }
    }
  });
});

describe('prefixContains / prefixesOverlap', () => {
  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true, true],
    ['10.1.0.0/16', '10.0.0.0/8', false, true],
    ['10.0.0.0/8', '10.0.0.0/8', true, true],
    ['10.0.0.0/8', '11.0.0.0/8', false, false],
    ['0.0.0.0/0', '192.168.0.0/16', true, true],
    ['::/0', '192.168.0.0/16', false, false],
    ['2001:db8::/32', '2001:db8:1::/48', true, true],
    ['2001:db8:1::/48', '2001:db8:2::/48', false, false],
  ])('%s ⊇ %s: %s, overlap: %s', (outer, inner, contains, overlap) => {
    expect(prefixContains(outer, inner)).toBe(contains);
    expect(prefixesOverlap(outer, inner)).toBe(overlap);
    expect(prefixesOverlap(inner, outer)).toBe(overlap);
  });

  const pairArb = fc.oneof(
    fc.tuple(v4PrefixArb, v4PrefixArb),
    fc.tuple(v6PrefixArb, v6PrefixArb),
  );

  const range = (p: GenPrefix) => {
    const [address, length] = genText(p).split('/') as [string, string];
    return ipNumRange(address, Number(length));
  };

  it('agrees with ip-num ranges (contains, inside, isOverlapping)', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const ra = range(a);
        const rb = range(b);
        // Same family by construction; ip-num's methods are typed per family.
        const contains = (ra as typeof rb).contains(rb as never);
        const overlap = contains || (rb as typeof ra).contains(ra as never) || ra.isOverlapping(rb as never);
        expect(prefixContains(genText(a), genText(b))).toBe(contains);
        expect(prefixesOverlap(genText(a), genText(b))).toBe(overlap);
      }),
      { numRuns: 500 },
    );
  });

  it('never relates prefixes of different families', () => {
    fc.assert(
      fc.property(v4PrefixArb, v6PrefixArb, (a, b) => {
        expect(prefixContains(genText(a), genText(b))).toBe(false);
        expect(prefixContains(genText(b), genText(a))).toBe(false);
        expect(prefixesOverlap(genText(a), genText(b))).toBe(false);
      }),
    );
  });
});

describe('prefixRelation', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8', 'same'],
    ['10.1.2.3/8', '10.0.0.0/8', 'same'],
    ['2001:DB8::/32', '2001:db8::/32', 'same'],
    ['10.0.0.0/8', '10.1.0.0/16', 'overlap'],
    ['10.1.0.0/16', '10.0.0.0/8', 'overlap'],
    ['10.0.0.0/8', '11.0.0.0/8', 'disjoint'],
    ['10.0.0.0/8', '::/0', 'disjoint'],
    ['0.0.0.0/0', '::/0', 'disjoint'],
  ])('%s and %s: %s', (a, b, relation) => {
    expect(prefixRelation(a, b)).toBe(relation);
  });

  const anyPairArb = fc.oneof(
    fc.tuple(v4PrefixArb, v4PrefixArb),
    fc.tuple(v6PrefixArb, v6PrefixArb),
    fc.tuple(v4PrefixArb, v6PrefixArb),
    v4PrefixArb.map((p) => [p, p] as const),
    v6PrefixArb.map((p) => [p, p] as const),
  );

  /** The relation the importers computed with ip-num ranges before core/net had one. */
  const ipNumRelation = (a: GenPrefix, b: GenPrefix): string => {
    if (parsePrefix(genText(a)).prefix === parsePrefix(genText(b)).prefix) return 'same';
    if (a.family !== b.family) return 'disjoint';
    const ranges = [a, b].map((p) => {
      const [address, length] = genText(p).split('/') as [string, string];
      const r = ipNumRange(address, Number(length));
      return { first: r.getFirst().getValue(), last: r.getLast().getValue() };
    });
    const [ra, rb] = ranges as [(typeof ranges)[0], (typeof ranges)[0]];
    return ra.first <= rb.last && rb.first <= ra.last ? 'overlap' : 'disjoint';
  };

  it('agrees with ip-num ranges, and compares canonical text as the importers did', () => {
    fc.assert(
      fc.property(anyPairArb, ([a, b]) => {
        expect(prefixRelation(genText(a), genText(b))).toBe(ipNumRelation(a, b));
        expect(prefixRelation(parsePrefix(genText(a)).prefix, parsePrefix(genText(b)).prefix)).toBe(ipNumRelation(a, b));
      }),
      { numRuns: 1000 },
    );
  });
});
