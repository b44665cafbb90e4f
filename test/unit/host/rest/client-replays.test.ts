import { afterEach, describe, expect, it } from 'vitest';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import type { PushConfig } from '../../../../electron/host/rest';
import { fixture, fixtureText, services, startRest, type RestHarness } from './rest-fixture';
import { basic, rawRequest, type RawRequest } from './raw-http';

/**
 * Each client's requests replayed as its source puts them on the wire (method, path, headers,
 * Content-Type or its absence, body bytes), from docs/reference/orchestrator-clients.md, against
 * the REST router on the HTTP transport pushing to a lab ODL VTN.
 */

const TOKEN = 'replay-token-0123456789abcdef';
const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

async function withLab(options: { token?: string; remote?: boolean } = {}): Promise<{ h: RestHarness; lab: LabController }> {
  const lab = await startLabController({ kind: 'odl-vtn' });
  labs.push(lab);
  const push: PushConfig = { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' }, label: 'lab', provision: true };
  const h = await startRest({
    push,
    ...(options.token ? { token: options.token } : {}),
    ...(options.remote ? { bindHost: '0.0.0.0', remotePeer: '203.0.113.10' } : {}),
  });
  return { h, lab };
}

/** Flow conditions on the lab VTN. */
function conditions(lab: LabController): string[] {
  const state = lab.state() as { 'vtn-flow-conditions'?: { 'vtn-flow-condition'?: { name: string }[] } };
  return (state['vtn-flow-conditions']?.['vtn-flow-condition'] ?? []).map((c) => c.name);
}

/** Python requests 2.x defaults, plus `Content-Type: application/json` for `json=`. */
const PYTHON_REQUESTS = { 'User-Agent': 'python-requests/2.18.4', 'Accept-Encoding': 'gzip, deflate', Accept: '*/*', Connection: 'keep-alive' };
const send = (h: RestHarness, req: RawRequest) => rawRequest(h.base, req);

describe('replay: demi-wicm clients (Python requests scripts, curl)', () => {
  it('creates, re-applies, reads and deletes a flow as demi-wicm answers, on the lab VTN', async () => {
    const { h, lab } = await withLab();
    // order as strings, as hand-built scripts send it
    const flow = { instance_id: 'a1b2c3d4', in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: '0' }, { port: 'pop-patras', order: '1' }] };
    const post: RawRequest = { method: 'POST', path: '/api/v1/flows', headers: { ...PYTHON_REQUESTS, 'Content-Type': 'application/json' }, body: JSON.stringify(flow) };
    const created = await send(h, post);
    expect(created.status).toBe(200);
    expect(created.body[1]).toBe(200);
    expect(created.body[0].flow.data).toEqual(flow);
    expect(conditions(lab)).toHaveLength(2);
    const again = await send(h, post);
    expect(again.status).toBe(200);
    expect(conditions(lab)).toHaveLength(2);
    const events = await send(h, { method: 'GET', path: '/api/v1/nfvo/init', headers: PYTHON_REQUESTS });
    expect(events.body.events.map((e: { data: { instance_id: string } }) => e.data.instance_id)).toEqual(['a1b2c3d4']);
    const one = await send(h, { method: 'GET', path: '/api/v1/flows/a1b2c3d4', headers: PYTHON_REQUESTS });
    expect(one.body.data.vims).toEqual([{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }]);
    const del = await send(h, { method: 'DELETE', path: '/api/v1/flows/a1b2c3d4', headers: PYTHON_REQUESTS });
    expect(del.status).toBe(200);
    expect(del.body).toBe('Resource was deleted');
    expect(conditions(lab)).toEqual([]);
  });

  it('curl -X PUT -d sets the source and target (form Content-Type, read as JSON as demi-wicm forces it)', async () => {
    const { h } = await withLab();
    const curl = { 'User-Agent': 'curl/7.52.1', Accept: '*/*', 'Content-Type': 'application/x-www-form-urlencoded' };
    const source = await send(h, { method: 'PUT', path: '/api/v1/source', headers: curl, body: '{"source": "192.168.20.0/24"}' });
    expect(source.status).toBe(200);
    expect(source.body).toBe('Source user posted');
    const target = await send(h, { method: 'PUT', path: '/api/v1/target', headers: { 'User-Agent': 'curl/7.52.1', Accept: '*/*' }, body: '{"target": "10.20.0.0/24"}' });
    expect(target.body).toBe('Target user posted');
    expect((await send(h, { method: 'GET', path: '/api/v1/source', headers: PYTHON_REQUESTS })).body).toEqual({ source: '192.168.20.0/24' });
    // POST /flows reads request.json in demi-wicm: without a JSON type it fails there with an HTML 500; here a JSON 415.
    const flow = await send(h, { method: 'POST', path: '/api/v1/flows', headers: curl, body: '{"instance_id":"x"}' });
    expect(flow.status).toBe(415);
    expect(flow.headers['content-type']).toMatch(/^application\/json/);
    expect(flow.body.message).toMatch(/Content-Type: application\/json/);
  });
});

