import { afterEach, describe, expect, it } from 'vitest';
import { startLabController, type LabController, type LabFault } from '../../../../electron/host/lab';
import { resolvePushConfig, type PushConfig } from '../../../../electron/host/rest';
import { fixture, fixtureText, services, startRest } from './rest-fixture';

/** Pushes through the API to a lab controller and reads what it received from `/__lab/requests`. */

interface LabRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body?: { input?: Record<string, unknown> };
}

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

async function vtnLab(faults: readonly LabFault[] = []): Promise<{ lab: LabController; push: PushConfig }> {
  const lab = await startLabController({ kind: 'odl-vtn', faults });
  labs.push(lab);
  return { lab, push: { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' }, label: 'lab', provision: true } };
}

async function received(url: string, user = 'admin', password = 'admin'): Promise<LabRequest[]> {
  const res = await fetch(`${url}/__lab/requests`, { headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  return ((await res.json()) as { requests: LabRequest[] }).requests;
}

const rpcName = (r: LabRequest): string => r.path.split(':').pop() ?? '';
const writes = (requests: readonly LabRequest[], rpc: string): LabRequest[] => requests.filter((r) => r.method === 'POST' && rpcName(r) === rpc);
const flowBody = (fixture('demi-flows.json')['POST /api/v1/flows'] as { request: Record<string, unknown> }).request;

describe('REST API pushing to a lab controller', () => {
  it('creates a demi-wicm flow on ODL VTN (conditions + one redirect filter per rule) and removes it on DELETE', async () => {
    const { lab, push } = await vtnLab();
    const h = await startRest({ push });
    const res = await h.call('POST', '/api/v1/flows', flowBody);
    expect(res.status).toBe(200);
    const [forward, reverse] = res.body[0].wicm.conditions as string[];
    const plan = (await h.rpc<{ plans: { forward: { rules: unknown[] }; reverse: { rules: unknown[] } }[] }>('plan.get')).plans[0]!;
    let log = await received(lab.url);
    expect(writes(log, 'set-flow-condition').map((r) => r.body?.input?.['name'])).toEqual([forward, reverse]);
    expect(writes(log, 'set-flow-filter')).toHaveLength(plan.forward.rules.length + plan.reverse.rules.length);
    // Writes all succeed; per-object reads of what is not there yet answer 404.
    expect(log.every((r) => r.status === 200 || (r.method === 'GET' && r.status === 404))).toBe(true);
    expect((await services(h))[0]!.state).toBe('pushed');

    const del = await h.call('DELETE', '/api/v1/flows/596k92');
    expect(del.status).toBe(200);
    log = await received(lab.url);
    expect(writes(log, 'remove-flow-condition').map((r) => r.body?.input?.['name']).sort()).toEqual([forward, reverse].sort());
    expect(writes(log, 'remove-flow-filter')).toHaveLength(plan.forward.rules.length + plan.reverse.rules.length);
    expect(lab.state()).toMatchObject({ 'vtn-flow-conditions': {} });
  });

  it('pushes a flow to ONOS as one flow rule per redirection of the plan', async () => {
    const lab = await startLabController({ kind: 'onos' });
    labs.push(lab);
    const h = await startRest({ push: { mode: 'controller', target: { kind: 'onos', url: lab.url, user: 'admin', password: 'karaf' }, label: 'lab onos' } });
    expect((await h.call('POST', '/api/v1/flows', flowBody)).status).toBe(200);
    const plan = (await h.rpc<{ plans: { forward: { rules: unknown[] }; reverse: { rules: unknown[] } }[] }>('plan.get')).plans[0]!;
    // One flow or a batch of flows (`POST /onos/v1/flows` with {"flows":[…]}) per request.
    const posted = (await received(lab.url, 'admin', 'karaf')).filter((r) => r.method === 'POST' && /^\/onos\/v1\/flows[/?]/.test(r.path));
    const flows = posted.reduce((n, r) => n + ((r.body as { flows?: unknown[] } | undefined)?.flows?.length ?? 1), 0);
    expect(flows).toBe(plan.forward.rules.length + plan.reverse.rules.length);
    expect(posted.every((r) => r.status === 201 || r.status === 200)).toBe(true);
  });

  it('rolls back when VTN refuses a filter: 502 with the failed step, nothing left on the controller or in the model', async () => {
    const { lab, push } = await vtnLab([{ match: { pathIncludes: 'set-flow-filter' }, nth: 3, action: { kind: 'status', status: 500 } }]);
    const h = await startRest({ push });
    const res = await h.call('POST', '/api/v1/flows', flowBody);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('PUSH_FAILED');
    expect(res.body.push.failedStep.path).toMatch(/set-flow-filter/);
    expect(res.body.push.undone).toBeGreaterThan(0);
    expect(await services(h)).toEqual([]);
    const log = await received(lab.url);
    expect(log.some((r) => r.status === 500)).toBe(true);
    expect(writes(log, 'remove-flow-condition').length).toBeGreaterThan(0);
    expect(lab.state()).toMatchObject({ 'vtn-flow-conditions': {} });
  });

  it('activates a T-NOVA service with PUT (redirect filters on the controller) and tears it down with DELETE', async () => {
    const { lab, push } = await vtnLab();
    const h = await startRest({ push });
    const tnova = fixture('tnova-service.json')['POST /vnf-connectivity'] as { request: unknown };
    expect((await h.call('POST', '/vnf-connectivity', tnova.request)).status).toBe(201);
    expect(await received(lab.url)).toEqual([]);
    const put = await h.call('PUT', '/vnf-connectivity/service1');
    expect(put.status).toBe(201);
    expect(writes(await received(lab.url), 'set-flow-filter').length).toBeGreaterThan(0);
    expect((await h.call('GET', '/vnf-connectivity/service1')).body.services[0].status).toBe('ACTIVE');
    expect((await h.call('DELETE', '/vnf-connectivity/service1')).status).toBe(200);
    expect(writes(await received(lab.url), 'remove-flow-condition')).toHaveLength(2);
  });

  it('serves a Katana slice on the lab controller started with --lab-controller (controllers.startLab)', async () => {
    let target: { url: string; user: string; password: string } | undefined;
    const h = await startRest({
      pushFrom: async (dispatch) => {
        const config = await resolvePushConfig({ labController: 'odl-vtn' }, {}, dispatch);
        if (config.mode === 'controller') target = config.target;
        return config;
      },
    });
    expect(target?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The process-wide lab may have served an earlier test: start from a clean log.
    await fetch(`${target!.url}/__lab/reset`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${target!.user}:${target!.password}`).toString('base64')}` } });
    const res = await h.call('POST', '/api/katana/slices', fixtureText('katana-wim-data.json'));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('Running');
    const plans = (await h.rpc<{ plans: { forward: { condition: string }; reverse: { condition: string } }[] }>('plan.get')).plans;
    const conditions = plans.flatMap((p) => [p.forward.condition, p.reverse.condition]).sort();
    const log = await received(target!.url, target!.user, target!.password);
    expect(writes(log, 'set-flow-condition').map((r) => r.body?.input?.['name']).sort()).toEqual(conditions);
    const del = await h.call('DELETE', `/api/katana/slices/${res.body.sliceId as string}`);
    expect(del.status).toBe(200);
    expect(writes(await received(target!.url, target!.user, target!.password), 'remove-flow-condition')).toHaveLength(4);
  });

  it('answers 502 DRIVER_UNAVAILABLE when the controller does not answer, keeping nothing', async () => {
    const { lab, push } = await vtnLab();
    await lab.close();
    const h = await startRest({ push: push.mode === 'controller' ? { ...push, target: { ...push.target, timeoutMs: 2000 } } : push });
    const res = await h.call('POST', '/api/v1/flows', flowBody);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('DRIVER_UNAVAILABLE');
    expect(await services(h)).toEqual([]);
  });
});
