import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerTargetDto } from '../../../../core/contract/api';
import type { ServiceDto } from '../../../../core/contract/dto';
import { createDriver, memoryJournal, runTransaction, type DesiredObject, type JournalEntry } from '../../../../core/drivers';
import { HttpError, type HttpClient } from '../../../../core/drivers/http';
import { ONOS_BATCH_FLOWS } from '../../../../core/drivers/onos/defaults';
import { parseTopologyJson } from '../../../../core/store/documents';
import { planServices } from '../../../../core/service/planning';
import { LAB_DEFAULT_CREDENTIALS, startLabController, type LabController } from '../../../../electron/host/lab';
import { createNodeHttpClient } from '../../../../electron/host/platform/http-client';

/**
 * ONOS pushes send their flows in batches (`POST /onos/v1/flows` with `{"flows":[…]}`, `DELETE
 * /onos/v1/flows` for removals): every flow of a batch is journaled before the request goes out,
 * acknowledged with the flow id ONOS answered, and a failure inside a batch leaves nothing
 * behind (issue 15: push of 1,000 services ≥ 3× sequential on ONOS).
 */

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

const APP = 'org.wicm.batch';
const BATCH_POST = `/onos/v1/flows?appId=${APP}`;

function service(i: number): ServiceDto {
  return { id: `svc${i}`, name: `svc ${i}`, inSegment: `192.168.10.${i}/32`, outSegment: '10.20.0.1/32', chain: ['pop-athens', 'pop-patras'], reverseChain: null, state: 'planned', provenance: null, attributes: {} };
}

interface Flow {
  readonly id: string;
  readonly deviceId: string;
}

async function setUp(count: number) {
  const lab = await startLabController({ kind: 'onos' });
  labs.push(lab);
  const node = createNodeHttpClient();
  const { topology } = parseTopologyJson(readFileSync('resources/sample/sample-wan.json', 'utf8'));
  const services = Array.from({ length: count }, (_, i) => service(i + 1));
  const { plans } = planServices(topology, services);
  const target: ControllerTargetDto = { kind: 'onos', url: lab.url, ...LAB_DEFAULT_CREDENTIALS.onos, appId: APP };
  const driver = createDriver(target);
  const desired: DesiredObject[] = driver.desired({ topology, services, plans, provision: false });
  const journal = memoryJournal();
  const flows = async (): Promise<Flow[]> => {
    const r = await node.request('GET', `${lab.url}/onos/v1/flows/application/${APP}`, { auth: LAB_DEFAULT_CREDENTIALS.onos });
    return r.status === 404 ? [] : (JSON.parse(r.body) as { flows: Flow[] }).flows;
  };
  const run = (operation: 'push' | 'teardown', http: HttpClient = node, dryRun = false) =>
    runTransaction(
      { driver, http, journal, now: () => performance.now(), concurrency: 8, txId: `${operation}-${lab.requests().length}` },
      { operation, desired, scope: new Set(services.map((s) => s.id)), dryRun },
    );
  return { lab, node, desired, journal, flows, run };
}

/** An HTTP client that lets `hook` see (and replace the answer of) every batch POST. */
function hooked(http: HttpClient, hook: (n: number, send: () => ReturnType<HttpClient['request']>) => ReturnType<HttpClient['request']>): HttpClient {
  let n = 0;
  return {
    request: (method, url, options) => {
      const send = () => http.request(method, url, options);
      if (method !== 'POST' || !url.endsWith(BATCH_POST)) return send();
      n += 1;
      return hook(n, send);
    },
  };
}

