import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopServe } from '../../../helpers/serve-process';
import { flowBody, labWrites, partialChains, serveAgainstLabVtn, vtnChains, WHOLE_CHAIN } from './durable-fixture';

/** Regression of issue 15: `wicm serve` never saved, so a restart forgot every flow it had pushed. */

const harness = serveAgainstLabVtn();

describe('wicm serve keeps what it acknowledged', () => {
  it('POST 5 flows, SIGTERM, restart: GET returns them and DELETE removes them from the controller', async () => {
    const dataDir = await harness.tempDir('wicm-durable-');
    const first = await harness.serve(dataDir);
    // Without --project: the default project of the data folder, named on start.
    expect(first.project).toBe(join(dataDir, 'projects', 'sample-wan.wicm'));
    for (let i = 1; i <= 5; i += 1) {
      const res = await fetch(`${first.url}api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(flowBody(i)) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    }
    const chains = vtnChains(harness.lab);
    expect(chains.size).toBe(5);
    expect(partialChains(chains, WHOLE_CHAIN)).toEqual([]);
    await stopServe(first, 'SIGTERM');

    const second = await harness.serve(dataDir);
    expect(second.project).toBe(first.project);
    const flows = ((await (await fetch(`${second.url}api/v1/flows`)).json()) as { flows: unknown[] }).flows;
    expect(JSON.stringify(flows)).toContain('flow-5');
    expect(flows).toHaveLength(5);
    const before = labWrites(harness.lab);
    for (let i = 1; i <= 5; i += 1) {
      const res = await fetch(`${second.url}api/v1/flows/flow-${i}`, { method: 'DELETE' });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    expect(labWrites(harness.lab)).toBeGreaterThan(before);
    expect(vtnChains(harness.lab).size).toBe(0);
    await stopServe(second, 'SIGTERM');
  });
});
