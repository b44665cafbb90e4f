import { describe, expect, it } from 'vitest';
import type { PlanDto } from '../../../../core/contract/dto';
import { assertPlanOk, emptyAllocations, lintPlans, Planner, planErrors } from '../../../../core/plan';
import { example1, example2, service, svc1, topology } from './build';

function errorsOf(plan: PlanDto) {
  return planErrors(plan).map((d) => ({ code: d.code, elementId: d.elementId, pointer: d.pointer }));
}

describe('planning errors', () => {
  const planner = new Planner(example2());

  it('names an unknown PoP with a did-you-mean, and holds nothing', () => {
    const { plan, allocations } = planner.plan(service('s', '10.0.1.0/24', '10.0.9.0/24', ['vimA', 'vimC', 'vimb']), emptyAllocations());
    expect(errorsOf(plan)).toEqual([{ code: 'UNKNOWN_POP', elementId: 's', pointer: '/chain/1' }]);
    expect(planErrors(plan)[0]!.message).toMatch(/'vimC'.*did you mean 'vim[AB]'/);
    expect(plan.forward.rules).toEqual([]);
    expect(plan.reverse.rules).toEqual([]);
    expect(allocations).toEqual(emptyAllocations());
  });

  it('offers no suggestion for a name far from every PoP', () => {
    const { plan } = planner.plan(service('s', '10.0.1.0/24', '10.0.9.0/24', ['openstack-frankfurt']), emptyAllocations());
    expect(planErrors(plan)[0]!.message).not.toMatch(/did you mean/);
  });

  it('reports a segment that matches nothing when the bridge has no uplink', () => {
    const noUplink = topology({ bridges: { b: { s: '10.0.1.0/24', p: 'pop:P', d: '10.0.9.0/24' } } });
    const { plan } = new Planner(noUplink).plan(service('s', '192.0.2.1', '10.0.9.0/24', ['P']), emptyAllocations());
    // Once as the forward source, once as the reverse destination.
    expect(errorsOf(plan)).toEqual([
      { code: 'UNREACHABLE_SEGMENT', elementId: 'b', pointer: '/inSegment' },
      { code: 'UNREACHABLE_SEGMENT', elementId: 'b', pointer: '/inSegment' },
    ]);
    expect(planErrors(plan)[0]!.message).toMatch(/^forward: 192\.0\.2\.1\/32 matches no segment and bridge 'b'/);
  });

  it('reports the bridge that needs an uplink to cross the WAN', () => {
    const t = topology({
      bridges: { b1: { s: '10.0.1.0/24', pa: 'pop:A', up: '0.0.0.0/0' }, b2: { pb: 'pop:B', d: '10.0.9.0/24' } },
    });
    const { plan } = new Planner(t).plan(service('s', '10.0.1.0/24', '10.0.9.0/24', ['A', 'B']), emptyAllocations());
    expect(errorsOf(plan)).toEqual([
      { code: 'MISSING_UPLINK', elementId: 'b2', pointer: undefined },
      { code: 'MISSING_UPLINK', elementId: 'b2', pointer: undefined },
    ]);
  });

  it('refuses a redirect back out of the port traffic came in on', () => {
    const t = topology({ bridges: { b: { pa: { pop: 'A', segments: ['10.0.1.0/24'] }, d: '10.0.9.0/24' } } });
    const { plan } = new Planner(t).plan(service('s', '10.0.1.0/24', '10.0.9.0/24', ['A']), emptyAllocations());
    expect(errorsOf(plan)).toContainEqual({ code: 'SELF_REDIRECT', elementId: 'pa', pointer: undefined });
  });

  it('merges a PoP listed twice in a row instead of redirecting a port to itself', () => {
    const { plan } = planner.plan(service('s', '10.0.1.0/24', '10.0.9.0/24', ['vimA', 'vima', 'vimB']), emptyAllocations());
    expect(planErrors(plan)).toEqual([]);
    expect(plan.forward.rules.every((r) => r.inPortId !== r.outPortId)).toBe(true);
    expect(plan.forward.hops.filter((h) => h.kind === 'pop').map((h) => h.portId)).toEqual(['if-popA', 'if-popB']);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'POPS_MERGED', severity: 'info' }));
  });

  it('detects a loop when a chain returns to a PoP port without VLANs', () => {
    const { plan } = new Planner(example1()).plan(service('s', '10.0.1.0/24', '10.0.9.0/24', ['vimA', 'vimB', 'vimA']), emptyAllocations());
    expect(errorsOf(plan)).toContainEqual({ code: 'LOOP', elementId: 'if-popA', pointer: undefined });
    expect(planErrors(plan)[0]!.hint).toMatch(/VLAN/);
  });

  it('refuses a path needing more than 100 redirections', () => {
    const chain = Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? 'vimA' : 'vimB'));
    const { plan } = new Planner(example1()).plan(
      service('s', '10.0.1.0/24', '10.0.9.0/24', chain, { attributes: { vlans: true } }),
      emptyAllocations(),
    );
    expect(errorsOf(plan)).toContainEqual({ code: 'REDIRECT_LIMIT', elementId: 's', pointer: '/chain' });
  });

  it('reports missing segments, bad prefixes, family mixes and empty chains', () => {
    const cases: [Parameters<typeof service>, string, string][] = [
      [['s', null, '10.0.9.0/24', ['vimA']], 'MISSING_SEGMENT', '/inSegment'],
      [['s', '10.0.1.0/33', '10.0.9.0/24', ['vimA']], 'INVALID_PREFIX', '/inSegment'],
      [['s', '10.0.1.0/24', '2001:db8::/32', ['vimA']], 'FAMILY_MISMATCH', '/outSegment'],
      [['s', '10.0.1.0/24', '10.0.9.0/24', []], 'EMPTY_CHAIN', '/chain'],
    ];
    for (const [args, code, pointer] of cases) {
      const { plan } = planner.plan(service(...args), emptyAllocations());
      expect(errorsOf(plan)).toEqual([{ code, elementId: 's', pointer }]);
    }
  });

  it('keeps the allocations a service held when a re-plan fails', () => {
    const ok = planner.plan(svc1, emptyAllocations());
    const broken = planner.plan({ ...svc1, chain: ['vimZ'] }, ok.allocations);
    expect(broken.allocations).toEqual(ok.allocations);
  });

  it('assertPlanOk turns errors into a CoreError with the diagnostics', () => {
    const { plan } = planner.plan(service('s', '10.0.1.0/24', '10.0.9.0/24', ['nope']), emptyAllocations());
    expect(() => assertPlanOk(plan)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', details: expect.objectContaining({ serviceId: 's' }) }),
    );
    const good = planner.plan(svc1, emptyAllocations()).plan;
    expect(assertPlanOk(good)).toBe(good);
  });
});

