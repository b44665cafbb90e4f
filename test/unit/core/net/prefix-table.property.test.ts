// PrefixTable against a brute-force model: a list of (family, masked value, length) scanned linearly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrefixKey, PrefixTable } from '../../../../core/net';
import type { PrefixEntry } from '../../../../core/net';
import { bits, genText, ipNumRange, maskValue, v4PrefixArb, v6PrefixArb } from './net-helpers';
import type { GenPrefix } from './net-helpers';

type Command =
  | { readonly op: 'insert'; readonly p: GenPrefix; readonly value: number }
  | { readonly op: 'delete'; readonly p: GenPrefix }
  | { readonly op: 'lookup'; readonly p: GenPrefix; readonly bare: boolean; readonly byKey: boolean }
  | { readonly op: 'exact'; readonly p: GenPrefix };

interface ModelEntry {
  readonly family: 4 | 6;
  readonly value: bigint;
  readonly length: number;
  readonly stored: number;
}

function commandArb(prefix: fc.Arbitrary<GenPrefix>): fc.Arbitrary<Command> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), p: prefix, value: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), p: prefix }) },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('lookup' as const),
        p: prefix,
        bare: fc.boolean(),
        byKey: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('exact' as const), p: prefix }) },
  );
}

const LONG = { maxLength: 150, size: 'max' } as const;

const identity = (family: number, value: bigint, length: number): string => `${family}|${value}|${length}`;

/** The prefix text the table returned, read back by ip-num. */
function readBack(entry: PrefixEntry<number>): { family: 4 | 6; value: bigint; length: number } {
  const [address, len] = entry.prefix.split('/') as [string, string];
  const range = ipNumRange(address, Number(len));
  return { family: address.includes(':') ? 6 : 4, value: range.getFirst().getValue(), length: Number(len) };
}

function bruteForce(model: ReadonlyMap<string, ModelEntry>, family: 4 | 6, value: bigint, length: number) {
  let best: ModelEntry | undefined;
  for (const e of model.values()) {
    if (e.family !== family || e.length > length) continue;
    if (maskValue(value, e.length, family) !== e.value) continue;
    if (best === undefined || e.length > best.length) best = e;
  }
  return best;
}

function run(commands: readonly Command[]): void {
  const table = new PrefixTable<number>();
  const model = new Map<string, ModelEntry>();
  for (const c of commands) {
    const { family, length } = c.p;
    const masked = maskValue(c.p.value, length, family);
    const id = identity(family, masked, length);
    if (c.op === 'insert') {
      table.insert(genText(c.p), c.value);
      model.set(id, { family, value: masked, length, stored: c.value });
    } else if (c.op === 'delete') {
      expect(table.delete(genText(c.p))).toBe(model.delete(id));
    } else if (c.op === 'exact') {
      expect(table.exact(genText(c.p))).toBe(model.get(id)?.stored);
    } else {
      const qLength = c.bare ? bits(family) : length;
      const text = genText(c.p, c.bare);
      const got = table.lookup(c.byKey ? parsePrefixKey(text) : text);
      const want = bruteForce(model, family, c.p.value, qLength);
      if (want === undefined) {
        expect(got).toBeUndefined();
      } else {
        expect(got).toBeDefined();
        expect(readBack(got!)).toEqual({ family: want.family, value: want.value, length: want.length });
        expect(got!.value).toBe(want.stored);
      }
    }
    expect(table.size).toBe(model.size);
  }
  const listed = [...table.entries()].map((e) => {
    const r = readBack(e);
    return { id: identity(r.family, r.value, r.length), stored: e.value, ...r };
  });
  expect(new Set(listed.map((e) => e.id))).toEqual(new Set(model.keys()));
  for (const e of listed) expect(e.stored).toBe(model.get(e.id)!.stored);
  // IPv4 first, then by address, a shorter prefix before the longer ones at the same address.
  for (let i = 1; i < listed.length; i++) {
    const a = listed[i - 1]!;
    const b = listed[i]!;
    const before =
      a.family < b.family ||
      (a.family === b.family && (a.value < b.value || (a.value === b.value && a.length < b.length)));
    expect(before, `${a.id} before ${b.id}`).toBe(true);
  }
}

describe('PrefixTable vs brute force', () => {
  it('IPv4: inserts, deletes, exact and longest-prefix look-ups agree with a linear scan', () => {
    fc.assert(fc.property(fc.array(commandArb(v4PrefixArb), LONG), run), { numRuns: 300 });
  });

  it('IPv6: inserts, deletes, exact and longest-prefix look-ups agree with a linear scan', () => {
    fc.assert(fc.property(fc.array(commandArb(v6PrefixArb), LONG), run), { numRuns: 200 });
  });

  it('both families in one table never answer across families', () => {
    fc.assert(
      fc.property(fc.array(commandArb(fc.oneof(v4PrefixArb, v6PrefixArb)), LONG), run),
      { numRuns: 200 },
    );
  });
});
