import { describe, expect, it } from 'vitest';
import { isVnodeName } from '../../../../core/model';
import { emptyAllocations, Planner, planErrors, releaseService } from '../../../../core/plan';
import { example1, example2, hops, service, svc1, topology } from './build';

describe('worked example 1 (one bridge)', () => {
  const { plan, allocations } = new Planner(example1()).plan(svc1, emptyAllocations());

  it('redirects forward user → PoP A → PoP B → client', () => {
    expect(plan.diagnostics).toEqual([]);
    expect(hops(plan, 'forward')).toEqual([
      ['vbr1', 'if-user', 'if-popA'],
      ['vbr1', 'if-popA', 'if-popB'],
      ['vbr1', 'if-popB', 'if-client'],
    ]);
    for (const r of plan.forward.rules) expect(r.match).toEqual({ src: '10.0.1.10/32', dst: '10.0.9.20/32' });
    expect(plan.forward.rules.map((r) => r.seq)).toEqual([0, 1, 2]);
  });

  it('redirects reverse client → PoP B → PoP A → user with swapped match', () => {
    expect(hops(plan, 'reverse')).toEqual([
      ['vbr1', 'if-client', 'if-popB'],
      ['vbr1', 'if-popB', 'if-popA'],
      ['vbr1', 'if-popA', 'if-user'],
    ]);
    for (const r of plan.reverse.rules) expect(r.match).toEqual({ src: '10.0.9.20/32', dst: '10.0.1.10/32' });
    expect(plan.reverse.src).toBe('10.0.9.20/32');
  });

  it('lists the hops with their roles', () => {
    expect(plan.forward.hops.map((h) => [h.kind, h.portId, h.popId])).toEqual([
      ['ingress', 'if-user', null],
      ['pop', 'if-popA', 'pop-vimA'],
      ['pop', 'if-popB', 'pop-vimB'],
      ['egress', 'if-client', null],
    ]);
  });

  it('uses one VTN-safe condition per direction and distinct indices on shared ports', () => {
    expect(plan.forward.condition).not.toBe(plan.reverse.condition);
    expect(isVnodeName(plan.forward.condition)).toBe(true);
    expect(isVnodeName(plan.reverse.condition)).toBe(true);
    for (const r of plan.forward.rules) expect(r.condition).toBe(plan.forward.condition);
    for (const r of plan.reverse.rules) expect(r.condition).toBe(plan.reverse.condition);
    // if-popA carries a forward and a reverse filter: they must not share an index.
    const onPopA = [...plan.forward.rules, ...plan.reverse.rules].filter((r) => r.inPortId === 'if-popA');
    expect(new Set(onPopA.map((r) => r.filterIndex)).size).toBe(2);
    expect(allocations.filterIndices).toHaveLength(6);
    expect(allocations.conditions.map((c) => c.name).sort()).toEqual([plan.forward.condition, plan.reverse.condition].sort());
  });

  it('applies no VLANs without a pool or a request', () => {
    expect([...plan.forward.rules, ...plan.reverse.rules].every((r) => r.vlan === null)).toBe(true);
    expect(allocations.vlans).toEqual([]);
  });
});

describe('worked example 2 (two bridges over the WAN)', () => {
  const { plan } = new Planner(example2()).plan(svc1, emptyAllocations());

  it('forward leaves vbr1 by its uplink and enters vbr2 by its uplink', () => {
    expect(plan.diagnostics).toEqual([]);
    expect(hops(plan, 'forward')).toEqual([
      ['vbr1', 'if-user', 'if-popA'],
      ['vbr1', 'if-popA', 'if-exit1'],
      ['vbr2', 'if-exit2', 'if-popB'],
      ['vbr2', 'if-popB', 'if-client'],
    ]);
    expect(plan.forward.hops.map((h) => `${h.kind}:${h.portId}`)).toEqual([
      'ingress:if-user',
      'pop:if-popA',
      'uplink:if-exit1',
      'uplink:if-exit2',
      'pop:if-popB',
      'egress:if-client',
    ]);
  });

  it('reverse mirrors it', () => {
    expect(hops(plan, 'reverse')).toEqual([
      ['vbr2', 'if-client', 'if-popB'],
      ['vbr2', 'if-popB', 'if-exit2'],
      ['vbr1', 'if-exit1', 'if-popA'],
      ['vbr1', 'if-popA', 'if-user'],
    ]);
  });
});

