import { describe, expect, it } from 'vitest';
import { objectsWritten } from '../../../../electron/host/rest/push-step';
import { FAKE_TARGET, fixture, fixtureText, startRest, type RestHarness } from './rest-fixture';

/**
 * Rule "cost per request must not grow with the fleet": with hundreds of services deployed,
 * T-NOVA, Katana and Open Baton requests read their own services (and the topology), never
 * the whole project (`topology.get` builds every service), and answer as on an empty project.
 */
const FLEET = 300;
const tnova = fixture('tnova-service.json') as Record<string, { request?: unknown; requests?: unknown[]; response_201?: unknown }>;
const napBody = tnova['POST /nap']!.request as { nap: Record<string, unknown> };
const nfviBodies = tnova['POST /nfvi']!.requests!;
const serviceBody = tnova['POST /vnf-connectivity']!.request as { service: Record<string, unknown> };
const wimData = fixtureText('katana-wim-data.json');
const SLICE = '3f6c2a1e-8b7d-4e59-a0c4-1d2e3f4a5b6c';
const instantiate = fixtureText('openbaton-nsr-instantiate.json');
const release = fixtureText('openbaton-nsr-release.json');

/** `n` demi-wicm flows imported and planned through the contract (what earlier requests left). */
async function deployFleet(h: RestHarness, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const flow = { instance_id: `fleet-${i}`, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }] };
    await h.rpc('import.commit', { text: JSON.stringify(flow), format: 'demi-flows', fileName: 'fleet', plan: false });
  }
  if (n === 0) return;
  await h.rpc('plan.compute', {});
  const states = (await h.rpc<{ services: { state: string }[] }>('topology.get')).services.map((s) => s.state);
  expect(states.filter((s) => s === 'planned')).toHaveLength(n);
}

/** Answers with their clocks blanked (timings and times differ from run to run). */
function steady(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(steady);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, ['timings', 'at', 'created', 'updated', 'planMs', 'pushMs', 'totalMs', 'monitoring'].includes(k) ? 'clock' : steady(v)]),
  );
}

/** The requests of one orchestrator session each, with the contract methods they called. */
async function session(fleet: number): Promise<{ answers: unknown[]; methods: string[]; services: number }> {
  const methods: string[] = [];
  let counting = false;
  const h = await startRest({ fakePush: 'ok', onDispatch: (m) => counting && methods.push(m) });
  await deployFleet(h, fleet);
  expect((await h.call('POST', '/nap', napBody)).status).toBe(201);
  for (const body of nfviBodies) expect((await h.call('POST', '/nfvi', body)).status).toBe(201);
  counting = true;
  const answers: unknown[] = [];
  const call = async (method: string, path: string, body?: unknown, status = 200) => {
    const res = await h.call(method, path, body);
    expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
    answers.push([method, path, res.status, steady(res.body)]);
    return res;
  };
  // T-NOVA: allocate, a second service on the held NAP (409), a held NFVI (409), activate, delete.
  expect((await call('POST', '/vnf-connectivity', serviceBody, 201)).body).toEqual(tnova['POST /vnf-connectivity']!.response_201);
  const other = await call('POST', '/vnf-connectivity', { service: { ...serviceBody.service, ns_instance_id: 'service2' } }, 409);
  expect(other.body.error).toBe('NAP c1_nap1 already serves service service1; T-NOVA allows one service per NAP.');
  expect((await call('DELETE', '/nfvi/nfvi2', undefined, 409)).body.error).toBe('NFVI pop-patras is used by service service1; delete that service first.');
  expect((await call('DELETE', '/nap/c1_nap1', undefined, 409)).body.error).toBe('NAP c1_nap1 is used by service service1; delete that service first.');
  expect((await call('GET', '/vnf-connectivity/service1')).body.services[0]).toMatchObject({ status: 'ALLOCATED', ce_pe: [{ transport: { vlan_id: 400 } }, { transport: { vlan_id: 400 } }] });
  expect((await call('GET', '/vnf-connectivity')).body.services).toHaveLength(1);
  await call('PUT', '/vnf-connectivity/service1', undefined, 201);
  await call('DELETE', '/vnf-connectivity/service1');
  // Katana: create, read, delete a slice.
  expect((await call('POST', '/api/katana/slices', wimData, 201)).body).toMatchObject({ sliceId: SLICE, status: 'Running', push: { ok: true, steps: 1 } });
  expect((await call('GET', `/api/katana/slices/${SLICE}`)).body).toMatchObject({ sliceId: SLICE, status: 'Running' });
  expect((await call('GET', '/api/katana/slices')).body.slices).toHaveLength(1);
  await call('DELETE', `/api/katana/slices/${SLICE}`);
  await call('GET', `/api/katana/slices/${SLICE}`, undefined, 404);
  // Open Baton through demi-wicm's NFVO routes: init, read by demi-wicm's short id, delete.
  expect((await call('POST', '/api/v1/nfvo/init', instantiate)).body[0].flow[0].data['VIM list']).toEqual(['pop-patras', 'pop-athens']);
  await call('GET', '/api/v1/flows/7c1e4a90');
  await call('GET', '/api/v1/source');
  expect((await call('POST', '/api/v1/nfvo/delete', release)).body).toBe('Resource was deleted');
  const left = (await h.rpc<{ services: unknown[] }>('topology.get')).services.length;
  return { answers, methods, services: left };
}

