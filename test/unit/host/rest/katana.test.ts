import { get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureText, services, startRest } from './rest-fixture';

const SLICE = '3f6c2a1e-8b7d-4e59-a0c4-1d2e3f4a5b6c';
const wimData = fixtureText('katana-wim-data.json');
const wimDataV22 = fixtureText('katana-wim-data-v2.2.json');
const messages = fixture('katana-wim-messages.json') as Record<string, Record<string, unknown>>;

/** A duration in whole tenths of a millisecond (the resolution the API reports). */
const tenths = (ms: number): number => Math.round(ms * 10);

describe('Katana WIM API', () => {
  it('creates a slice from wim_data: Running, one service per connection, per-phase timings', async () => {
    const h = await startRest({ fakePush: 'ok' });
    const res = await h.call('POST', '/api/katana/slices', wimData);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sliceId: SLICE, status: 'Running', pushed: true, services: [`${SLICE}/edge-athens-core`, `${SLICE}/edge-patras-core`] });
    expect(res.body.phases.map((p: { status: string }) => p.status)).toEqual(['Init', 'Placement', 'Provisioning', 'Running']);
    const { planMs, pushMs, totalMs } = res.body.timings as { planMs: number; pushMs: number; totalMs: number };
    expect(planMs).toBeGreaterThan(0);
    expect(pushMs).toEqual(expect.any(Number));
    // Each phase is timed on its own and rounded to 0.1 ms: compare whole tenths, not float sums,
    // and allow the one tenth that rounding two parts up and their whole down can add.
    for (const ms of [planMs, pushMs, totalMs]) expect(ms * 10).toBeCloseTo(tenths(ms), 6);
    expect(tenths(planMs) + tenths(pushMs)).toBeLessThanOrEqual(tenths(totalMs) + 1);
    expect(h.pushCalls).toEqual([{ method: 'push.apply', req: expect.objectContaining({ serviceIds: res.body.services }) }]);
    expect((await services(h)).map((s) => s.state)).toEqual(['pushed', 'pushed']);
    const got = await h.call('GET', `/api/katana/slices/${SLICE}`);
    expect(got.body).toMatchObject({ sliceId: SLICE, status: 'Running' });
    expect((await h.call('GET', '/api/katana/slices')).body.slices).toHaveLength(1);
  });

  it("reports the slice's monitoring URL: this server's /metrics, the host:port Katana registers, and the slice gauge", async () => {
    const h = await startRest({ fakePush: 'ok' });
    await h.call('POST', '/api/katana/slices', wimData);
    const host = new URL(h.base).host;
    const monitoring = { url: `${h.base}/metrics`, monitoringUrl: host, metric: `slice_${SLICE.replace(/-/g, '_')}_flows` };
    expect((await h.call('GET', `/api/katana/slices/${SLICE}`)).body.monitoring).toEqual(monitoring);
    expect((await h.call('GET', '/api/katana/slices')).body.slices[0].monitoring).toEqual(monitoring);
    // Addressed by another name of this host (as Katana's Prometheus would be configured), the URL follows it.
    const port = new URL(h.base).port;
    const other = await new Promise<string>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: `/api/katana/slices/${SLICE}`, headers: { host: `localhost:${port}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect((JSON.parse(other) as { monitoring: { url: string } }).monitoring.url).toBe(`http://localhost:${port}/metrics`);
  });

  it('shows the phase a slice is in while the WIM works on it (Provisioning during the push)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const h = await startRest({ fakePush: 'ok', fakePushGate: () => gate });
    const pending = h.call('POST', '/api/katana/slices', wimData);
    while (h.pushCalls.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect((await h.call('GET', `/api/katana/slices/${SLICE}`)).body.status).toBe('Provisioning');
    release();
    expect((await pending).body.status).toBe('Running');
    expect((await h.call('GET', `/api/katana/slices/${SLICE}`)).body.status).toBe('Running');
  });

  it('accepts the v2.2 core_connections body and the pre-2020 odl-wim path /api/sm', async () => {
    const h = await startRest({ fakePush: 'ok' });
    const res = await h.call('POST', '/api/sm', wimDataV22);
    expect(res.status).toBe(201);
    expect(res.body.services).toEqual([`${SLICE}/edge-vim-athens-core-vim`, `${SLICE}/edge-vim-patras-core-vim`]);
  });

  it('updates a slice when wim_data comes again (200) and drops connections it no longer lists', async () => {
    const h = await startRest({ fakePush: 'ok' });
    await h.call('POST', '/api/katana/slices', wimData);
    const fewer = JSON.parse(wimData) as { connections: unknown[] };
    fewer.connections = fewer.connections.slice(0, 1);
    const res = await h.call('POST', '/api/katana/slices', fewer);
    expect(res.status).toBe(200);
    expect((await services(h)).map((s) => s.id)).toEqual([`${SLICE}/edge-athens-core`]);
    expect(h.pushCalls.map((c) => c.method)).toEqual(['push.apply', 'push.apply', 'push.teardown']);
  });

  it('terminates with DELETE (404 when unknown) and with an idempotent Kafka terminate message', async () => {
    const h = await startRest({ fakePush: 'ok' });
    await h.call('POST', '/api/katana/slices', wimData);
    const del = await h.call('DELETE', `/api/katana/slices/${SLICE}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ sliceId: SLICE, status: 'Terminated' });
    expect(del.body.timings).toEqual({ planMs: 0, pushMs: expect.any(Number), totalMs: expect.any(Number) });
    expect(h.pushCalls.map((c) => c.method)).toEqual(['push.apply', 'push.teardown']);
    expect(await services(h)).toEqual([]);
    expect((await h.call('DELETE', `/api/katana/slices/${SLICE}`)).status).toBe(404);
    const viaKafka = messages['odl-wim_kafka_since_2020-05']!;
    const created = await h.call('POST', '/api/katana/messages', viaKafka['create']);
    expect(created.status).toBe(201);
    const terminate = await h.call('POST', '/api/katana/messages', viaKafka['terminate']);
    expect(terminate.body).toMatchObject({ status: 'Terminated', alreadyAbsent: false });
    const twice = await h.call('POST', '/api/katana/messages', viaKafka['terminate']);
    expect(twice.status).toBe(200);
    expect(twice.body).toMatchObject({ status: 'Terminated', alreadyAbsent: true });
  });

  it('reports "Failed - <reason>" when the controller refuses, keeping nothing, and GET shows it', async () => {
    const h = await startRest({ fakePush: 'refuse' });
    const res = await h.call('POST', '/api/katana/slices', wimData);
    expect(res.status).toBe(502);
    expect(res.body.status).toMatch(/^Failed - The controller refused/);
    expect(res.body.error.code).toBe('PUSH_FAILED');
    expect(res.body.phases.map((p: { status: string }) => p.status.split(' ')[0])).toEqual(['Init', 'Placement', 'Provisioning', 'Failed']);
    expect(await services(h)).toEqual([]);
    const got = await h.call('GET', `/api/katana/slices/${SLICE}`);
    expect(got.body.status).toMatch(/^Failed - /);
  });

  it('answers 400 with a pointer for wim_data naming unknown PoPs; plan-only slices stay in Placement', async () => {
    const h = await startRest();
    const bad = await h.call('POST', '/api/katana/slices', { _id: 'bad', connections: [{ core: 'core', radio: 'edge-mars' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.pointer).toBe('/connections/0/radio');
    expect(bad.body.status).toMatch(/^Failed - /);
    const ok = await h.call('POST', '/api/katana/slices', wimData);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'Placement', pushed: false });
    expect((await services(h)).map((s) => s.state)).toEqual(['planned', 'planned']);
  });

  it('rejects a message with an unknown action', async () => {
    const h = await startRest();
    const res = await h.call('POST', '/api/katana/messages', { action: 'resize', data: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.pointer).toBe('/action');
  });
});