describe('multi-bridge, IPv6 and default routes', () => {
  const wan = topology({
    bridges: {
      b1: { u1: '10.1.0.0/16', pa: 'pop:A', up1: '0.0.0.0/0', v6u: '2001:db8:1::/48', up1v6: '::/0' },
      b2: { pb: 'pop:B', up2: '0.0.0.0/0', up2v6: '::/0' },
      b3: { pc: 'pop:C', c3: '10.3.0.0/16', up3: '0.0.0.0/0', v6c: '2001:db8:3::/48', up3v6: '::/0' },
    },
  });
  const planner = new Planner(wan);

  it('crosses three bridges through their uplinks', () => {
    const { plan } = planner.plan(service('s', '10.1.2.3', '10.3.4.5', ['A', 'B', 'C']), emptyAllocations());
    expect(hops(plan, 'forward')).toEqual([
      ['b1', 'u1', 'pa'],
      ['b1', 'pa', 'up1'],
      ['b2', 'up2', 'pb'],
      ['b2', 'pb', 'up2'],
      ['b3', 'up3', 'pc'],
      ['b3', 'pc', 'c3'],
    ]);
    expect(plan.forward.src).toBe('10.1.2.3/32');
  });

  it('plans IPv6 services over the IPv6 uplinks', () => {
    const { plan } = planner.plan(service('s6', '2001:db8:1::10', '2001:db8:3::20/128', ['A', 'B', 'C']), emptyAllocations());
    expect(planErrors(plan)).toEqual([]);
    expect(hops(plan, 'forward')).toEqual([
      ['b1', 'v6u', 'pa'],
      ['b1', 'pa', 'up1v6'],
      ['b2', 'up2v6', 'pb'],
      ['b2', 'pb', 'up2v6'],
      ['b3', 'up3v6', 'pc'],
      ['b3', 'pc', 'v6c'],
    ]);
    expect(plan.reverse.rules[0]!.match).toEqual({ src: '2001:db8:3::20/128', dst: '2001:db8:1::10/128' });
  });

  it('enters through the first PoP bridge uplink when the source matches only 0.0.0.0/0', () => {
    const { plan } = planner.plan(service('d', '198.51.100.7/32', '10.3.0.0/16', ['B', 'C']), emptyAllocations());
    expect(hops(plan, 'forward')).toEqual([
      ['b2', 'up2', 'pb'],
      ['b2', 'pb', 'up2'],
      ['b3', 'up3', 'pc'],
      ['b3', 'pc', 'c3'],
    ]);
    expect(plan.forward.hops[0]).toMatchObject({ kind: 'ingress', portId: 'up2' });
    // Reverse: the destination is outside, so it leaves through the uplink of the last bridge.
    expect(hops(plan, 'reverse')).toEqual([
      ['b3', 'c3', 'pc'],
      ['b3', 'pc', 'up3'],
      ['b2', 'up2', 'pb'],
      ['b2', 'pb', 'up2'],
    ]);
    expect(plan.reverse.hops.at(-1)).toMatchObject({ kind: 'egress', portId: 'up2' });
  });

  it('leaves through the last PoP bridge uplink when the destination matches only 0.0.0.0/0', () => {
    const { plan } = planner.plan(service('e', '10.1.0.0/16', '203.0.113.0/24', ['A']), emptyAllocations());
    expect(hops(plan, 'forward')).toEqual([
      ['b1', 'u1', 'pa'],
      ['b1', 'pa', 'up1'],
    ]);
  });

  it('uses the project default segments for a service without segments', () => {
    const withDefaults = { ...wan, defaults: { sourceSegment: '10.1.0.0/16', targetSegment: '10.3.0.0/16' } };
    const { plan } = new Planner(withDefaults).plan(service('n', null, null, ['A', 'C']), emptyAllocations());
    expect(plan.forward.src).toBe('10.1.0.0/16');
    expect(plan.forward.dst).toBe('10.3.0.0/16');
    expect(planErrors(plan)).toEqual([]);
  });

  it('warns about host bits and plans the canonical prefix', () => {
    const { plan } = planner.plan(service('h', '10.1.2.3/16', '10.3.0.0/16', ['A']), emptyAllocations());
    expect(plan.forward.src).toBe('10.1.0.0/16');
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'HOST_BITS_SET', severity: 'warning', pointer: '/inSegment' }));
  });

  it('follows an explicit reverse chain (T-NOVA pe_ce)', () => {
    const { plan } = planner.plan(
      service('x', '10.1.0.0/16', '10.3.0.0/16', ['A', 'C'], { reverseChain: ['B'] }),
      emptyAllocations(),
    );
    expect(plan.reverse.hops.filter((h) => h.kind === 'pop').map((h) => h.popId)).toEqual(['pop-B']);
    expect(hops(plan, 'reverse')).toEqual([
      ['b3', 'c3', 'up3'],
      ['b2', 'up2', 'pb'],
      ['b2', 'pb', 'up2'],
      ['b1', 'up1', 'u1'],
    ]);
  });

  it('finds PoPs by alias, case-insensitively', () => {
    const aliased = topology({
      bridges: { b: { s: '10.0.0.0/24', p: { pop: 'nfvi-1', aliases: ['VIM-Athens'] }, d: '10.0.1.0/24' } },
    });
    const { plan } = new Planner(aliased).plan(service('a', '10.0.0.0/24', '10.0.1.0/24', ['vim-athens']), emptyAllocations());
    expect(hops(plan, 'forward')).toEqual([
      ['b', 's', 'p'],
      ['b', 'p', 'd'],
    ]);
  });
});

