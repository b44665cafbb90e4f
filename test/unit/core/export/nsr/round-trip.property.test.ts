// Round trip of every NSR format through the real importers (previewImport), over services
// generated on the sample WAN: importing what we exported gives the same chain of PoPs, segments
// and return chain, as far as the format carries them (see `carried` in helpers.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceDto } from '../../../../../core/contract/dto';
import { nsrFormats, type NsrFormat } from '../../../../../core/export';
import { tryParsePrefix } from '../../../../../core/net';
import { carried, carriedOf, importerOf, roundTrip, sampleTopology } from './helpers';

const RUNS = 1000;

/** Every name or alias of the sample's PoPs, with the PoP it denotes. */
const names = sampleTopology.pops.flatMap((p) => [p.name, ...p.aliases].map((name) => ({ name, pop: p.id })));
const popOf = new Map(names.map((n) => [n.name.toLowerCase(), n.pop]));

/** A chain of PoP names/aliases where consecutive entries are different PoPs (a chain hop each). */
const chainArb = (min: number, max: number) =>
  fc.array(fc.constantFrom(...names), { minLength: min, maxLength: max }).map((picks) =>
    picks.filter((p, i) => i === 0 || picks[i - 1]?.pop !== p.pop).map((p) => p.name),
  );

const v4 = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([addr, len]) => {
    const masked = len === 0 ? 0 : (addr & (~0 << (32 - len))) >>> 0;
    return `${[24, 16, 8, 0].map((s) => (masked >>> s) & 255).join('.')}/${len}`;
  });
const v6 = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 16, max: 64 }))
  .map(([groups, len]) => {
    const bits = groups.map((g) => g.toString(2).padStart(16, '0')).join('').slice(0, len).padEnd(64, '0');
    const hex = [0, 1, 2, 3].map((i) => parseInt(bits.slice(i * 16, i * 16 + 16), 2).toString(16));
    return canonical(`${hex.join(':')}::/${len}`);
  });
/** The canonical spelling the importers give back. */
function canonical(prefix: string): string {
  const parsed = tryParsePrefix(prefix);
  if (!parsed.ok) throw new Error(`bad generated prefix ${prefix}`);
  return parsed.value.prefix;
}

const segmentArb = fc.option(fc.oneof(v4, v4, v6), { nil: null, freq: 4 });

const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,23}$/);

const serviceArb = (maxChain: number): fc.Arbitrary<ServiceDto> =>
  fc
    .record({
      id: idArb,
      name: fc.oneof(idArb, fc.string({ minLength: 1, maxLength: 20 })),
      chain: chainArb(1, maxChain).filter((c) => c.length > 0),
      reverseChain: fc.option(chainArb(1, 4), { nil: null }),
      inSegment: segmentArb,
      outSegment: segmentArb,
    })
    .map((s) => ({ ...s, state: 'planned' as const, provenance: null, attributes: {} }));

/** Consecutive entries naming the same PoP are one hop in the collapsing formats. */
function collapse(chain: readonly string[]): string[] {
  return chain.filter((p, i) => i === 0 || popOf.get(chain[i - 1]!.toLowerCase()) !== popOf.get(p.toLowerCase()));
}

describe.each(nsrFormats.map((f) => f.id))('%s round trip', (format: NsrFormat) => {
  it(`imports what it exported as the same service (${RUNS} generated services)`, () => {
    fc.assert(
      fc.property(serviceArb(format === 'nsr-katana' ? 3 : 6), (service) => {
        const { preview } = roundTrip(format, service);
        expect(preview.format).toBe(importerOf(format));
        expect(preview.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(preview.services).toHaveLength(1);
        const back = preview.services[0]!;
        const expected = carried(format, service);
        const want = format === 'nsr-katana' ? { ...expected, chain: collapse(expected.chain) } : expected;
        expect(carriedOf(format, back)).toEqual(want);
        if (format !== 'nsr-katana') expect(back.id).toBe(service.id);
        if (['nsr-openbaton', 'nsr-sol005', 'nsr-osm'].includes(format)) expect(back.name).toBe(service.name);
      }),
      { numRuns: RUNS, seed: 13 },
    );
  });
});