describe('lint', () => {
  it('flags two services filtering overlapping traffic on a shared port', () => {
    const planner = new Planner(example2());
    const wide = service('wide', '10.0.1.0/24', '10.0.9.0/24', ['vimA', 'vimB']);
    const { lint } = planner.planAll([svc1, wide], emptyAllocations());
    const overlaps = lint.filter((d) => d.code === 'OVERLAPPING_CONDITIONS');
    // Every port both paths filter: 4 forward in-ports and 4 reverse in-ports.
    expect(overlaps.map((d) => d.elementId).sort()).toEqual(
      ['if-user', 'if-popA', 'if-exit2', 'if-popB', 'if-client', 'if-popB', 'if-exit1', 'if-popA'].sort(),
    );
    expect(overlaps[0]!.message).toMatch(/'svc1'.*'wide'|'wide'.*'svc1'/);
  });

  it('does not flag disjoint services', () => {
    const planner = new Planner(example2());
    const other = service('other', '10.0.1.128/25', '10.0.9.0/24', ['vimA', 'vimB']);
    const mine = service('mine', '10.0.1.0/25', '10.0.9.0/24', ['vimA', 'vimB']);
    expect(planner.planAll([mine, other], emptyAllocations()).lint).toEqual([]);
  });

  it('flags a reverse path that is not the mirror of the forward one', () => {
    const t = topology({
      bridges: { b: { s: '10.0.1.0/24', a: 'pop:A', b: 'pop:B', d: '10.0.9.0/24' } },
    });
    const planned = new Planner(t).plan(service('x', '10.0.1.0/24', '10.0.9.0/24', ['A', 'B'], { reverseChain: ['A', 'B'] }), emptyAllocations());
    // The plan is stale: the service has since dropped its explicit reverse chain.
    const now = service('x', '10.0.1.0/24', '10.0.9.0/24', ['A', 'B']);
    expect(lintPlans(t, [planned.plan], [now])).toEqual([
      expect.objectContaining({ code: 'ASYMMETRIC_PATH', elementId: 'x', pointer: '/reverseChain' }),
    ]);
    expect(lintPlans(t, [planned.plan], [{ ...now, reverseChain: ['A', 'B'] }])).toEqual([]);
  });

  it('flags each bridge without uplink that services need, once', () => {
    const t = topology({
      bridges: {
        b1: { s: '10.0.1.0/24', pa: 'pop:A', up: '0.0.0.0/0' },
        b2: { pb: 'pop:B', d: '10.0.9.0/24' },
      },
    });
    const services = [
      service('one', '10.0.1.0/24', '10.0.9.0/24', ['A', 'B']),
      service('two', '10.0.1.0/24', '10.0.9.0/24', ['B']),
    ];
    const { lint } = new Planner(t).planAll(services, emptyAllocations());
    expect(lint).toEqual([
      expect.objectContaining({ code: 'MISSING_UPLINK', severity: 'error', elementId: 'b2', message: expect.stringMatching(/'one', 'two'/) }),
    ]);
  });

  it('flags a PoP visited twice in a row', () => {
    const s = service('s', '10.0.1.0/24', '10.0.9.0/24', ['vimA', 'VIMA', 'vimB']);
    const { lint } = new Planner(example2()).planAll([s], emptyAllocations());
    expect(lint).toEqual([expect.objectContaining({ code: 'POP_REPEATED', elementId: 's', pointer: '/chain/1' })]);
  });
});