describe('explicit links between bridges', () => {
  const linked = topology({
    bridges: {
      b1: { user: '10.0.1.0/24', pa: 'pop:A', l12: {}, up1: '0.0.0.0/0' },
      b2: { l21: {}, l23: {}, up2: '0.0.0.0/0' },
      b3: { l32: {}, pb: 'pop:B', client: '10.0.9.0/24', up3: '0.0.0.0/0' },
      b4: { pd: 'pop:D', up4: '0.0.0.0/0' },
    },
    links: [
      ['l12', 'l21'],
      ['l23', 'l32'],
    ],
  });
  const planner = new Planner(linked);

  it('routes along the shortest link path with redirects on the transit bridge', () => {
    const { plan } = planner.plan(service('s', '10.0.1.5', '10.0.9.5', ['A', 'B']), emptyAllocations());
    expect(hops(plan, 'forward')).toEqual([
      ['b1', 'user', 'pa'],
      ['b1', 'pa', 'l12'],
      ['b2', 'l21', 'l23'],
      ['b3', 'l32', 'pb'],
      ['b3', 'pb', 'client'],
    ]);
    expect(plan.forward.hops.filter((h) => h.kind === 'transit').map((h) => h.portId)).toEqual(['l12', 'l21', 'l23', 'l32']);
    expect(hops(plan, 'reverse')).toEqual([
      ['b3', 'client', 'pb'],
      ['b3', 'pb', 'l32'],
      ['b2', 'l23', 'l21'],
      ['b1', 'l12', 'pa'],
      ['b1', 'pa', 'user'],
    ]);
  });

  it('falls back to the uplinks for a bridge no link reaches', () => {
    const { plan } = planner.plan(service('s', '10.0.1.5', '10.0.9.5', ['A', 'D', 'B']), emptyAllocations());
    expect(hops(plan, 'forward')).toEqual([
      ['b1', 'user', 'pa'],
      ['b1', 'pa', 'up1'],
      ['b4', 'up4', 'pd'],
      ['b4', 'pd', 'up4'],
      ['b3', 'up3', 'pb'],
      ['b3', 'pb', 'client'],
    ]);
  });
});