/** The body Open Baton's RestEventSender builds: string concatenation around Gson, sent as ISO-8859-1. */
function openBatonBody(action: string, payload: unknown): Buffer {
  const gson = JSON.stringify(payload).replace(/[<>&=']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(`{"action":"${action}","payload":${gson}}`, 'latin1');
}

const OPEN_BATON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json',
  Connection: 'Keep-Alive',
  'User-Agent': 'Apache-HttpClient/4.5.3 (Java/1.8.0_151)',
  'Accept-Encoding': 'gzip,deflate',
};

describe('replay: Open Baton REST event endpoint', () => {
  const instantiate = fixture<{ payload: Record<string, unknown> }>('openbaton-nsr-instantiate.json');
  const release = fixture<{ payload: Record<string, unknown> }>('openbaton-nsr-release.json');
  const payload = { ...instantiate.payload, name: 'chaîne <fw & dpi>' };

  it('INSTANTIATE_FINISH to …/nfvo/init?token= (ISO-8859-1, Gson escapes) realises the NSR; RELEASE_RESOURCES_FINISH removes it', async () => {
    const { h, lab } = await withLab({ token: TOKEN });
    const init = await send(h, { method: 'POST', path: `/api/v1/nfvo/init?token=${TOKEN}`, headers: OPEN_BATON_HEADERS, body: openBatonBody('INSTANTIATE_FINISH', payload) });
    expect(init.status).toBe(200);
    expect(init.body[1]).toBe(200);
    expect(conditions(lab)).toHaveLength(2);
    const [svc] = await services(h);
    expect(JSON.stringify(svc)).not.toContain('\ufffd');
    // A repeated event (the NFVO retries on NoHttpResponseException) changes nothing.
    expect((await send(h, { method: 'POST', path: `/api/v1/nfvo/init?token=${TOKEN}`, headers: OPEN_BATON_HEADERS, body: openBatonBody('INSTANTIATE_FINISH', payload) })).status).toBe(200);
    const log = await send(h, { method: 'GET', path: `/api/v1/nfvo/delete?token=${TOKEN}`, headers: { accept: 'application/json' } });
    expect(log.body.events).toHaveLength(2);
    expect(log.body.events[0].payload.name).toBe('chaîne <fw & dpi>');
    const del = await send(h, { method: 'POST', path: `/api/v1/nfvo/delete?token=${TOKEN}`, headers: OPEN_BATON_HEADERS, body: openBatonBody('RELEASE_RESOURCES_FINISH', release.payload) });
    expect(del.status).toBe(200);
    expect(conditions(lab)).toEqual([]);
    expect(await services(h)).toEqual([]);
  });

  it('with http://wicm:TOKEN@host:port/… it sends nothing, gets the Basic challenge, and replays the POST with credentials', async () => {
    const { h, lab } = await withLab({ token: TOKEN, remote: true });
    const request: RawRequest = { method: 'POST', path: '/api/v1/nfvo/init', headers: OPEN_BATON_HEADERS, body: openBatonBody('INSTANTIATE_FINISH', payload) };
    const first = await send(h, request);
    expect(first.status).toBe(401);
    expect(first.headers['www-authenticate']).toMatch(/^Basic realm="WICM"/);
    expect(conditions(lab)).toEqual([]);
    const replay = await send(h, { ...request, headers: { ...OPEN_BATON_HEADERS, Authorization: basic('wicm', TOKEN) } });
    expect(replay.status).toBe(200);
    expect(conditions(lab)).toHaveLength(2);
  });
});

describe('replay: TeNOR (ns-provisioning, rest-client 2.x) → T-NOVA API', () => {
  const tnova = fixture('tnova-service.json') as Record<string, { request?: unknown; requests?: unknown[] }>;
  const REST_CLIENT = { Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate', 'User-Agent': 'rest-client/2.0.2 (linux-gnu x86_64) ruby/2.4.1p111' };

  it('allocates from a wicm_ip with userinfo and a trailing slash (a looping chain: 422, nothing kept), activates, deletes', async () => {
    const { h, lab } = await withLab({ token: TOKEN, remote: true });
    // The operator registered the NAP and the NFVI-PoPs (T-NOVA's own API).
    const auth = { Authorization: basic('wicm', TOKEN) };
    expect((await send(h, { method: 'POST', path: '/nap', headers: { ...REST_CLIENT, ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(tnova['POST /nap']!.request) })).status).toBe(201);
    for (const nfvi of tnova['POST /nfvi']!.requests!) {
      expect((await send(h, { method: 'POST', path: '/nfvi', headers: { ...REST_CLIENT, ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(nfvi) })).status).toBe(201);
    }
    // UI proxy: GET <wicm_ip>/nfvi? to offer wicm_id values.
    const nfvis = await send(h, { method: 'GET', path: '//nfvi?', headers: { ...REST_CLIENT, ...auth } });
    expect(nfvis.body.nfvis.map((n: { mkt_id: string }) => n.mkt_id)).toEqual(expect.arrayContaining(['pop-athens', 'pop-patras']));
    const nsr = '5a1b2c3d4e5f60718293a4b5';
    const request = (pops: string[]): RawRequest => ({
      method: 'POST',
      path: '//vnf-connectivity',
      headers: { ...REST_CLIENT, ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ service: { ns_instance_id: nsr, client_mkt_id: 'c1', nap_mkt_id: 'c1_nap1', ce_pe: pops, pe_ce: pops } }),
    });
    // TeNOR sends every PoP in the same order both ways; on the sample WAN two PoPs that way make the
    // return path loop through vbr1: a JSON 422 (TeNOR: "Error with the WICM module."), nothing kept.
    const looping = await send(h, request(['nfvi1', 'nfvi2']));
    expect(looping.status).toBe(422);
    expect(looping.body).toMatchObject({ code: 'PLAN_FAILED' });
    expect(await services(h)).toEqual([]);
    // wicm_ip = http://wicm:TOKEN@host:port/ → rest-client sends Basic up front and '//vnf-connectivity'.
    const post = await send(h, request(['nfvi1']));
    expect(post.status, post.text).toBeGreaterThanOrEqual(200);
    expect(post.status, post.text).toBeLessThanOrEqual(207);
    for (const key of ['ce_pe', 'pe_ce']) {
      const hop = post.body.allocated[key].find((x: { nfvi_id: string }) => x.nfvi_id === 'nfvi1');
      expect(hop?.transport, key).toMatchObject({ type: 'vlan', vlan_id: expect.any(Number) });
    }
    // Activation: a PUT per PoP with wicm_ip, empty body, Content-Length 0; a repeat is only logged by TeNOR.
    const put: RawRequest = { method: 'PUT', path: `//vnf-connectivity/${nsr}`, headers: { ...REST_CLIENT, ...auth, 'Content-Type': 'application/json', 'Content-Length': '0' } };
    expect((await send(h, put)).status).toBe(201);
    const second = await send(h, put);
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(conditions(lab).length).toBeGreaterThan(0);
    const del = await send(h, { method: 'DELETE', path: `//vnf-connectivity/${nsr}`, headers: { 'Accept-Encoding': 'gzip, deflate', Accept: '*/*', 'User-Agent': REST_CLIENT['User-Agent'], ...auth } });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ deleted: { ns_instance_id: nsr } });
    expect(conditions(lab)).toEqual([]);
  });
});

describe('replay: Katana slice manager', () => {
  const JSON_REQUESTS = { ...PYTHON_REQUESTS, 'Content-Type': 'application/json' };

  it('2019 odl-wim plugin: POST url+/api/addvim (VIM with password), then POST url+/api/sm with wim_data', async () => {
    const { h, lab } = await withLab({ token: TOKEN, remote: true });
    const auth = { Authorization: basic('katana', TOKEN) };
    const vim = { id: 'edge-athens', name: 'athens-openstack', location: 'edge-athens', type: 'openstack', auth_url: 'http://10.0.0.5:5000/v3', username: 'admin', password: 's3cret', admin_project_name: 'admin', _id: 'c0ffee00-0000-4000-8000-000000000001', created_at: 1561000000.5 };
    const added = await send(h, { method: 'POST', path: '/api/addvim', headers: { ...JSON_REQUESTS, ...auth }, body: JSON.stringify(vim) });
    expect(added.status).toBe(200);
    expect(added.body.pop).toBe('pop-athens');
    expect(added.text).not.toContain('s3cret');
    const listed = await send(h, { method: 'GET', path: '/api/katana/vims', headers: { ...PYTHON_REQUESTS, ...auth } });
    expect(listed.body.vims).toEqual([{ id: 'edge-athens', name: 'athens-openstack', location: 'edge-athens', type: 'openstack' }]);
    const sm = await send(h, { method: 'POST', path: '/api/sm', headers: { ...JSON_REQUESTS, ...auth }, body: fixtureText('katana-wim-data-v2.2.json') });
    expect(sm.status).toBe(201);
    expect(sm.body.status).toBe('Running');
    expect(conditions(lab).length).toBeGreaterThan(0);
  });

  it('current test-wim: POST to the configured url as is (…/api/katana/slices?token=), terminate relayed as the wan-slice message', async () => {
    const { h, lab } = await withLab({ token: TOKEN, remote: true });
    const doc = fixture<{ _id: string }>('katana-wim-data.json');
    const created = await send(h, { method: 'POST', path: `/api/katana/slices?token=${TOKEN}`, headers: JSON_REQUESTS, body: JSON.stringify(doc) });
    expect(created.status).toBe(201);
    expect(conditions(lab).length).toBeGreaterThan(0);
    const gone = await send(h, { method: 'POST', path: `/api/katana/messages?token=${TOKEN}`, headers: JSON_REQUESTS, body: JSON.stringify({ action: 'terminate', data: doc._id }) });
    expect(gone.status).toBe(200);
    expect(gone.body.status).toBe('Terminated');
    expect(conditions(lab)).toEqual([]);
  });
});
