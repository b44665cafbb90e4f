// The hand-written scanner against ip-num (grammar and values) and an independent RFC 5952 writer.
import fc from 'fast-check';
import { collapseIPv6Number } from 'ip-num';
import { describe, expect, it } from 'vitest';
import { parsePrefix, parsePrefixKey, tryParsePrefix } from '../../../../core/net';
import {
  ipNumAccepts,
  ipNumRange,
  ipNumValue,
  keyValue,
  maskValue,
  rfc5952,
  V4_MAX,
  V6_MAX,
  v4Text,
} from './net-helpers';

/** Every way of writing one IPv6 address that ip-num also accepts. */
const v6WritingArb = fc
  .record({
    groups: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), {
      minLength: 8,
      maxLength: 8,
    }),
    run: fc.option(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 8 }))),
    pad: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    upper: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    dottedTail: fc.boolean(),
  })
  .map(({ groups, run, pad, upper, dottedTail }) => {
    const start = run?.[0] ?? -1;
    const end = run === null ? -1 : Math.min(8, start + run[1]);
    const gs = groups.map((g, i) => (i >= start && i < end ? 0 : g));
    const tail = dottedTail && (end < 0 || end <= 6);
    const render = (i: number): string => {
      const hex = gs[i]!.toString(16).padStart(pad[i] ? 4 : 1, '0');
      return upper[i] ? hex.toUpperCase() : hex;
    };
    const parts = (from: number, to: number): string[] => {
      const out: string[] = [];
      for (let i = from; i < to; i++) {
        if (tail && i === 6) {
          out.push(v4Text((BigInt(gs[6]!) << 16n) | BigInt(gs[7]!)));
          break;
        }
        out.push(render(i));
      }
      return out;
    };
    const text = end < 0 ? parts(0, 8).join(':') : `${parts(0, start).join(':')}::${parts(end, 8).join(':')}`;
    const value = gs.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
    return { text, value };
  });

/** Near-misses: valid addresses with a few characters inserted, deleted or replaced. */
const mutatedAddressArb = fc
  .tuple(
    fc.oneof(
      fc.bigInt({ min: 0n, max: V4_MAX }).map(v4Text),
      v6WritingArb.map((w) => w.text),
    ),
    fc.array(
      fc.tuple(
        fc.constantFrom('insert', 'delete', 'replace', 'double'),
        fc.nat(),
        fc.constantFrom(...'0123456789abcdefABCDEFgx:.% '.split('')),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((s, [op, at, ch]) => {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      if (op === 'insert') return s.slice(0, i) + ch + s.slice(i);
      if (op === 'delete') return s.slice(0, i) + s.slice(i + 1);
      if (op === 'replace') return s.slice(0, i) + ch + s.slice(i + 1);
      return s.slice(0, i) + s.slice(i, i + 3) + s.slice(i);
    }, text),
  );

describe('scanner vs ip-num', () => {
  it('reads every IPv4 address to the value ip-num reads', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: V4_MAX }), (value) => {
        const text = v4Text(value);
        expect(ipNumValue(text)).toEqual({ family: 4, value });
        const key = parsePrefixKey(text);
        expect(key.family).toBe(4);
        expect(key.length).toBe(32);
        expect(keyValue(key)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('reads every way of writing an IPv6 address to the value ip-num reads', () => {
    fc.assert(
      fc.property(v6WritingArb, ({ text, value }) => {
        expect(ipNumAccepts(text)).toBe(true);
        expect(ipNumValue(text)).toEqual({ family: 6, value });
        const key = parsePrefixKey(text);
        expect([key.family, key.length, keyValue(key)]).toEqual([6, 128, value]);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts exactly the address texts ip-num accepts, with the same value', () => {
    fc.assert(
      fc.property(mutatedAddressArb, (text) => {
        const address = text.trim();
        const ours = tryParsePrefix(address);
        // A '/' is never generated, so the text is an address on both sides.
        expect(ours.ok, `'${address}': ${ours.ok ? 'accepted' : ours.message}`).toBe(ipNumAccepts(address));
        if (ours.ok) {
          const expected = ipNumValue(address);
          const key = parsePrefixKey(address);
          expect([key.family, keyValue(key)]).toEqual([expected.family, expected.value]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('normalises IPv4 prefixes like ip-num and flags host bits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: V4_MAX }), fc.integer({ min: 0, max: 32 }), (value, length) => {
        const address = v4Text(value);
        const parsed = parsePrefix(`${address}/${length}`);
        const range = ipNumRange(address, length);
        expect(parsed.prefix).toBe(`${range.getFirst().toString()}/${length}`);
        expect(parsed.length).toBe(length);
        expect(parsed.hostBitsSet).toBe(range.getFirst().getValue() !== value);
      }),
      { numRuns: 500 },
    );
  });

  it('normalises IPv6 prefixes like ip-num, in RFC 5952 form, and flags host bits', () => {
    fc.assert(
      fc.property(v6WritingArb, fc.integer({ min: 0, max: 128 }), ({ text, value }, length) => {
        const parsed = parsePrefix(`${text}/${length}`);
        const first = ipNumRange(text, length).getFirst();
        expect(first.getValue()).toBe(maskValue(value, length, 6));
        expect(parsed.prefix).toBe(`${rfc5952(first.getValue())}/${length}`);
        expect(parsed.prefix).toBe(`${collapseIPv6Number(first.toString())}/${length}`);
        expect(parsed.hostBitsSet).toBe(first.getValue() !== value);
        expect(parsed.family).toBe(6);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps canonical text stable: parsing a canonical prefix gives it back unchanged', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.bigInt({ min: 0n, max: V4_MAX }), fc.integer({ min: 0, max: 32 })).map(
            ([v, l]) => `${v4Text(v)}/${l}`,
          ),
          fc.tuple(fc.bigInt({ min: 0n, max: V6_MAX }), fc.integer({ min: 0, max: 128 })).map(
            ([v, l]) => `${rfc5952(v)}/${l}`,
          ),
        ),
        (text) => {
          const once = parsePrefix(text);
          const twice = parsePrefix(once.prefix);
          expect(twice.prefix).toBe(once.prefix);
          expect(twice.hostBitsSet).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
