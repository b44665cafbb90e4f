import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerTargetDto } from '../../../../core/contract/api';
import type { ServiceDto } from '../../../../core/contract/dto';
import { createDriver, memoryJournal, runTransaction, type DesiredObject } from '../../../../core/drivers';
import { detectDrift } from '../../../../core/drivers/drift';
import { parseTopologyJson } from '../../../../core/store/documents';
import { planServices } from '../../../../core/service/planning';
import { LAB_DEFAULT_CREDENTIALS, startLabController, type LabController } from '../../../../electron/host/lab';
import { createNodeHttpClient } from '../../../../electron/host/platform/http-client';

/**
 * ONOS has no per-object read of our own naming: a push, teardown or drift check of named
 * services reads each of their flows back by `GET /flows/{deviceId}/{flowId}` (the id ONOS gave
 * it), never the application's whole flow list (issue 15, fleet scale).
 */

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

function service(i: number): ServiceDto {
  return { id: `svc${i}`, name: `svc ${i}`, inSegment: `192.168.10.${i}/32`, outSegment: '10.20.0.1/32', chain: ['pop-athens', 'pop-patras'], reverseChain: null, state: 'planned', provenance: null, attributes: {} };
}

const ONE_FLOW = /^\/onos\/v1\/flows\/of:[0-9a-f]{16}\/\d+$/;

async function setUp() {
  const lab = await startLabController({ kind: 'onos' });
  labs.push(lab);
  const http = createNodeHttpClient();
  const { topology } = parseTopologyJson(readFileSync('resources/sample/sample-wan.json', 'utf8'));
  const services = [service(1), service(2), service(3), service(4)];
  const { plans } = planServices(topology, services);
  const target: ControllerTargetDto = { kind: 'onos', url: lab.url, ...LAB_DEFAULT_CREDENTIALS.onos, appId: 'org.wicm.scoped' };
  const driver = createDriver(target);
  const own = new Map<string, DesiredObject[]>(plans.map((p) => [p.serviceId, driver.desired({ topology, services, plans: [p], provision: false })]));
  const journal = memoryJournal();
  const run = (operation: 'push' | 'teardown', id: string) =>
    runTransaction({ driver, http, journal, now: () => performance.now(), concurrency: 8, txId: `${operation}-${id}-${lab.requests().length}` }, { operation, desired: own.get(id) ?? [], scope: new Set([id]), dryRun: false, scopedRead: true });
  return { lab, http, driver, own, journal, run };
}

describe('push with per-service scope on a lab ONOS', () => {
  it('reads back flow by flow, tears one service down leaving the others, and checks drift flow by flow', async () => {
    const { lab, http, driver, own, journal, run } = await setUp();
    for (const id of ['svc1', 'svc2', 'svc3']) expect(await run('push', id)).toMatchObject({ ok: true, verified: true });
    // Flow reads (the preflight also reads the devices a service's flows go to).
    const reads = () => lab.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/onos/v1/flows'));
    expect(reads().length).toBeGreaterThan(0);
    expect(reads().filter((r) => !ONE_FLOW.test(r.path))).toEqual([]);

    const before = lab.requests().length;
    expect(await run('teardown', 'svc2')).toMatchObject({ ok: true, verified: true });
    const teardown = lab.requests().slice(before);
    // Every flow of svc2 deleted by its id (in batches, never the application), only its flows read.
    const deletes = teardown.filter((r) => r.method === 'DELETE');
    const deleted = deletes.reduce((n, r) => n + (r.path === '/onos/v1/flows' ? (r.body as { flows: unknown[] }).flows.length : 1), 0);
    expect(deleted).toBe(own.get('svc2')?.length);
    expect(deletes.length).toBeLessThan(deleted);
    expect(teardown.filter((r) => r.path.includes('/application/'))).toEqual([]);
    expect(teardown.filter((r) => r.method === 'GET' && r.path.startsWith('/onos/v1/flows') && !ONE_FLOW.test(r.path))).toEqual([]);

    const live = new Set((await driver.readLive(http)).map((l) => l.id));
    for (const id of ['svc1', 'svc3']) for (const d of own.get(id) ?? []) expect(live.has(d.id)).toBe(true);
    for (const d of own.get('svc2') ?? []) expect(live.has(d.id)).toBe(false);

    const fromDrift = lab.requests().length;
    const drift = await detectDrift(driver, http, journal, own.get('svc1') ?? [], new Set(['svc1']), true);
    expect(drift).toEqual([expect.objectContaining({ serviceId: 'svc1', status: 'in-sync' })]);
    const driftReads = lab.requests().slice(fromDrift);
    expect(driftReads.length).toBe(own.get('svc1')?.length);
    expect(driftReads.filter((r) => !ONE_FLOW.test(r.path))).toEqual([]);
    http.close();
  }, 30_000);

  it('rolls a refused scoped push back to exactly what was there before', async () => {
    const { lab, http, driver, run } = await setUp();
    expect(await run('push', 'svc1')).toMatchObject({ ok: true, verified: true });
    const before = (await driver.readLive(http)).map((l) => l.id).sort();
    lab.setFaults([{ match: { method: 'POST' }, nth: 3, action: { kind: 'status', status: 500 } }]);
    const failed = await run('push', 'svc4');
    expect(failed).toMatchObject({ ok: false, verified: true });
    lab.setFaults([]);
    expect((await driver.readLive(http)).map((l) => l.id).sort()).toEqual(before);
    http.close();
  }, 30_000);

  it('finds a flow whose id it does not know in the application (a write whose answer was lost), unless told the project never wrote it', async () => {
    const { lab, http, driver, own, run } = await setUp();
    expect(await run('push', 'svc1')).toMatchObject({ ok: true });
    const ids = (own.get('svc1') ?? []).map((d) => d.id);
    const from = lab.requests().length;
    const found = await driver.readObjects!(http, ids, { handleOf: () => undefined });
    expect(found.map((l) => l.id).sort()).toEqual([...ids].sort());
    expect(lab.requests().slice(from).map((r) => r.path)).toEqual(['/onos/v1/flows/application/org.wicm.scoped']);
    expect(await driver.readObjects!(http, ids, { handleOf: () => undefined, unknownAbsent: true })).toEqual([]);
    expect(lab.requests().length).toBe(from + 1);
    http.close();
  }, 30_000);
});
