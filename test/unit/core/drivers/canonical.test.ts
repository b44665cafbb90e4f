import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameContent } from '../../../../core/drivers/canonical';

// Contents as drivers normalise them: JSON values, with undefined members and shuffled keys.
const content = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, 0, -0, 1, NaN, Infinity, '', '0', 'a', true, false),
    fc.integer(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'index', '__proto__x'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** The same value with its object keys in another order (a read-back rarely keeps the order). */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]));
}

describe('sameContent', () => {
  it('agrees with comparing canonical JSON texts', () => {
    fc.assert(
      fc.property(content, content, (a, b) => {
        expect(sameContent(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameContent(a, reorder(a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores undefined members and key order, not array order or types', () => {
    expect(sameContent({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameContent({ a: 1 }, { b: undefined, a: 1 })).toBe(true);
    expect(sameContent({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameContent([1, 2], [2, 1])).toBe(false);
    expect(sameContent({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameContent({}, [])).toBe(false);
    expect(sameContent({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 3 }] } })).toBe(false);
    expect(sameContent({ a: 1 }, { a: 1, b: null })).toBe(false);
  });
});
