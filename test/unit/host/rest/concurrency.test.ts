import { describe, expect, it } from 'vitest';
import { startLabController } from '../../../../electron/host/lab';
import { memoryLogger } from '../../../helpers/quiet-logger';
import { runRestLoad } from './load-driver';
import { fixture, services, startRest } from './rest-fixture';

describe('REST API under concurrent requests', () => {
  it('never loses a service nor hands out a filter index or VLAN twice (plan-only, about 50 requests)', async () => {
    const result = await runRestLoad({ scale: 0.25, push: { mode: 'plan-only' }, logger: memoryLogger() });
    expect(result.failures).toEqual([]);
    expect(result.requests).toBeGreaterThanOrEqual(45);
    expect(result.lostServices).toBe(0);
    expect(result.duplicateAllocations).toBe(0);
    expect(result.vlansAllocated).toBeGreaterThan(0);
    // How long it takes is a bench metric (rest_load_plan_only_seconds in bench/rest-load.bench.ts).
  }, 30_000);

  it('keeps allocations unique while pushing concurrently to a lab ODL VTN controller (about 30 requests)', async () => {
    const lab = await startLabController({ kind: 'odl-vtn' });
    try {
      const push = { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' }, label: 'lab', provision: true } as const;
      const result = await runRestLoad({ scale: 0.15, push, logger: memoryLogger() });
      expect(result.failures).toEqual([]);
      expect(result.lostServices).toBe(0);
      expect(result.duplicateAllocations).toBe(0);
      // Reads of objects not there yet answer 404 (per-object read-back); every write succeeded.
      expect(lab.requests().filter((r) => r.status >= 300 && !(r.method === 'GET' && r.status === 404))).toEqual([]);
      expect(lab.requests().filter((r) => r.path.endsWith('set-flow-filter')).length).toBeGreaterThan(0);
    } finally {
      await lab.close();
    }
  }, 30_000);

  it('queues requests behind a running model change instead of interleaving with it', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const h = await startRest({ fakePush: 'ok' });
    const original = h.pushCalls.push.bind(h.pushCalls);
    h.pushCalls.push = (...items) => {
      order.push(`push ${JSON.stringify((items[0]!.req as { serviceIds: string[] }).serviceIds)}`);
      return original(...items);
    };
    const demi = (fixture('demi-flows.json')['POST /api/v1/flows'] as { request: Record<string, unknown> }).request;
    // A long task (think: a push to a slow controller) holds the queue while two requests arrive.
    const slow = h.api.queue.run(() => gate);
    const a = h.call('POST', '/api/v1/flows', { ...demi, instance_id: 'a' });
    const b = h.call('POST', '/api/v1/flows', { ...demi, instance_id: 'b' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await services(h)).toEqual([]);
    expect(h.api.queue.depth).toBe(3);
    release();
    await slow;
    expect((await a).status).toBe(200);
    expect((await b).status).toBe(200);
    expect(order).toEqual(['push ["a"]', 'push ["b"]']);
  });
});
