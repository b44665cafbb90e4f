import { afterEach, describe, expect, it } from 'vitest';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import type { PushConfig } from '../../../../electron/host/rest';
import { fixture, services, startRest } from './rest-fixture';

/** A hung controller write holds up only its own request (issue 15, "head-of-line blocking"). */

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

const flowBody = (fixture('demi-flows.json')['POST /api/v1/flows'] as { request: Record<string, unknown> }).request;

/** Resolves once the lab holds a hung request (polls its request log: a signal, not a delay). */
async function hungWrite(lab: LabController): Promise<string> {
  for (;;) {
    const hung = lab.requests().find((r) => r.fault === 'hang');
    if (hung) return hung.path;
    await new Promise((r) => setImmediate(r));
  }
}

describe('REST API with one hung controller write', () => {
  it('answers five unrelated POSTs while the hung one still waits, then rolls the hung one back', async () => {
    const lab = await startLabController({ kind: 'odl-vtn' });
    labs.push(lab);
    // A deadline far beyond the test: only the five POSTs finishing can end the wait below.
    const push: PushConfig = { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin', timeoutMs: 600_000 }, label: 'lab', provision: true };
    const h = await startRest({ push });
    expect((await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'seed' })).status).toBe(200);

    lab.setFaults([{ match: { method: 'POST', pathIncludes: 'set-flow-filter' }, nth: 1, action: { kind: 'hang' } }]);
    let slowSettled = false;
    const slow = h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'slow' }).finally(() => (slowSettled = true));
    expect(await hungWrite(lab)).toContain('set-flow-filter');

    const others = await Promise.all(['f1', 'f2', 'f3', 'f4', 'f5'].map((id) => h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: id })));
    expect(others.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(slowSettled).toBe(false);
    const states = Object.fromEntries((await services(h)).map((s) => [s.id, s.state]));
    for (const id of ['seed', 'f1', 'f2', 'f3', 'f4', 'f5']) expect(states[id]).toBe('pushed');

    // Closing the lab ends the hung write: the slow request fails and leaves no service behind.
    await lab.close();
    const answer = await slow;
    expect(answer.status).toBe(502);
    expect((await services(h)).map((s) => s.id)).not.toContain('slow');
  }, 30_000);

  it('keeps requests about the same flow in order: a DELETE waits for the running POST of that flow', async () => {
    const lab = await startLabController({ kind: 'odl-vtn' });
    labs.push(lab);
    const push: PushConfig = { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin', timeoutMs: 600_000 }, label: 'lab', provision: true };
    const h = await startRest({ push });
    expect((await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'seed' })).status).toBe(200);
    lab.setFaults([{ match: { method: 'POST', pathIncludes: 'set-flow-filter' }, nth: 1, action: { kind: 'hang' } }]);
    const order: string[] = [];
    const post = h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'x' }).then((a) => (order.push('post'), a));
    await hungWrite(lab);
    const del = h.call('DELETE', '/api/v1/flows/x').then((a) => (order.push('delete'), a));
    const other = await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'y' });
    expect(other.status).toBe(200);
    expect(order).toEqual([]);
    await lab.close();
    expect((await post).status).toBe(502);
    expect((await del).status).toBe(404);
    expect(order).toEqual(['post', 'delete']);
  }, 30_000);
});