describe('many services', () => {
  const planner = new Planner(example2());
  const svc2 = service('svc2', '10.0.1.20/32', '10.0.9.30/32', ['vimA', 'vimB']);

  it('gives two services on the same ports distinct filter indices and never overwrites', () => {
    const first = planner.plan(svc1, emptyAllocations());
    const second = planner.plan(svc2, first.allocations);
    const held = new Map<string, string>();
    for (const a of second.allocations.filterIndices) {
      const key = `${a.portId}#${a.index}`;
      expect(held.has(key)).toBe(false);
      held.set(key, a.serviceId);
    }
    const userIndex = (p: typeof first.plan) => p.forward.rules.find((r) => r.inPortId === 'if-user')!.filterIndex;
    expect(userIndex(second.plan)).not.toBe(userIndex(first.plan));
    // svc1 still holds exactly what it was given.
    expect(second.allocations.filterIndices.filter((a) => a.serviceId === 'svc1')).toEqual(first.allocations.filterIndices);
    expect(second.plan.forward.condition).not.toBe(first.plan.forward.condition);
  });

  it('keeps a service’s indices and names when it is planned again', () => {
    const a = planner.plan(svc1, emptyAllocations());
    const b = planner.plan(svc2, a.allocations);
    const again = planner.plan(svc1, b.allocations);
    expect(again.plan).toEqual(a.plan);
    expect(again.allocations.filterIndices).toHaveLength(b.allocations.filterIndices.length);
  });

  it('releases a deleted service’s indices for the next one', () => {
    const a = planner.plan(svc1, emptyAllocations());
    const b = planner.plan(svc2, a.allocations);
    const released = releaseService(b.allocations, 'svc1');
    const c = planner.plan(service('svc3', '10.0.1.40/32', '10.0.9.40/32', ['vimA', 'vimB']), released);
    expect(c.plan.forward.rules.map((r) => r.filterIndex)).toEqual(a.plan.forward.rules.map((r) => r.filterIndex));
  });

  it('planAll plans in order against shared allocations and lints', () => {
    const { plans, allocations, lint } = planner.planAll([svc1, svc2], emptyAllocations());
    expect(plans.map((p) => p.serviceId)).toEqual(['svc1', 'svc2']);
    expect(allocations.conditions).toHaveLength(4);
    expect(new Set(allocations.filterIndices.map((a) => `${a.portId}#${a.index}`)).size).toBe(allocations.filterIndices.length);
    expect(lint).toEqual([]);
  });

  it('leaves other services’ allocations alone in planAll', () => {
    const a = planner.plan(svc1, emptyAllocations());
    const { allocations } = planner.planAll([svc2], a.allocations);
    expect(allocations.filterIndices.filter((x) => x.serviceId === 'svc1')).toEqual(a.allocations.filterIndices);
  });
});


describe('segment resolution warnings', () => {
  it('warns when a segment is declared on two ports and uses the first', () => {
    const t = topology({
      bridges: { b: { s1: '10.0.1.0/24', s2: '10.0.1.0/24', p: 'pop:P', d: '10.0.9.0/24' } },
    });
    const { plan } = new Planner(t).plan(service('s', '10.0.1.5', '10.0.9.0/24', ['P']), emptyAllocations());
    expect(plan.forward.rules[0]!.inPortId).toBe('s1');
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'AMBIGUOUS_SEGMENT', severity: 'warning', pointer: '/inSegment' }));
  });

  it('warns when an address matches no segment at all and the uplink is assumed', () => {
    const t = topology({ bridges: { b: { s: '10.0.1.0/24', p: 'pop:P', up: '0.0.0.0/0' } } });
    const { plan } = new Planner(t).plan(service('s', '10.0.1.0/24', '2001:db8::/32', ['P']), emptyAllocations());
    // Mixed families are refused before any segment is looked at.
    expect(planErrors(plan).map((d) => d.code)).toEqual(['FAMILY_MISMATCH']);
    const v6 = topology({ bridges: { b: { s: '2001:db8:1::/48', p: 'pop:P', up: '0.0.0.0/0' } } });
    const out = new Planner(v6).plan(service('s', '2001:db8:1::/48', '2001:db8:9::/48', ['P']), emptyAllocations());
    expect(planErrors(out.plan)).toEqual([]);
    expect(out.plan.forward.rules.at(-1)!.outPortId).toBe('up');
    expect(out.plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'NO_MATCHING_SEGMENT', elementId: 'up' }));
  });
});

describe('planning against one allocations snapshot', () => {
  it('gives the same answer on every call and never hands out a held index', () => {
    const planner = new Planner(example2());
    const base = planner.plan(svc1, emptyAllocations()).allocations;
    const svc2 = service('svc2', '10.0.1.20/32', '10.0.9.30/32', ['vimA', 'vimB']);
    const first = planner.plan(svc2, base);
    const second = planner.plan(svc2, base);
    const third = planner.plan(svc2, base);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const held = new Set(base.filterIndices.map((a) => `${a.portId}#${a.index}`));
    for (const r of [...first.plan.forward.rules, ...first.plan.reverse.rules]) expect(held.has(`${r.inPortId}#${r.filterIndex}`)).toBe(false);
    // Re-planning a service already in the snapshot keeps what it holds.
    expect(planner.plan(svc1, base).allocations.filterIndices).toEqual(expect.arrayContaining([...base.filterIndices]));
    expect(planner.plan(svc1, base).allocations.filterIndices).toHaveLength(base.filterIndices.length);
  });

  it('planAll can skip the lint', () => {
    const s = service('s', '10.0.1.0/24', '10.0.9.0/24', ['vimA', 'VIMA', 'vimB']);
    expect(new Planner(example2()).planAll([s], emptyAllocations(), { lint: false }).lint).toEqual([]);
  });
});
