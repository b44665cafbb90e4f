import { describe, expect, it } from 'vitest';
import { fixture, fixtureText, services, startRest } from './rest-fixture';

const demi = fixture('demi-flows.json');
const flowBody = (demi['POST /api/v1/flows'] as { request: Record<string, unknown> }).request;
const instantiate = fixtureText('openbaton-nsr-instantiate.json');
const release = fixtureText('openbaton-nsr-release.json');
const NSR = '7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13';

describe('demi-wicm API: flows', () => {
  it('creates a flow with demi-wicm\'s 200 and [{flow:{data}}, 200] body, planned and pushed', async () => {
    const h = await startRest({ fakePush: 'ok' });
    const res = await h.call('POST', '/api/v1/flows', flowBody);
    expect(res.status).toBe(200);
    expect(res.body[0].flow.data).toEqual(flowBody);
    expect(res.body[1]).toBe(200);
    expect(res.body[0].wicm).toMatchObject({ serviceId: '596k92', state: 'pushed' });
    expect(res.body[0].wicm.conditions).toHaveLength(2);
    expect(h.pushCalls).toEqual([{ method: 'push.apply', req: expect.objectContaining({ serviceIds: ['596k92'] }) }]);
    const [svc] = await services(h);
    expect(svc).toMatchObject({ id: '596k92', state: 'pushed', chain: ['pop-athens', 'pop-patras'] });
  });

  it('changes the model through the engine, so connected UIs get its change events', async () => {
    const h = await startRest();
    const events: { name: string; payload: unknown }[] = [];
    h.host.onEvent((e) => events.push(e));
    await h.call('POST', '/api/v1/flows', flowBody);
    const origins = events.filter((e) => e.name === 'topology.didChange').map((e) => (e.payload as { origin: string }).origin);
    expect(origins).toContain('import POST /api/v1/flows');
    await h.call('DELETE', '/api/v1/flows/596k92');
    expect(events.filter((e) => e.name === 'topology.didChange').length).toBeGreaterThan(origins.length);
  });

  it('lists and reads flows in demi-wicm\'s stored shape', async () => {
    const h = await startRest();
    await h.call('POST', '/api/v1/flows', flowBody);
    const list = await h.call('GET', '/api/v1/flows');
    expect(list.status).toBe(200);
    expect(list.body.flows).toEqual([
      {
        data: { instance_id: '596k92', in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] },
        state: 'planned',
      },
    ]);
    const one = await h.call('GET', '/api/v1/flows/596k92');
    expect(one.body.data.instance_id).toBe('596k92');
    const missing = await h.call('GET', '/api/v1/flows/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Resource not found', error: { code: 'NOT_FOUND', message: 'Resource not found' } });
  });

  it('re-applies a repeated POST (200, as demi-wicm) and answers 400 with a pointer for a bad body', async () => {
    const h = await startRest();
    expect((await h.call('POST', '/api/v1/flows', flowBody)).status).toBe(200);
    const again = await h.call('POST', '/api/v1/flows', flowBody);
    expect(again.status).toBe(200);
    expect(again.body[0].wicm).toMatchObject({ serviceId: '596k92', reapplied: true });
    const noId = await h.call('POST', '/api/v1/flows', { in_seg: '10.0.0.0/8' });
    expect(noId.status).toBe(400);
    expect(noId.body.error.pointer).toBe('/instance_id');
    const unknownPop = await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'x1', vims: [{ port: 'pop-nowhere', order: 0 }] });
    expect(unknownPop.status).toBe(400);
    expect(unknownPop.body.error.pointer).toBe('/vims/0/port');
    expect(unknownPop.body.message).toMatch(/pop-nowhere/);
    const badSegment = await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'x2', in_seg: 'not-a-prefix' });
    expect(badSegment.status).toBe(400);
    expect(badSegment.body.error.pointer).toBe('/in_seg');
    const array = await h.call('POST', '/api/v1/flows', [1, 2]);
    expect(array.status).toBe(400);
    expect((await services(h)).map((s) => s.id)).toEqual(['596k92']);
  });

  it('answers 422 and keeps nothing when the flow cannot be planned on the WAN', async () => {
    const h = await startRest();
    // A → B → A enters PoP A's port twice with one match: without VLANs that loops, so the planner refuses it.
    const res = await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: 'loop', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }, { port: 'pop-athens', order: 2 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PLAN_FAILED');
    expect(res.body.diagnostics.length).toBeGreaterThan(0);
    expect(await services(h)).toEqual([]);
  });

  it('deletes a pushed flow by tearing it down first; unknown → 404', async () => {
    const h = await startRest({ fakePush: 'ok' });
    await h.call('POST', '/api/v1/flows', flowBody);
    const del = await h.call('DELETE', '/api/v1/flows/596k92');
    expect(del.status).toBe(200);
    expect(del.body).toBe('Resource was deleted');
    expect(h.pushCalls.map((c) => c.method)).toEqual(['push.apply', 'push.teardown']);
    expect(await services(h)).toEqual([]);
    expect((await h.call('DELETE', '/api/v1/flows/596k92')).status).toBe(404);
  });

  it('answers 502 and keeps nothing when the controller refuses; 502 DRIVER_UNAVAILABLE when it is unreachable', async () => {
    let mode: 'refuse' | 'unreachable' = 'refuse';
    const h = await startRest({ fakePush: () => mode });
    const refused = await h.call('POST', '/api/v1/flows', flowBody);
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('PUSH_FAILED');
    expect(refused.body.push).toMatchObject({ ok: false, undone: 1 });
    expect(await services(h)).toEqual([]);
    mode = 'unreachable';
    const down = await h.call('POST', '/api/v1/flows', flowBody);
    expect(down.status).toBe(502);
    expect(down.body.error.code).toBe('DRIVER_UNAVAILABLE');
    expect(await services(h)).toEqual([]);
  });

  it('keeps a pushed flow when the controller refuses its teardown (502)', async () => {
    let mode: 'ok' | 'refuse' = 'ok';
    const h = await startRest({ fakePush: () => mode });
    await h.call('POST', '/api/v1/flows', flowBody);
    mode = 'refuse';
    const del = await h.call('DELETE', '/api/v1/flows/596k92');
    expect(del.status).toBe(502);
    expect(del.body.message).toMatch(/kept/);
    expect((await services(h)).map((s) => s.state)).toEqual(['pushed']);
  });

  it('answers 503 saying what to configure when no controller is set, changing nothing', async () => {
    const h = await startRest({ push: { mode: 'none' } });
    const res = await h.call('POST', '/api/v1/flows', flowBody);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('CONTROLLER_NOT_CONFIGURED');
    expect(res.body.message).toMatch(/--controller .*--lab-controller/);
    expect(await services(h)).toEqual([]);
  });
});

