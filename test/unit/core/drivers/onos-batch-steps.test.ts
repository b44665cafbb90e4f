import { describe, expect, it } from 'vitest';
import { diffObjects } from '../../../../core/drivers/diff';
import type { DesiredObject, LiveObject } from '../../../../core/drivers/driver';
import { onosBatchSteps } from '../../../../core/drivers/onos/batch';

const APP = 'org.wicm.t';

/** A flow of service `s` on device `dev`, at `rank` of its chain (0 = ingress). */
function flow(s: string, dev: number, rank: number, direction = 'forward'): DesiredObject {
  const deviceId = `of:${dev.toString(16).padStart(16, '0')}`;
  const id = `flow:${deviceId}/t0/p40000/${s}-${direction}-${rank}`;
  return {
    id,
    serviceId: s,
    kind: 'flow',
    summary: id,
    content: { id },
    after: [],
    chain: { key: `${s}/${direction}`, rank },
    create: { method: 'POST', path: `/onos/v1/flows/${deviceId}?appId=${APP}`, body: { deviceId, priority: 40000, match: id } },
  };
}

function liveOf(d: DesiredObject, handle: string): LiveObject {
  return { ...d, handle, restore: d.create, remove: { method: 'DELETE', path: `/onos/v1/flows/x/${handle}` } };
}

/** Three services, both directions, three hops each: 18 flows. */
const flows = ['s1', 's2', 's3'].flatMap((s) => ['forward', 'reverse'].flatMap((dir) => [0, 1, 2].map((rank) => flow(s, rank + 1, rank, dir))));

describe('ONOS batch steps', () => {
  it('sends each chain depth of every service in one request, the last hops first, each batch after the one it waits for', () => {
    const steps = onosBatchSteps(diffObjects(flows, [], new Map(), 'all'), 500, APP);
    expect(steps.map((s) => [s.seq, s.members?.length, s.dependsOn])).toEqual([
      [1, 6, []],
      [2, 6, [1]],
      [3, 6, [2]],
    ]);
    // The first batch holds the last hop (rank 2) of every chain: ingress flows go out last.
    expect(steps[0]!.members!.map((m) => m.desired?.chain?.rank)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(steps[2]!.members!.map((m) => m.desired?.chain?.rank)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(steps[0]!.request).toEqual({ method: 'POST', path: `/onos/v1/flows?appId=${APP}`, body: { flows: steps[0]!.members!.map((m) => m.request.body) } });
    expect(steps[0]!.summary).toBe('6 flows of 3 service(s) in one request: 6 on of:0000000000000003');
    expect(steps[0]!.serviceId).toBe('*');
  });

  it('cuts a depth into requests of at most the limit, each waiting only for the batches holding the hops its flows wait for', () => {
    const steps = onosBatchSteps(diffObjects(flows, [], new Map(), 'all'), 4, APP);
    expect(steps.map((s) => s.members?.length ?? 1)).toEqual([4, 2, 4, 2, 4, 2]);
    expect(steps.map((s) => s.dependsOn)).toEqual([[], [], [1], [2], [3], [4]]);
  });

  it('leaves a lone step as it was and deletes in batches of flow ids, ingress first', () => {
    const one = onosBatchSteps(diffObjects([flows[0]!], [], new Map(), 'all'), 500, APP);
    expect(one).toHaveLength(1);
    expect(one[0]!.members).toBeUndefined();
    expect(one[0]!.request.path).toBe(`/onos/v1/flows/of:0000000000000001?appId=${APP}`);

    const s1 = flows.filter((f) => f.serviceId === 's1');
    const live = s1.map((f, i) => liveOf(f, String(1000 + i)));
    const owned = new Map(s1.map((f) => [f.id, { serviceId: 's1', kind: 'flow' as const, summary: f.summary, content: f.content, chain: f.chain! }]));
    const deletes = onosBatchSteps(diffObjects([], live, owned, new Set(['s1'])), 500, APP);
    expect(deletes.map((s) => [s.action, s.members?.length, s.dependsOn])).toEqual([
      ['delete', 2, []],
      ['delete', 2, [1]],
      ['delete', 2, [2]],
    ]);
    expect(deletes[0]!.members!.map((m) => m.live[0]?.chain?.rank)).toEqual([0, 0]);
    expect(deletes[0]!.request).toEqual({ method: 'DELETE', path: '/onos/v1/flows', body: { flows: [{ deviceId: 'of:0000000000000001', flowId: '1000' }, { deviceId: 'of:0000000000000001', flowId: '1003' }] } });
  });

  it('never batches a step with a conflict: the dry run names that flow on its own', () => {
    const [a, b] = [flow('s1', 1, 0), flow('s2', 1, 0)];
    const foreign = liveOf({ ...a!, content: { other: true } }, '7');
    const steps = onosBatchSteps(diffObjects([a!, b!], [foreign], new Map(), 'all'), 500, APP);
    // In the order the diff gave them (same depth): the conflicting update first.
    expect(steps.map((s) => [s.action, s.members?.length, s.conflict !== undefined])).toEqual([
      ['update', undefined, true],
      ['create', undefined, false],
    ]);
  });
});
