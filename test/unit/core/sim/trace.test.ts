import { describe, expect, it } from 'vitest';
import type { PlanDto, RuleDto, TopologyDto } from '../../../../core/contract/dto';
import { emptyAllocations, Planner } from '../../../../core/plan';
import { Simulator, trace } from '../../../../core/sim';
import type { TraceResult } from '../../../../core/sim';
import { example1, example2, service, svc1, topology } from '../plan/build';

/** Ports the packet was redirected to that carry a PoP, in order. */
function popVisits(topo: TopologyDto, result: TraceResult): string[] {
  const popPorts = new Set(topo.pops.map((p) => p.portId));
  return result.hops.filter((h) => h.action === 'redirect' && popPorts.has(h.portId)).map((h) => h.portId);
}

function planOf(topo: TopologyDto, ...services: Parameters<Planner['plan']>[0][]): PlanDto[] {
  return [...new Planner(topo).planAll(services, emptyAllocations()).plans];
}

describe('trace of planned services', () => {
  it('delivers worked example 1 forward and reverse through the PoPs in chain order', () => {
    const topo = example1();
    const plans = planOf(topo, svc1);
    const fwd = trace(topo, plans, { src: '10.0.1.10', dst: '10.0.9.20' });
    expect(fwd).toMatchObject({ disposition: 'DELIVERED', egressPortId: 'if-client' });
    expect(popVisits(topo, fwd)).toEqual(['if-popA', 'if-popB']);
    expect(fwd.hops.map((h) => `${h.action}:${h.portId}`)).toEqual([
      'enter:if-user',
      'redirect:if-popA',
      'enter:if-popA',
      'redirect:if-popB',
      'enter:if-popB',
      'redirect:if-client',
      'deliver:if-client',
    ]);
    expect(fwd.hops[1]).toMatchObject({ ruleServiceId: 'svc1', filterIndex: plans[0]!.forward.rules[0]!.filterIndex });
    const rev = trace(topo, plans, { src: '10.0.9.20', dst: '10.0.1.10/32' });
    expect(rev).toMatchObject({ disposition: 'DELIVERED', egressPortId: 'if-user' });
    expect(popVisits(topo, rev)).toEqual(['if-popB', 'if-popA']);
  });

  it('delivers worked example 2 across the WAN in both directions', () => {
    const topo = example2();
    const plans = planOf(topo, svc1);
    const fwd = trace(topo, plans, { src: '10.0.1.10', dst: '10.0.9.20' });
    expect(fwd.disposition).toBe('DELIVERED');
    expect(fwd.hops.map((h) => `${h.action}:${h.portId}`)).toEqual([
      'enter:if-user',
      'redirect:if-popA',
      'enter:if-popA',
      'redirect:if-exit1',
      'enter:if-exit2',
      'redirect:if-popB',
      'enter:if-popB',
      'redirect:if-client',
      'deliver:if-client',
    ]);
    const rev = trace(topo, plans, { src: '10.0.9.20', dst: '10.0.1.10' });
    expect(rev).toMatchObject({ disposition: 'DELIVERED', egressPortId: 'if-user' });
    expect(popVisits(topo, rev)).toEqual(['if-popB', 'if-popA']);
  });

  it('takes a prefix as its first address', () => {
    const topo = example2();
    const plans = planOf(topo, service('w', '10.0.1.0/24', '10.0.9.0/24', ['vimA', 'vimB']));
    expect(popVisits(topo, trace(topo, plans, { src: '10.0.1.0/24', dst: '10.0.9.0/24' }))).toEqual(['if-popA', 'if-popB']);
  });

  it('forwards traffic no filter matches straight to its destination', () => {
    const topo = example2();
    // A bridge does not send a packet back out of the port it came in on.
    const same = trace(topo, [], { src: '10.0.1.10', dst: '10.0.1.99' });
    expect(same).toMatchObject({ disposition: 'DROPPED', egressPortId: null });
    const across = trace(topo, planOf(topo, svc1), { src: '10.0.1.11', dst: '10.0.9.20' });
    expect(across).toMatchObject({ disposition: 'DELIVERED', egressPortId: 'if-client' });
    expect(across.hops.map((h) => `${h.action}:${h.portId}`)).toEqual([
      'enter:if-user',
      'forward:if-exit1',
      'enter:if-exit2',
      'deliver:if-client',
    ]);
  });

  it('follows links through a transit bridge', () => {
    const topo = topology({
      bridges: {
        b1: { user: '10.0.1.0/24', pa: 'pop:A', l12: {} },
        b2: { l21: {}, l23: {} },
        b3: { l32: {}, pb: 'pop:B', client: '10.0.9.0/24' },
      },
      links: [
        ['l12', 'l21'],
        ['l23', 'l32'],
      ],
    });
    const plans = planOf(topo, service('s', '10.0.1.0/24', '10.0.9.0/24', ['A', 'B']));
    const fwd = trace(topo, plans, { src: '10.0.1.7', dst: '10.0.9.7' });
    expect(fwd.disposition).toBe('DELIVERED');
    expect(fwd.hops.filter((h) => h.action === 'enter').map((h) => h.portId)).toEqual(['user', 'pa', 'l21', 'l32', 'pb']);
    const rev = trace(topo, plans, { src: '10.0.9.7', dst: '10.0.1.7' });
    expect(popVisits(topo, rev)).toEqual(['pb', 'pa']);
  });

  it('traces IPv6 and default-route sources', () => {
    const topo = topology({
      bridges: {
        b1: { u: '2001:db8:1::/48', pa: 'pop:A', up1: '::/0' },
        b2: { pb: 'pop:B', c: '2001:db8:9::/48', up2: '::/0' },
      },
    });
    const plans = planOf(topo, service('v6', '2001:db8:1::/48', '2001:db8:9::/48', ['A', 'B']), service('ext', '::/0', '2001:db8:9::/48', ['B']));
    const v6 = trace(topo, plans, { src: '2001:db8:1::5', dst: '2001:db8:9::5' });
    expect(v6.disposition).toBe('DELIVERED');
    expect(popVisits(topo, v6)).toEqual(['pa', 'pb']);
    const outside = trace(topo, plans, { src: '2001:db8:77::1', dst: '2001:db8:9::5' });
    expect(outside.disposition).toBe('DELIVERED');
    expect(outside.hops[0]).toMatchObject({ action: 'enter', portId: 'up2' });
    expect(popVisits(topo, outside)).toEqual(['pb']);
    const back = trace(topo, plans, { src: '2001:db8:9::5', dst: '2001:db8:77::1' });
    expect(back).toMatchObject({ disposition: 'DELIVERED', egressPortId: 'up2' });
  });

  it('tells repeated PoP visits apart by VLAN', () => {
    const topo = topology({
      bridges: { b: { ce: '10.0.1.0/24', p1: { pop: 'n1', pool: [400, 420] }, p2: { pop: 'n2', pool: [400, 420] }, pe: '10.0.9.0/24' } },
    });
    const plans = planOf(topo, service('r', '10.0.1.0/24', '10.0.9.0/24', ['n1', 'n2', 'n1']));
    const fwd = trace(topo, plans, { src: '10.0.1.1', dst: '10.0.9.1' });
    expect(fwd.disposition).toBe('DELIVERED');
    expect(popVisits(topo, fwd)).toEqual(['p1', 'p2', 'p1']);
    expect(popVisits(topo, trace(topo, plans, { src: '10.0.9.1', dst: '10.0.1.1' }))).toEqual(['p1', 'p2', 'p1']);
  });
});