describe('demi-wicm API: Open Baton events', () => {
  it('realises an INSTANTIATE_FINISH event (200, as demi-wicm), and a repeated event is a 200 no-op', async () => {
    const h = await startRest({ fakePush: 'ok' });
    const first = await h.call('POST', '/api/v1/nfvo/init', instantiate);
    expect(first.status).toBe(200);
    expect(first.body[1]).toBe(200);
    expect(first.body[0].flow[0].data).toEqual({ instance_id: NSR, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', 'VIM list': ['pop-patras', 'pop-athens'] });
    const again = await h.call('POST', '/api/v1/nfvo/init', instantiate);
    expect(again.status).toBe(200);
    expect(again.body[0].wicm.unchanged).toBe(true);
    expect(h.pushCalls).toHaveLength(1);
    const flows = (await h.call('GET', '/api/v1/flows')).body.flows;
    expect(flows).toHaveLength(1);
    expect((await h.call('GET', '/api/v1/flows/7c1e4a90')).body.data.instance_id).toBe(NSR);
  });

  it('releases with RELEASE_RESOURCES_FINISH; a second release is a 200 no-op', async () => {
    const h = await startRest({ fakePush: 'ok' });
    await h.call('POST', '/api/v1/nfvo/init', instantiate);
    const first = await h.call('POST', '/api/v1/nfvo/delete', release);
    expect(first.status).toBe(200);
    expect(first.body).toBe('Resource was deleted');
    expect(await services(h)).toEqual([]);
    const second = await h.call('POST', '/api/v1/nfvo/delete', release);
    expect(second.status).toBe(200);
    expect(second.body).toBe('Resource was already deleted');
    expect(h.pushCalls.map((c) => c.method)).toEqual(['push.apply', 'push.teardown']);
  });

  it('sends events to the right endpoint (400 otherwise)', async () => {
    const h = await startRest();
    const wrong = await h.call('POST', '/api/v1/nfvo/init', release);
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/\/api\/v1\/nfvo\/delete/);
    const wrong2 = await h.call('POST', '/api/v1/nfvo/delete', instantiate);
    expect(wrong2.status).toBe(400);
    expect(wrong2.body.message).toMatch(/\/api\/v1\/nfvo\/init/);
  });
});

describe('demi-wicm API: default segments', () => {
  it('reads and sets the source and target segments', async () => {
    const h = await startRest();
    expect((await h.call('GET', '/api/v1/source')).body).toEqual({ source: '192.168.10.0/24' });
    const put = await h.call('PUT', '/api/v1/target', { target: '10.30.0.0/24' });
    expect(put.status).toBe(200);
    expect(put.body).toBe('Target user posted');
    expect((await h.call('GET', '/api/v1/target')).body).toEqual({ target: '10.30.0.0/24' });
    const topology = await h.rpc<{ topology: { defaults: unknown } }>('topology.get');
    expect(topology.topology.defaults).toEqual({ sourceSegment: '192.168.10.0/24', targetSegment: '10.30.0.0/24' });
    const bad = await h.call('PUT', '/api/v1/source', { source: 'nonsense' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.pointer).toBe('/source');
    const missing = await h.call('PUT', '/api/v1/source', { target: '10.0.0.0/8' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.pointer).toBe('/source');
  });
});

describe('demi-wicm API: bodies as demi-wicm reads them, errors always JSON', () => {
  it('reads the NFVO and segment bodies whatever the Content-Type; /flows still needs JSON (415, JSON body)', async () => {
    const h = await startRest({ fakePush: 'ok' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const headers = type === '' ? { 'Content-Type': '' } : { 'Content-Type': type };
      expect((await h.call('PUT', '/api/v1/source', '{"source":"192.168.10.0/24"}', headers)).status, type).toBe(200);
    }
    expect((await h.call('POST', '/api/v1/nfvo/init', instantiate, { 'Content-Type': 'text/plain' })).status).toBe(200);
    expect((await h.call('POST', '/api/v1/nfvo/delete', release, { 'Content-Type': 'text/plain' })).status).toBe(200);
    const flow = await h.call('POST', '/api/v1/flows', JSON.stringify(flowBody), { 'Content-Type': 'text/plain' });
    expect(flow.status).toBe(415);
    expect(flow.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers broken JSON, a missing key and bytes that are not UTF-8 with JSON errors saying what to fix', async () => {
    const h = await startRest();
    const broken = await h.call('POST', '/api/v1/nfvo/init', '{"action": ', { 'Content-Type': 'text/plain' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('PARSE_FAILED');
    const latin1 = Buffer.from('{"instance_id":"caf\u00e9"}', 'latin1');
    const res = await fetch(`${h.base}/api/v1/flows`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: latin1 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/not UTF-8 text \(byte 19/);
    const declared = await fetch(`${h.base}/api/v1/flows`, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=ISO-8859-1' }, body: latin1 });
    // Read as ISO-8859-1, the body is a flow without vims: a 400 about that, not about the bytes.
    expect(((await declared.json()) as { message: string }).message).not.toMatch(/UTF-8/);
  });

  it('GET /nfvo/init lists the flows and GET /nfvo/delete the raw events, under "events" as demi-wicm does', async () => {
    const h = await startRest({ fakePush: 'ok' });
    expect((await h.call('GET', '/api/v1/nfvo/init')).body).toEqual({ events: [] });
    await h.call('POST', '/api/v1/flows', flowBody);
    await h.call('POST', '/api/v1/nfvo/init', instantiate);
    await h.call('POST', '/api/v1/nfvo/delete', release);
    const flows = (await h.call('GET', '/api/v1/nfvo/init')).body.events;
    expect(flows.map((f: { data: { instance_id: string } }) => f.data.instance_id)).toEqual(['596k92']);
    const log = (await h.call('GET', '/api/v1/nfvo/delete')).body;
    expect(log.events).toEqual([JSON.parse(instantiate), JSON.parse(release)]);
    expect(log.wicm).toEqual({ kept: 2, dropped: 0, limit: 100 });
  });
});
