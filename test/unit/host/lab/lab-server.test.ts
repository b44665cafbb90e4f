import { afterEach, describe, expect, it } from 'vitest';
import { startLabController, type LabControllerOptions, type LabKind } from '../../../../electron/host/lab';
import { RequestLog } from '../../../../electron/host/lab/request-log';
import { basic, restconfError, startHarness, type LabHarness } from './lab-client';

const open: LabHarness[] = [];

async function harness(options: LabControllerOptions): Promise<LabHarness> {
  const h = await startHarness(options);
  open.push(h);
  return h;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const createVtn = (name: string): { input: Record<string, string> } => ({ input: { 'tenant-name': name } });

describe('lab controllers: basic auth', () => {
  it.each<[LabKind, string, string]>([
    ['odl-vtn', '/restconf/operational/vtn:vtns', 'admin:admin'],
    ['onos', '/onos/v1/devices', 'admin:karaf'],
  ])('%s answers 401 without or with wrong credentials, on the API and the admin endpoints', async (kind, path, good) => {
    const h = await harness({ kind });
    const [user = '', password = ''] = good.split(':');
    for (const target of [path, '/__lab/state']) {
      const none = await fetch(`${h.lab.url}${target}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect((await fetch(`${h.lab.url}${target}`, { headers: { authorization: basic(user, 'wrong') } })).status).toBe(401);
      expect((await fetch(`${h.lab.url}${target}`, { headers: { authorization: 'Bearer x' } })).status).toBe(401);
      expect((await fetch(`${h.lab.url}${target}`, { headers: { authorization: basic(user, password) } })).status).toBe(200);
    }
  });

  it('uses the configured credentials', async () => {
    const h = await harness({ kind: 'onos', user: 'onos', password: 'rocks' });
    expect((await fetch(`${h.lab.url}/onos/v1/devices`, { headers: { authorization: basic('admin', 'karaf') } })).status).toBe(401);
    expect((await h.call('GET', '/onos/v1/devices')).status).toBe(200);
  });

  it('binds to 127.0.0.1 on an ephemeral port by default', async () => {
    const h = await harness({ kind: 'odl-vtn' });
    expect(h.lab.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.lab.kind).toBe('odl-vtn');
  });
});

describe('lab controllers: body limit', () => {
  it('answers 413 to a body over 1 MiB and keeps serving', async () => {
    const h = await harness({ kind: 'odl-vtn' });
    const big = JSON.stringify({ input: { 'tenant-name': 'v', description: 'x'.repeat(1024 * 1024 + 10) } });
    expect((await h.call('POST', '/restconf/operations/vtn:update-vtn', big)).status).toBe(413);
    expect((await h.rpc('vtn:update-vtn', { 'tenant-name': 'v' })).status).toBe(200);
  });

  it('honours a configured limit', async () => {
    const h = await harness({ kind: 'onos', bodyLimit: 64 });
    expect((await h.call('POST', '/onos/v1/flows', { flows: [], pad: 'x'.repeat(100) })).status).toBe(413);
  });
});

describe('lab controllers: injected faults', () => {
  it('fails the nth write with a status in the controller envelope, without touching state', async () => {
    const h = await harness({ kind: 'odl-vtn', faults: [{ nth: 2, action: { kind: 'status', status: 500 } }] });
    expect((await h.call('GET', '/restconf/operational/vtn:vtns')).status).toBe(200);
    expect((await h.call('POST', '/restconf/operations/vtn:update-vtn', createVtn('a'))).status).toBe(200);
    const failed = await h.call('POST', '/restconf/operations/vtn:update-vtn', createVtn('b'));
    expect(failed.status).toBe(500);
    expect(restconfError(failed)).toMatchObject({ 'error-tag': 'operation-failed', 'error-app-tag': 'INTERNALERROR' });
    expect((await h.call('POST', '/restconf/operations/vtn:update-vtn', createVtn('c'))).status).toBe(200);
    const names = ((h.lab.state() as { vtns: { vtn: { name: string }[] } }).vtns.vtn).map((t) => t.name);
    expect(names).toEqual(['a', 'c']);
  });

  it('fails every request matching method and path, with a custom body', async () => {
    const h = await harness({
      kind: 'onos',
      faults: [{ match: { method: 'get', pathIncludes: '/devices' }, action: { kind: 'status', status: 503, body: { code: 503, message: 'down' } } }],
    });
    for (let i = 0; i < 2; i += 1) {
      const answer = await h.call('GET', '/onos/v1/devices');
      expect([answer.status, answer.json]).toEqual([503, { code: 503, message: 'down' }]);
    }
    expect((await h.call('GET', '/onos/v1/links')).status).toBe(200);
  });

  it('hangs a request past the client timeout', async () => {
    const h = await harness({ kind: 'onos', faults: [{ match: { pathIncludes: '/hosts' }, action: { kind: 'hang' } }] });
    await expect(h.call('GET', '/onos/v1/hosts', undefined, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect((await h.call('GET', '/onos/v1/devices')).status).toBe(200);
    expect(h.lab.requests().find((r) => r.path === '/onos/v1/hosts')).toMatchObject({ status: 0, fault: 'hang' });
  });

  it('releases hung requests when the server closes', async () => {
    const lab = await startLabController({ kind: 'odl-vtn', faults: [{ action: { kind: 'hang' } }] });
    const pending = fetch(`${lab.url}/restconf/operations/vtn:update-vtn`, {
      method: 'POST',
      headers: { authorization: basic('admin', 'admin') },
      body: JSON.stringify(createVtn('a')),
    });
    const settled = pending.then(() => 'answered', () => 'failed');
    await waitFor(() => lab.requests().length === 1);
    await lab.close();
    expect(await settled).toBe('failed');
  });

  it('resets the connection', async () => {
    const h = await harness({ kind: 'onos', faults: [{ nth: 1, action: { kind: 'reset' } }] });
    await expect(h.call('POST', '/onos/v1/flows', { flows: [] })).rejects.toThrow();
    expect((await h.call('POST', '/onos/v1/flows', { flows: [] })).status).toBe(200);
    expect(h.lab.requests().map((r) => [r.status, r.fault])).toEqual([[0, 'reset'], [200, undefined]]);
  });

  it('replaces faults at run time through setFaults and the admin endpoint', async () => {
    const h = await harness({ kind: 'odl-vtn' });
    h.lab.setFaults([{ nth: 1, action: { kind: 'status', status: 409 } }]);
    expect((await h.call('POST', '/restconf/operations/vtn:update-vtn', createVtn('a'))).status).toBe(409);
    const set = await h.call('POST', '/__lab/faults', { faults: [{ match: { pathIncludes: 'remove-vtn' }, action: { kind: 'status', status: 404 } }] });
    expect(set.status).toBe(200);
    expect((await h.call('GET', '/__lab/faults')).json).toEqual({ faults: [{ match: { pathIncludes: 'remove-vtn' }, action: { kind: 'status', status: 404 } }] });
    expect((await h.call('POST', '/restconf/operations/vtn:update-vtn', createVtn('a'))).status).toBe(200);
    expect((await h.call('POST', '/restconf/operations/vtn:remove-vtn', createVtn('a'))).status).toBe(404);
    expect((await h.call('DELETE', '/__lab/faults')).status).toBe(204);
    expect((await h.call('POST', '/restconf/operations/vtn:remove-vtn', createVtn('a'))).status).toBe(200);
  });

  it('rejects malformed faults', async () => {
    const h = await harness({ kind: 'onos' });
    const bad = await h.call('POST', '/__lab/faults', [{ nth: 0, action: { kind: 'status', status: 500 } }]);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: expect.stringContaining('faults[0].nth') });
    expect((await h.call('POST', '/__lab/faults', [{ action: { kind: 'explode' } }])).status).toBe(400);
    expect(() => h.lab.setFaults([{ action: { kind: 'status', status: 99 } }])).toThrow(/status/);
  });
});

describe('lab controllers: admin endpoints and request log', () => {
  it('records what the controller received, not the admin traffic', async () => {
    const h = await harness({ kind: 'onos' });
    await fetch(`${h.lab.url}/onos/v1/devices`);
    await h.call('POST', '/onos/v1/flows/of:0000000000000001?appId=org.wicm', { priority: 1 });
    await h.call('GET', '/__lab/state');
    const log = (await h.call('GET', '/__lab/requests')).json;
    expect(log).toEqual({
      requests: [
        { method: 'GET', path: '/onos/v1/devices', status: 401 },
        { method: 'POST', path: '/onos/v1/flows/of:0000000000000001?appId=org.wicm', body: { priority: 1 }, status: 400 },
      ],
    });
    expect(h.lab.requests()).toHaveLength(2);
    expect((await h.call('DELETE', '/__lab/requests')).status).toBe(204);
    expect(h.lab.requests()).toEqual([]);
  });

  it('serves the state and resets state, log and faults to the start', async () => {
    const h = await harness({ kind: 'onos', faults: [{ match: { pathIncludes: '/links' }, action: { kind: 'status', status: 500 } }] });
    await h.call('POST', '/onos/v1/flows/of:0000000000000001', { priority: 5, isPermanent: true });
    const state = (await h.call('GET', '/__lab/state')).json as { flows: { priority: number }[] };
    expect(state.flows.map((f) => f.priority)).toEqual([5]);
    h.lab.setFaults([]);
    expect((await h.call('POST', '/__lab/reset')).status).toBe(204);
    expect((h.lab.state() as { flows: unknown[] }).flows).toEqual([]);
    expect(h.lab.requests()).toEqual([]);
    expect((await h.call('GET', '/onos/v1/links')).status).toBe(500);
    h.lab.reset();
    expect((await h.call('GET', '/onos/v1/links')).status).toBe(500);
  });

  it('runs a batch through the controller behaviour in order, stopping at the first refusal', async () => {
    const h = await harness({ kind: 'odl-vtn' });
    const rpc = (name: string, input: unknown): { method: string; path: string; body: string } => ({ method: 'POST', path: `/restconf/operations/${name}`, body: JSON.stringify({ input }) });
    const ok = await h.call('POST', '/__lab/batch', { requests: [rpc('vtn:update-vtn', { 'tenant-name': 'a' }), rpc('vtn-vbridge:update-vbridge', { 'tenant-name': 'a', 'bridge-name': 'b1' })] });
    expect(ok.json).toEqual({ done: 2 });
    // The same refusal as over HTTP: a vBridge in a VTN that does not exist.
    const refused = await h.call('POST', '/__lab/batch', { requests: [rpc('vtn:update-vtn', { 'tenant-name': 'c' }), rpc('vtn-vbridge:update-vbridge', { 'tenant-name': 'nope', 'bridge-name': 'b' }), rpc('vtn:update-vtn', { 'tenant-name': 'd' })] });
    expect(refused.json).toMatchObject({ done: 1, failed: { index: 1, status: 404 } });
    const tenants = JSON.stringify(h.lab.state());
    expect(tenants).toContain('"c"');
    expect(tenants).not.toContain('"d"');
    // Admin traffic: not in the request log.
    expect(h.lab.requests()).toEqual([]);
    expect((await h.call('POST', '/__lab/batch', { requests: [{ method: 'POST' }] })).status).toBe(400);
    expect((await h.call('POST', '/__lab/batch', [1])).status).toBe(400);
  });

  it('keeps the last records of a full request log, oldest first', () => {
    const log = new RequestLog(3);
    for (let i = 0; i < 7; i++) log.add({ method: 'GET', path: `/${i}`, body: undefined, status: 200 });
    expect(log.list().map((r) => r.path)).toEqual(['/4', '/5', '/6']);
    log.clear();
    log.add({ method: 'GET', path: '/x', body: undefined, status: 200 });
    expect(log.list().map((r) => r.path)).toEqual(['/x']);
  });

  it('answers 404 and 405 on unknown admin routes', async () => {
    const h = await harness({ kind: 'odl-vtn' });
    expect((await h.call('GET', '/__lab/nothing')).status).toBe(404);
    expect((await h.call('PUT', '/__lab/state', {})).status).toBe(405);
  });
});

describe('startLabController', () => {
  it('rejects malformed faults, seed topologies and kinds', async () => {
    await expect(startLabController({ kind: 'onos', faults: [{ nth: -1, action: { kind: 'hang' } }] })).rejects.toThrow(/nth/);
    await expect(startLabController({ kind: 'onos', seedTopology: { devices: [{ id: 'switch-1' }] } })).rejects.toThrow(/devices\[0\]\.id/);
    await expect(startLabController({ kind: 'odl' as LabKind })).rejects.toThrow(/kind/);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