describe('batched ONOS push on the lab ONOS', () => {
  it('sends the flows of many services in a few batch POSTs, journals every flow before its batch, acknowledges it with its flow id', async () => {
    const { lab, desired, journal, flows, run } = await setUp(40);
    const unjournaled: string[] = [];
    const http = hooked(createNodeHttpClient(), (_n, send) => {
      // What the journal holds when the batch goes out: an intent for every flow it carries.
      const intents = new Set(journal.all.filter((e): e is Extract<JournalEntry, { type: 'intent' }> => e.type === 'intent').map((e) => e.objectId));
      return send().then((r) => {
        const sent = (lab.requests().at(-1)?.body as { flows: { selector: unknown; deviceId: string }[] }).flows;
        const ids = desired.filter((d) => sent.some((f) => JSON.stringify(f) === JSON.stringify(d.create.body))).map((d) => d.id);
        unjournaled.push(...ids.filter((id) => !intents.has(id)));
        expect(ids).toHaveLength(sent.length);
        return r;
      });
    });
    const result = await run('push', http);
    expect(result).toMatchObject({ ok: true, verified: true });
    expect(unjournaled).toEqual([]);
    const writes = lab.requests().filter((r) => r.method !== 'GET');
    // 40 services × 8 flows in one POST per chain depth, none one flow at a time.
    expect(desired).toHaveLength(320);
    expect(writes.every((w) => w.method === 'POST' && w.path === BATCH_POST)).toBe(true);
    expect(writes.length).toBeLessThanOrEqual(4);
    expect(writes.reduce((n, w) => n + (w.body as { flows: unknown[] }).flows.length, 0)).toBe(320);
    // Each flow is acknowledged with the id ONOS gave it.
    const onLab = new Map((await flows()).map((f) => [f.id, f]));
    expect(onLab.size).toBe(320);
    const applied = journal.all.filter((e): e is Extract<JournalEntry, { type: 'applied' }> => e.type === 'applied');
    expect(applied).toHaveLength(320);
    expect(applied.every((e) => e.record?.handle !== undefined && onLab.has(e.record.handle))).toBe(true);
    expect(result.message).toBe(`320 change(s) in ${result.steps.length} request(s) applied and verified.`);

    // Teardown: every flow removed by id in batch DELETEs (or one delete of the application).
    const before = lab.requests().length;
    expect(await run('teardown')).toMatchObject({ ok: true, verified: true });
    expect(lab.requests().slice(before).filter((r) => r.method !== 'GET').length).toBeLessThanOrEqual(4);
    expect(await flows()).toEqual([]);
  });

  it('keeps batches at most ONOS_BATCH_FLOWS flows and shows them readably in a dry run', async () => {
    const { lab, run } = await setUp(250);
    const dry = await run('push', undefined, true);
    expect(dry.ok).toBe(true);
    const batches = dry.steps.filter((s) => s.step.members !== undefined);
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) {
      expect(b.step.members!.length).toBeLessThanOrEqual(ONOS_BATCH_FLOWS);
      expect(b.step.request).toMatchObject({ method: 'POST', path: BATCH_POST });
      expect(b.step.summary).toMatch(/^\d+ flows of \d+ service\(s\) in one request: \d+ on of:[0-9a-f]{16}/);
    }
    expect(dry.steps.reduce((n, s) => n + (s.step.members?.length ?? 1), 0)).toBe(2000);
    expect(dry.message).toBe(`2000 change(s) in ${dry.steps.length} request(s) would be sent.`);
    expect(lab.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('rolls back a batch whose flows landed but whose answer was lost, and the batches before it', async () => {
    const { lab, journal, flows, run } = await setUp(40);
    const http = hooked(createNodeHttpClient(), async (n, send) => {
      if (n < 2) return send();
      // The batch reaches ONOS, the answer never comes back.
      await send();
      throw new HttpError('timeout', 'POST', BATCH_POST, 'POST timed out after 10000 ms');
    });
    const result = await run('push', http);
    expect(result.ok).toBe(false);
    expect(result.verified).toBe(true);
    expect(result.message).toMatch(/failed: POST timed out.*Rolled back/);
    expect(await flows()).toEqual([]);
    // The undo of the first batch was one batch DELETE, not one request per flow.
    expect(lab.requests().filter((r) => r.method === 'DELETE' && r.path === '/onos/v1/flows').length).toBeGreaterThan(0);
    expect(journal.all.at(-1)).toMatchObject({ type: 'end', outcome: 'rolled-back', verified: true });
  });

  it('rolls back when ONOS refuses a batch (400: nothing of it applied)', async () => {
    const { lab, flows, run } = await setUp(12);
    lab.setFaults([{ match: { method: 'POST', pathIncludes: BATCH_POST }, nth: 2, action: { kind: 'status', status: 400, body: { code: 400, message: 'deviceId member is required in FlowRule' } } }]);
    const result = await run('push');
    expect(result).toMatchObject({ ok: false, verified: true });
    expect(result.message).toMatch(/HTTP 400 .*deviceId member is required in FlowRule/);
    expect(await flows()).toEqual([]);
  });
});
