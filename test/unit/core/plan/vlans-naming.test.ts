import { describe, expect, it } from 'vitest';
import { isVnodeName } from '../../../../core/model';
import { conditionName, emptyAllocations, Planner, planErrors, releaseService } from '../../../../core/plan';
import { example2, service, svc1, topology } from './build';

describe('T-NOVA VLAN allocation', () => {
  const pooled = topology({
    bridges: {
      b: {
        ce: '10.0.1.0/24',
        p1: { pop: 'nfvi1', pool: [400, 402] },
        p2: { pop: 'nfvi2', pool: [600, 700] },
        pe: '10.0.9.0/24',
      },
    },
  });
  const planner = new Planner(pooled);
  const tnova = (id: string) => service(id, `10.0.1.${id.length}/32`, '10.0.9.0/24', ['nfvi1', 'nfvi2']);

  it('tags each PoP visit with the lowest free tag of its port pool, forward before reverse', () => {
    const { plan, allocations } = planner.plan(tnova('a'), emptyAllocations());
    expect(plan.forward.rules.map((r) => [r.outPortId, r.vlan])).toEqual([
      ['p1', 400],
      ['p2', 600],
      ['pe', null],
    ]);
    expect(plan.reverse.rules.map((r) => [r.outPortId, r.vlan])).toEqual([
      ['p2', 601],
      ['p1', 401],
      ['ce', null],
    ]);
    expect(allocations.vlans).toEqual([
      { portId: 'p1', tag: 400, serviceId: 'a', direction: 'forward', popId: 'pop-nfvi1' },
      { portId: 'p2', tag: 600, serviceId: 'a', direction: 'forward', popId: 'pop-nfvi2' },
      { portId: 'p2', tag: 601, serviceId: 'a', direction: 'reverse', popId: 'pop-nfvi2' },
      { portId: 'p1', tag: 401, serviceId: 'a', direction: 'reverse', popId: 'pop-nfvi1' },
    ]);
  });

  it('fails clearly when a pool is exhausted, and the tags come back on release', () => {
    const a = planner.plan(tnova('a'), emptyAllocations());
    const b = planner.plan(tnova('bb'), a.allocations);
    expect(planErrors(b.plan)).toEqual([
      expect.objectContaining({ code: 'VLAN_EXHAUSTED', elementId: 'p1', message: expect.stringContaining('400–402') }),
    ]);
    expect(b.plan.forward.rules).toEqual([]);
    expect(b.allocations).toEqual(a.allocations);
    const c = planner.plan(tnova('bb'), releaseService(a.allocations, 'a'));
    expect(planErrors(c.plan)).toEqual([]);
    expect(c.plan.forward.rules[0]!.vlan).toBe(400);
  });

  it('keeps a service’s tags on re-plan', () => {
    const a = planner.plan(tnova('a'), emptyAllocations());
    const again = planner.plan(tnova('a'), a.allocations);
    expect(again.allocations.vlans).toEqual(a.allocations.vlans);
  });

  it('uses 400–500 for a service asking for VLANs on a port without a pool', () => {
    const { plan } = new Planner(example2()).plan({ ...svc1, attributes: { vlans: true } }, emptyAllocations());
    expect(plan.forward.rules.map((r) => r.vlan)).toEqual([400, null, 400, null]);
    expect(plan.reverse.rules.map((r) => r.vlan)).toEqual([401, null, 401, null]);
  });

  it('gives each visit of a repeated PoP its own tag, which lets the chain revisit it', () => {
    const wider = topology({
      bridges: { b: { ce: '10.0.1.0/24', p1: { pop: 'nfvi1', pool: [400, 410] }, p2: { pop: 'nfvi2', pool: [600, 700] }, pe: '10.0.9.0/24' } },
    });
    const { plan } = new Planner(wider).plan(service('r', '10.0.1.0/24', '10.0.9.0/24', ['nfvi1', 'nfvi2', 'nfvi1']), emptyAllocations());
    expect(planErrors(plan)).toEqual([]);
    expect(plan.forward.rules.map((r) => [r.inPortId, r.outPortId, r.vlan])).toEqual([
      ['ce', 'p1', 400],
      ['p1', 'p2', 600],
      ['p2', 'p1', 401],
      ['p1', 'pe', null],
    ]);
  });
});

describe('condition names', () => {
  it('are VTN vnode-names of at most 31 characters, whatever the service id', () => {
    for (const id of ['svc1', 'x'.repeat(200), '9f1c2d7e-4b1a-4c55-8e0e-2f1d9c3b7a10', '--weird id/ü--', '']) {
      for (const d of ['forward', 'reverse'] as const) {
        const name = conditionName(id, d);
        expect(isVnodeName(name)).toBe(true);
        expect(name.length).toBeLessThanOrEqual(31);
      }
    }
  });

  it('are deterministic and differ for ids sharing a long prefix', () => {
    const a = 'network-service-record-0001-alpha';
    const b = 'network-service-record-0001-beta';
    expect(conditionName(a, 'forward')).toBe(conditionName(a, 'forward'));
    expect(conditionName(a, 'forward')).not.toBe(conditionName(b, 'forward'));
    expect(conditionName(a, 'forward')).not.toBe(conditionName(a, 'reverse'));
  });

  it('move to the next deterministic candidate when the name is already taken', () => {
    const planner = new Planner(example2());
    const alone = planner.plan(svc1, emptyAllocations()).plan.forward.condition;
    const taken = { ...emptyAllocations(), conditions: [{ name: alone, serviceId: 'other', direction: 'forward' as const }] };
    const { plan, allocations } = planner.plan(svc1, taken);
    expect(plan.forward.condition).not.toBe(alone);
    expect(plan.forward.condition).toBe(conditionName('svc1', 'forward', 1));
    expect(isVnodeName(plan.forward.condition)).toBe(true);
    expect(allocations.conditions.filter((c) => c.name === alone)).toEqual([{ name: alone, serviceId: 'other', direction: 'forward' }]);
  });
});

describe('allocation data', () => {
  it('rejects an index held by two services', () => {
    const bad = {
      ...emptyAllocations(),
      filterIndices: [
        { portId: 'if-user', index: 1, serviceId: 'a', direction: 'forward' as const },
        { portId: 'if-user', index: 1, serviceId: 'b', direction: 'forward' as const },
      ],
    };
    expect(() => new Planner(example2()).plan(svc1, bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('skips indices held by services outside the plan', () => {
    const held = {
      ...emptyAllocations(),
      filterIndices: [1, 2, 3].map((index) => ({ portId: 'if-user', index, serviceId: 'legacy', direction: 'forward' as const })),
    };
    const { plan } = new Planner(example2()).plan(svc1, held);
    expect(plan.forward.rules[0]).toMatchObject({ inPortId: 'if-user', filterIndex: 4 });
  });
});
