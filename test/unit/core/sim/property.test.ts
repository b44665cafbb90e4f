import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TopologyDto } from '../../../../core/contract/dto';
import { emptyAllocations, Planner, planErrors } from '../../../../core/plan';
import { Simulator } from '../../../../core/sim';
import type { TraceResult } from '../../../../core/sim';
import type { PortSpec } from '../plan/build';
import { service, topology } from '../plan/build';

interface Case {
  readonly topo: TopologyDto;
  readonly src: string;
  readonly dst: string;
  readonly chain: readonly string[];
  readonly vlans: boolean;
}

/** 1–4 bridges, each with an uplink, 1–2 segments and 1–2 PoPs; some neighbours linked. */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    bridges: fc.array(fc.record({ segments: fc.integer({ min: 1, max: 2 }), pops: fc.integer({ min: 1, max: 2 }), linkNext: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
    seed: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    chainLength: fc.integer({ min: 1, max: 4 }),
    vlans: fc.boolean(),
    defaultEnd: fc.constantFrom('none', 'src', 'dst'),
    hosts: fc.boolean(),
  })
  .map(({ bridges, seed, chainLength, vlans, defaultEnd, hosts }) => {
    const spec: Record<string, Record<string, PortSpec>> = {};
    const segments: string[] = [];
    const pops: string[] = [];
    const links: [string, string][] = [];
    bridges.forEach((b, i) => {
      const ports: Record<string, PortSpec> = { [`up${i}`]: { segments: ['0.0.0.0/0'] } };
      for (let k = 0; k < b.segments; k++) {
        ports[`s${i}_${k}`] = { segments: [`10.${i}.${k}.0/24`] };
        segments.push(`10.${i}.${k}.0/24`);
      }
      for (let k = 0; k < b.pops; k++) {
        ports[`p${i}_${k}`] = { pop: `P${i}_${k}` };
        pops.push(`P${i}_${k}`);
      }
      if (i > 0 && bridges[i - 1]!.linkNext) {
        ports[`l${i}_back`] = {};
        spec[`b${i - 1}`]![`l${i - 1}_next`] = {};
        links.push([`l${i - 1}_next`, `l${i}_back`]);
      }
      spec[`b${i}`] = ports;
    });
    const pick = <T>(list: readonly T[], n: number): T => list[seed[n % seed.length]! % list.length]!;
    const srcSeg = pick(segments, 0);
    const others = segments.filter((s) => s !== srcSeg);
    const dstSeg = others.length > 0 ? pick(others, 1) : '0.0.0.0/0';
    const chain: string[] = [];
    for (let i = 0; i < chainLength; i++) {
      const choices = pops.filter((p) => p !== chain[chain.length - 1]);
      if (choices.length === 0) break;
      chain.push(pick(choices, i + 2));
    }
    const host = (seg: string): string => (hosts ? seg.replace('.0/24', '.7/32') : seg);
    return {
      topo: topology({ bridges: spec, links }),
      // Never both ends default: the two directions would then match the same packets.
      src: defaultEnd === 'src' && others.length > 0 ? '0.0.0.0/0' : host(srcSeg),
      dst: defaultEnd === 'dst' || others.length === 0 ? '0.0.0.0/0' : host(dstSeg),
      chain,
      vlans,
    };
  });

function popPorts(topo: TopologyDto, result: TraceResult): string[] {
  const ports = new Set(topo.pops.map((p) => p.portId));
  return result.hops.filter((h) => h.action === 'redirect' && ports.has(h.portId)).map((h) => h.portId);
}

describe('plan + trace property', () => {
  it('a planned service is delivered both ways through its PoPs in chain order', () => {
    let delivered = 0;
    let runs = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        runs++;
        const svc = service('svc', c.src, c.dst, c.chain, { attributes: { vlans: c.vlans } });
        const { plan } = new Planner(c.topo).plan(svc, emptyAllocations());
        const errors = planErrors(plan);
        // The generator only builds sound topologies; a path passing one port twice is the
        // only thing the planner may refuse.
        expect(errors.every((e) => e.code === 'LOOP')).toBe(true);
        if (errors.length > 0) return;
        const sim = new Simulator(c.topo, [plan]);
        const portOf = (name: string) => c.topo.pops.find((p) => p.name === name)!.portId;
        const fwd = sim.trace({ src: c.src, dst: c.dst });
        expect(fwd.disposition, fwd.reason).toBe('DELIVERED');
        expect(popPorts(c.topo, fwd)).toEqual(c.chain.map(portOf));
        const rev = sim.trace({ src: c.dst, dst: c.src });
        expect(rev.disposition, rev.reason).toBe('DELIVERED');
        expect(popPorts(c.topo, rev)).toEqual([...c.chain].reverse().map(portOf));
        delivered++;
      }),
      { numRuns: 300, seed: 20240601 },
    );
    // Guard against a generator that only produces refused plans.
    expect(delivered).toBeGreaterThan(runs / 2);
  });

  it('services sharing ports keep to their own chains', () => {
    const arb = fc.record({
      c: caseArb,
      services: fc.array(
        fc.record({ src: fc.nat(), dst: fc.nat(), chain: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
        { minLength: 2, maxLength: 4 },
      ),
    });
    let checked = 0;
    fc.assert(
      fc.property(arb, ({ c, services }) => {
        const segments = c.topo.segments.filter((s) => s.prefix !== '0.0.0.0/0');
        const pops = c.topo.pops;
        if (segments.length < 2) return;
        // Distinct /32 hosts per service, so no two services' matches overlap.
        const list = services.map((x, i) => {
          const src = segments[x.src % segments.length]!.prefix.replace('.0/24', `.${10 + i}/32`);
          const dstSeg = segments.filter((s) => !src.startsWith(s.prefix.slice(0, -4)));
          const dst = dstSeg[x.dst % dstSeg.length]!.prefix.replace('.0/24', `.${100 + i}/32`);
          const chain = x.chain.map((n) => pops[n % pops.length]!.name).filter((p, k, all) => k === 0 || all[k - 1] !== p);
          return service(`svc${i}`, src, dst, chain, { attributes: { vlans: c.vlans } });
        });
        const { plans } = new Planner(c.topo).planAll(list, emptyAllocations(), { lint: false });
        const ok = plans.filter((p) => planErrors(p).length === 0);
        const sim = new Simulator(c.topo, ok);
        const portOf = (name: string) => c.topo.pops.find((p) => p.name === name)!.portId;
        for (const plan of ok) {
          const svc = list.find((x) => x.id === plan.serviceId)!;
          const fwd = sim.trace({ src: svc.inSegment!, dst: svc.outSegment! });
          expect(fwd.disposition, fwd.reason).toBe('DELIVERED');
          expect(popPorts(c.topo, fwd)).toEqual(svc.chain.map(portOf));
          expect(fwd.hops.every((h) => h.ruleServiceId === undefined || h.ruleServiceId === svc.id)).toBe(true);
          const rev = sim.trace({ src: svc.outSegment!, dst: svc.inSegment! });
          expect(rev.disposition, rev.reason).toBe('DELIVERED');
          expect(popPorts(c.topo, rev)).toEqual([...svc.chain].reverse().map(portOf));
          checked++;
        }
      }),
      { numRuns: 150, seed: 7 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
