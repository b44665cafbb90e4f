import { describe, expect, it } from 'vitest';
import { LAB_DEFAULT_CREDENTIALS } from '../../../../electron/host/lab';
import { stopServe } from '../../../helpers/serve-process';
import { serveAgainstLab } from './durable-fixture';

/**
 * kill -9 of `wicm serve` while a batch of flows is on its way to the lab ONOS (one `POST
 * /onos/v1/flows` carrying several flows): the batch was journaled flow by flow before it went
 * out, so the next start finds and removes whatever it and the batches before it installed,
 * whether the batch landed (its answer lost) or not, and the flows of other services stay.
 */

const APP = 'org.wicm.kill';
const BATCH = `/onos/v1/flows?appId=${APP}`;
const RUNS = Number(process.env.WICM_KILL_RUNS ?? 8);

const harness = serveAgainstLab('onos', ['--driver', 'onos', '--controller-user', 'admin', '--controller-app-id', APP], {
  WICM_CONTROLLER_PASSWORD: LAB_DEFAULT_CREDENTIALS.onos.password,
});

const auth = `Basic ${Buffer.from(`${LAB_DEFAULT_CREDENTIALS.onos.user}:${LAB_DEFAULT_CREDENTIALS.onos.password}`).toString('base64')}`;

/** Flow ids of the application on the lab ONOS, sorted. */
async function flowIds(): Promise<string[]> {
  const r = await fetch(`${harness.lab.url}/onos/v1/flows/application/${APP}`, { headers: { authorization: auth } });
  if (r.status === 404) return [];
  return ((await r.json()) as { flows: { id: string }[] }).flows.map((f) => f.id).sort();
}

const hung = () => harness.lab.requests().filter((r) => r.status === 0 && r.path === BATCH);

/** Resolves with the hung batch once the lab holds one more, bounded. */
async function hangReached(seen: number): Promise<{ path: string; body: unknown }> {
  const deadline = Date.now() + 20_000;
  while (hung().length <= seen) {
    if (Date.now() > deadline) throw new Error('the push never reached the hanging batch');
    await new Promise((r) => setTimeout(r, 2));
  }
  return hung().at(-1)!;
}

describe('kill -9 during a batched ONOS push', () => {
  it(`leaves none of the cut service's flows after recovery, over ${RUNS} runs`, async () => {
    const dataDir = await harness.tempDir('wicm-kill-onos-');
    let server = await harness.serve(dataDir);
    for (const id of [1, 2]) expect((await harness.post(server, id)).status).toBeLessThan(300);
    const whole = await flowIds();
    // Both directions through two PoPs: 8 flows a service, sent as batches per chain depth.
    expect(whole).toHaveLength(16);
    const batches = harness.lab.requests().filter((r) => r.method === 'POST' && r.path === BATCH);
    expect(batches.length).toBeGreaterThan(0);
    const perService = batches.length / 2;
    expect(batches.every((b) => (b.body as { flows: unknown[] }).flows.length > 1)).toBe(true);
    let rolledBack = 0;
    for (let run = 0; run < RUNS; run += 1) {
      // The (run % batches + 1)th batch of this push hangs; on odd runs it has landed anyway.
      harness.lab.setFaults([{ match: { method: 'POST', pathIncludes: BATCH }, nth: (run % perService) + 1, action: { kind: 'hang' } }]);
      const seen = hung().length;
      const cut = harness.post(server, 100 + run).catch(() => undefined);
      const batch = await hangReached(seen);
      harness.lab.setFaults([]);
      if (run % 2 === 1) {
        const landed = await fetch(`${harness.lab.url}${batch.path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(batch.body) });
        expect(landed.status).toBe(200);
        expect((await flowIds()).length).toBeGreaterThan(whole.length);
      }
      await stopServe(server, 'SIGKILL');
      await cut;
      const logged = harness.lab.requests().length;
      server = await harness.serve(dataDir);
      if (/Recovery: .*rolled back/.test(server.stdout())) rolledBack += 1;
      // What the cut push installed is removed in batch deletes, never one request per flow.
      const deletes = harness.lab.requests().slice(logged).filter((r) => r.method === 'DELETE');
      expect(deletes.every((r) => r.path === '/onos/v1/flows' && r.status === 204)).toBe(true);
      if (run % 2 === 1 || run % perService > 0) expect(deletes.length).toBeGreaterThan(0);
      expect(await flowIds(), `run ${run}: the whole services are untouched, the cut one is gone`).toEqual(whole);
    }
    expect(rolledBack).toBe(RUNS);
    await stopServe(server, 'SIGTERM');
  }, 150_000);
});