describe('REST requests at fleet scale', () => {
  it(`reads no whole project with ${FLEET} services deployed, and answers as on an empty project`, async () => {
    const empty = await session(0);
    const fleet = await session(FLEET);
    expect(fleet.services).toBe(FLEET);
    expect(empty.services).toBe(0);
    expect(fleet.methods).not.toContain('topology.get');
    expect(fleet.methods).not.toContain('plan.get');
    // Something was read: each request goes through the narrow reads.
    expect(fleet.methods).toEqual(expect.arrayContaining(['services.get', 'services.find', 'topology.read', 'topology.defaults']));
    expect(fleet.methods).toEqual(empty.methods);
    expect(fleet.answers).toEqual(empty.answers);
  }, 120_000);
});

const VTN = FAKE_TARGET as Extract<typeof FAKE_TARGET, { mode: 'controller' }>;

describe('T-NOVA activation over VTN without provisioning', () => {
  it("is refused from the service's own plan: the VLANs it needs, named", async () => {
    const methods: string[] = [];
    const h = await startRest({ fakePush: 'ok', push: { ...VTN, provision: false }, onDispatch: (m) => methods.push(m) });
    await deployFleet(h, 20);
    expect((await h.call('POST', '/nap', napBody)).status).toBe(201);
    for (const body of nfviBodies) expect((await h.call('POST', '/nfvi', body)).status).toBe(201);
    expect((await h.call('POST', '/vnf-connectivity', serviceBody)).status).toBe(201);
    const put = await h.call('PUT', '/vnf-connectivity/service1');
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ code: 'VLANS_NOT_APPLIED' });
    expect(put.body.error).toMatch(/^Service service1 needs VLANs 400, 401 towards its PoPs/);
    expect(h.pushCalls).toEqual([]);
    expect(methods).not.toContain('plan.get');
    expect(methods).not.toContain('topology.get');
  });
});

describe('push replies count objects written', () => {
  it('counts a batch step by its members, a single step as one', () => {
    const step = (seq: number, objects?: number) => ({ seq, action: 'create' as const, objectId: `o${seq}`, serviceId: 's', summary: '', method: 'POST', path: '/', status: 'applied' as const, ...(objects === undefined ? {} : { objects }) });
    const report = { ok: true, operation: 'push' as const, dryRun: false, target: { kind: 'onos' as const, url: 'http://127.0.0.1:9' }, steps: [step(1, 120), step(2), step(3, 80)], failedStep: null, undone: 0, verified: true, timings: { planMs: 0, pushMs: 0 }, requests: 3, services: [], message: '' };
    expect(objectsWritten(report)).toBe(201);
    expect(objectsWritten({ ...report, steps: [] })).toBe(0);
  });
});
