import { afterEach, describe, expect, it } from 'vitest';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import type { PushConfig } from '../../../../electron/host/rest';
import { nsrKeys } from '../../../../electron/host/rest/queue';
import { fixture, fixtureText, services, startRest } from './rest-fixture';

/**
 * Open Baton's `/api/v1/nfvo/init` and `/nfvo/delete` are about one NSR, known from the body:
 * they wait only for requests about that NSR, never for an unrelated hung controller write,
 * and block nothing unrelated themselves (issue 15, "head-of-line blocking").
 */

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

const flowBody = (fixture('demi-flows.json')['POST /api/v1/flows'] as { request: Record<string, unknown> }).request;
const instantiate = fixtureText('openbaton-nsr-instantiate.json');
const release = fixtureText('openbaton-nsr-release.json');
const NSR = (JSON.parse(instantiate) as { payload: { id: string } }).payload.id;

async function hungWrite(lab: LabController): Promise<void> {
  while (!lab.requests().some((r) => r.fault === 'hang')) await new Promise((r) => setImmediate(r));
}

async function start() {
  const lab = await startLabController({ kind: 'odl-vtn' });
  labs.push(lab);
  const push: PushConfig = { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin', timeoutMs: 600_000 }, label: 'lab', provision: true };
  const h = await startRest({ push });
  expect((await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'seed' })).status).toBe(200);
  return { lab, h };
}

describe('Open Baton events with one hung controller write', () => {
  it('realises and releases an NSR while an unrelated flow POST still hangs', async () => {
    const { lab, h } = await start();
    lab.setFaults([{ match: { method: 'POST', pathIncludes: 'set-flow-filter' }, nth: 1, action: { kind: 'hang' } }]);
    let slowSettled = false;
    const slow = h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'slow' }).finally(() => (slowSettled = true));
    await hungWrite(lab);

    const init = await h.call('POST', '/api/v1/nfvo/init', instantiate);
    expect(init.status).toBe(200);
    expect((await services(h)).find((s) => s.id === NSR)?.state).toBe('pushed');
    const del = await h.call('POST', '/api/v1/nfvo/delete', release);
    expect(del.status).toBe(200);
    expect(del.body).toBe('Resource was deleted');
    expect(slowSettled).toBe(false);

    await lab.close();
    expect((await slow).status).toBe(502);
    expect((await services(h)).map((s) => s.id)).toEqual(['seed']);
  }, 30_000);

  it('lets an unrelated flow POST through while the NSR push hangs, and keeps the release of that NSR after it', async () => {
    const { lab, h } = await start();
    lab.setFaults([{ match: { method: 'POST', pathIncludes: 'set-flow-filter' }, nth: 1, action: { kind: 'hang' } }]);
    const order: string[] = [];
    const init = h.call('POST', '/api/v1/nfvo/init', instantiate).then((a) => (order.push('init'), a));
    await hungWrite(lab);
    const del = h.call('POST', '/api/v1/nfvo/delete', release).then((a) => (order.push('delete'), a));
    expect((await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'other' })).status).toBe(200);
    expect(order).toEqual([]);
    await lab.close();
    expect((await init).status).toBe(502);
    expect((await del).body).toBe('Resource was already deleted');
    expect(order).toEqual(['init', 'delete']);
  }, 30_000);

  it('keys an event by its NSR id, from an envelope or a bare NSR; a body without one stays a barrier', () => {
    expect(nsrKeys({ action: 'INSTANTIATE_FINISH', payload: { id: 'n1' } })).toEqual(['n1']);
    expect(nsrKeys({ id: 'n2', vnfr: [] })).toEqual(['n2']);
    expect(nsrKeys({ payload: {} })).toBeUndefined();
    expect(nsrKeys([])).toBeUndefined();
  });
});
