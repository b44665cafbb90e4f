import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureText, services, startRest, type FakePush, type RestHarness } from './rest-fixture';

const demi = fixture('demi-flows.json');
const flowBody = (demi['POST /api/v1/flows'] as { request: Record<string, unknown> }).request;
const tnova = fixture('tnova-service.json') as Record<string, { request?: unknown; requests?: unknown[] }>;
const napBody = tnova['POST /nap']!.request as { nap: Record<string, unknown> };
const nfviBodies = tnova['POST /nfvi']!.requests!;
const serviceBody = tnova['POST /vnf-connectivity']!.request as { service: Record<string, unknown> };
const instantiate = JSON.parse(fixtureText('openbaton-nsr-instantiate.json')) as { payload: Record<string, unknown> };
const katana = JSON.parse(fixtureText('katana-wim-data.json')) as Record<string, unknown>;

/**
 * Everything a request could change: topology, services (state included), plans with their VLANs
 * and filter indices. Only the provenance of the last import attempt (time and request) is left
 * out: a failed re-import may leave it.
 */
async function model(h: RestHarness): Promise<unknown> {
  const snap = await h.rpc<{ topology: unknown; services: { provenance: Record<string, unknown> | null }[] }>('topology.get');
  const plans = await h.rpc<{ plans: unknown }>('plan.get');
  const services = snap.services.map((s) => ({ ...s, provenance: s.provenance === null ? null : { ...s.provenance, importedAt: '-', file: '-' } }));
  return JSON.parse(JSON.stringify({ topology: snap.topology, services, plans: plans.plans })) as unknown;
}

