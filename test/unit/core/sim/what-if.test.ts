import { describe, expect, it } from 'vitest';
import { emptyAllocations, Planner } from '../../../../core/plan';
import { whatIf } from '../../../../core/sim';
import { service, topology } from '../plan/build';

describe('whatIf', () => {
  const topo = topology({
    bridges: {
      b1: { user: '10.0.1.0/24', pa: 'pop:A', pc: 'pop:C', up1: '0.0.0.0/0' },
      b2: { pb: 'pop:B', client: '10.0.9.0/24', up2: '0.0.0.0/0' },
    },
  });
  const services = [
    service('via-a', '10.0.1.0/25', '10.0.9.0/24', ['A', 'B']),
    service('via-c', '10.0.1.128/25', '10.0.9.0/24', ['C', 'B']),
  ];
  const { plans } = new Planner(topo).planAll(services, emptyAllocations());

  it('reports only the services a down PoP affects, both directions', () => {
    expect(whatIf(topo, services, plans, ['pop-A'])).toEqual([
      { serviceId: 'via-a', direction: 'forward', disposition: 'DROPPED', reason: expect.stringMatching(/PoP 'A' is down/) },
      { serviceId: 'via-a', direction: 'reverse', disposition: 'DROPPED', reason: expect.stringMatching(/PoP 'A' is down/) },
    ]);
  });

  it('reports every service through a down bridge', () => {
    const hit = whatIf(topo, services, plans, ['b2']);
    expect(hit.map((h) => `${h.serviceId}/${h.direction}/${h.disposition}`)).toEqual([
      'via-a/forward/REDIRECT_TO_MISSING_PORT',
      'via-a/reverse/REDIRECT_TO_MISSING_PORT',
      'via-c/forward/REDIRECT_TO_MISSING_PORT',
      'via-c/reverse/REDIRECT_TO_MISSING_PORT',
    ]);
  });

  it('reports nothing for an element no service uses', () => {
    expect(whatIf(topo, services, plans, ['nothing-here'])).toEqual([]);
  });
});