describe('dispositions', () => {
  const topo = example2();
  const plans = planOf(topo, svc1);

  it('NO_MATCHING_SEGMENT when an address falls in no segment', () => {
    const bare = topology({ bridges: { b: { s: '10.0.1.0/24', d: '10.0.9.0/24' } } });
    expect(trace(bare, [], { src: '192.0.2.1', dst: '10.0.9.1' })).toMatchObject({ disposition: 'NO_MATCHING_SEGMENT', egressPortId: null });
    expect(trace(bare, [], { src: '10.0.1.1', dst: '192.0.2.1' }).disposition).toBe('NO_MATCHING_SEGMENT');
  });

  it('REDIRECT_TO_MISSING_PORT when a rule points at a port that no longer exists', () => {
    const shrunk = { ...topo, ports: topo.ports.filter((p) => p.id !== 'if-popA'), pops: topo.pops.filter((p) => p.portId !== 'if-popA') };
    const r = trace(shrunk, plans, { src: '10.0.1.10', dst: '10.0.9.20' });
    expect(r.disposition).toBe('REDIRECT_TO_MISSING_PORT');
    expect(r.reason).toMatch(/if-popA/);
    expect(r.hops.at(-1)).toMatchObject({ action: 'drop', portId: 'if-user' });
  });

  it('REDIRECT_TO_MISSING_PORT when a port or a bridge is down', () => {
    expect(trace(topo, plans, { src: '10.0.1.10', dst: '10.0.9.20' }, { down: ['if-popB'] }).disposition).toBe('REDIRECT_TO_MISSING_PORT');
    expect(trace(topo, plans, { src: '10.0.1.10', dst: '10.0.9.20' }, { down: ['vbr2'] }).disposition).toBe('REDIRECT_TO_MISSING_PORT');
  });

  it('LOOP after more than 100 redirections', () => {
    const rule = (seq: number, inPortId: string, outPortId: string): RuleDto => ({
      serviceId: 'bad',
      direction: 'forward',
      seq,
      bridgeId: 'vbr1',
      inPortId,
      outPortId,
      match: { src: '10.0.1.0/24', dst: '10.0.9.0/24' },
      condition: 'bad_F',
      filterIndex: 1,
      vlan: null,
    });
    // Two PoPs handing the packet to each other: every return matches the other's filter again.
    const pingPong: PlanDto = {
      serviceId: 'bad',
      forward: { direction: 'forward', src: '10.0.1.0/24', dst: '10.0.9.0/24', condition: 'bad_F', hops: [], rules: [rule(0, 'if-user', 'if-popA'), rule(1, 'if-popA', 'if-popX'), rule(2, 'if-popX', 'if-popA')] },
      reverse: { direction: 'reverse', src: '10.0.9.0/24', dst: '10.0.1.0/24', condition: 'bad_R', hops: [], rules: [] },
      diagnostics: [],
    };
    const loopy = topology({ bridges: { vbr1: { 'if-user': '10.0.1.0/24', 'if-popA': 'pop:A', 'if-popX': 'pop:X', out: '10.0.9.0/24' } } });
    const r = trace(loopy, [pingPong], { src: '10.0.1.1', dst: '10.0.9.1' });
    expect(r.disposition).toBe('LOOP');
    expect(r.hops.filter((h) => h.action === 'redirect')).toHaveLength(100);
  });

  it('DROPPED when a PoP or a link is down', () => {
    const pop = trace(topo, plans, { src: '10.0.1.10', dst: '10.0.9.20' }, { down: ['pop-vimA'] });
    expect(pop).toMatchObject({ disposition: 'DROPPED', egressPortId: null });
    expect(pop.reason).toMatch(/vimA/);
    const linked = topology({
      bridges: { b1: { s: '10.0.1.0/24', pa: 'pop:A', l1: {} }, b2: { l2: {}, d: '10.0.9.0/24' } },
      links: [['l1', 'l2']],
    });
    const lp = planOf(linked, service('s', '10.0.1.0/24', '10.0.9.0/24', ['A']));
    expect(trace(linked, lp, { src: '10.0.1.1', dst: '10.0.9.1' }).disposition).toBe('DELIVERED');
    expect(trace(linked, lp, { src: '10.0.1.1', dst: '10.0.9.1' }, { down: ['link-1'] }).disposition).toBe('DROPPED');
  });

  it('rejects packets that are not addresses', () => {
    expect(() => trace(topo, plans, { src: 'nope', dst: '10.0.9.20' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => trace(topo, plans, { src: '10.0.1.1', dst: '::1' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('a Simulator traces many packets over the same plans', () => {
    const sim = new Simulator(topo, plans);
    expect(sim.trace({ src: '10.0.1.10', dst: '10.0.9.20' }).disposition).toBe('DELIVERED');
    expect(sim.trace({ src: '10.0.9.20', dst: '10.0.1.10' }).disposition).toBe('DELIVERED');
  });
});