/** The JSON paths where two values differ (at most 8), for short failure messages. */
function differences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 8) return out;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (a !== b) out.push(`${path}: ${JSON.stringify(a)?.slice(0, 60)} → ${JSON.stringify(b)?.slice(0, 60)}`);
    return out;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`, out);
  return out;
}

async function expectUnchanged(h: RestHarness, before: unknown, what = ''): Promise<void> {
  expect(differences(before, await model(h)), what).toEqual([]);
}

async function registered(h: RestHarness): Promise<void> {
  expect((await h.call('POST', '/nap', napBody)).status).toBe(201);
  for (const body of nfviBodies) expect((await h.call('POST', '/nfvi', body)).status).toBe(201);
}

describe('atomic requests: a request that fails changes nothing', () => {
  it('refuses an instance_id over 200 characters before storing anything; DELETE then answers 404, not 400', async () => {
    const h = await startRest({ fakePush: 'ok' });
    const before = await model(h);
    const id = 'x'.repeat(201);
    const res = await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: id });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/201 characters long; ids are at most 200/);
    await expectUnchanged(h, before);
    expect(h.pushCalls).toEqual([]);
    expect((await h.call('DELETE', `/api/v1/flows/${id}`)).status).toBe(404);
    // The limit is the same one RPC applies: 200 characters are accepted and removable.
    const ok = 'y'.repeat(200);
    expect((await h.call('POST', '/api/v1/flows', { ...flowBody, instance_id: ok })).status).toBe(200);
    expect((await h.call('DELETE', `/api/v1/flows/${ok}`)).status).toBe(200);
    expect(await services(h)).toEqual([]);
  });

  it('refuses over-long ids on every create route (Open Baton, T-NOVA, Katana) with the model unchanged', async () => {
    const h = await startRest({ fakePush: 'ok' });
    await registered(h);
    const before = await model(h);
    const long = `${'a'.repeat(120)}-${'b'.repeat(100)}`;
    const nsr = await h.call('POST', '/api/v1/nfvo/init', { ...instantiate, payload: { ...instantiate.payload, id: long } });
    expect(nsr.status).toBe(400);
    const tn = await h.call('POST', '/vnf-connectivity', { service: { ...serviceBody.service, ns_instance_id: long } });
    expect(tn.status).toBe(400);
    expect(tn.body.pointer).toBe('/service/ns_instance_id');
    const kt = await h.call('POST', '/api/katana/slices', { ...katana, _id: long });
    expect(kt.status).toBe(400);
    await expectUnchanged(h, before);
  });

  it('a T-NOVA request with 65 PoPs gets 400 and holds no NAP: the next valid request gets 201', async () => {
    const h = await startRest();
    await registered(h);
    const before = await model(h);
    const pops = Array.from({ length: 65 }, (_, i) => (i % 2 === 0 ? 'nfvi1' : 'nfvi2'));
    const res = await h.call('POST', '/vnf-connectivity', { service: { ...serviceBody.service, ce_pe: pops, pe_ce: pops } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', pointer: '/service/ce_pe' });
    expect(res.body.error).toMatch(/65 PoPs; a chain has at most 64/);
    await expectUnchanged(h, before);
    expect((await h.call('POST', '/vnf-connectivity', serviceBody)).status).toBe(201);
  });

  it('a re-applied flow whose push is refused is put back as it was (route, plan, state pushed)', async () => {
    let mode: FakePush = 'ok';
    const h = await startRest({ fakePush: () => mode });
    expect((await h.call('POST', '/api/v1/flows', flowBody)).status).toBe(200);
    const before = await model(h);
    mode = 'refuse';
    const changed = { ...flowBody, vims: [{ port: 'pop-patras', order: 0 }] };
    const res = await h.call('POST', '/api/v1/flows', changed);
    expect(res.status).toBe(502);
    await expectUnchanged(h, before);
    const [svc] = await services(h);
    expect(svc).toMatchObject({ id: '596k92', state: 'pushed', chain: ['pop-athens', 'pop-patras'] });
    mode = 'unreachable';
    expect((await h.call('POST', '/api/v1/flows', changed)).status).toBe(502);
    await expectUnchanged(h, before);
  });

  it('property: any failing create request (bad body, refused or unreachable controller) leaves the model unchanged', async () => {
    let mode: FakePush = 'ok';
    const h = await startRest({ fakePush: () => mode });
    await registered(h);
    expect((await h.call('POST', '/api/v1/flows', flowBody)).status).toBe(200);
    const seeds: [string, Record<string, unknown>][] = [
      ['/api/v1/flows', flowBody],
      ['/api/v1/nfvo/init', instantiate],
      ['/vnf-connectivity', serviceBody],
      ['/api/katana/slices', katana],
    ];
    const bend = fc.oneof(
      fc.constant<unknown>(undefined),
      fc.constantFrom<unknown>('x'.repeat(201), '', 'pop-nowhere', '10.0.0.0/33', 7, null, [], Array.from({ length: 65 }, () => 'nfvi1')),
    );
    const cases = fc.record({
      seed: fc.constantFrom(...seeds),
      key: fc.nat(),
      value: bend,
      mode: fc.constantFrom<FakePush>('ok', 'refuse', 'unreachable'),
    });
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ({ seed: [path, body], key, value, mode: m }) => {
        const inner = path === '/vnf-connectivity' ? (body['service'] as Record<string, unknown>) : body;
        const keys = Object.keys(inner);
        const member = keys[key % keys.length]!;
        const bentInner = value === undefined ? inner : { ...inner, [member]: value };
        const sent = path === '/vnf-connectivity' ? { service: { ...bentInner, ns_instance_id: `s${key % 7}` } } : bentInner;
        const before = await model(h);
        mode = m;
        const res = await h.call('POST', path, sent);
        if (res.status >= 400) {
          failures++;
          await expectUnchanged(h, before, `${path} ${member}=${JSON.stringify(value)?.slice(0, 40)} (${m}) → ${res.status} ${res.text.slice(0, 200)}`);
        }
        expect(res.status, res.text.slice(0, 200)).not.toBe(500);
      }),
      { numRuns: 60 },
    );
    expect(failures).toBeGreaterThan(10);
  });
});
