import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import { buildCliBundle, startServe, stopServe, type ServeProcess } from '../../../helpers/serve-process';
import { flowBody, labWrites, partialChains, vtnChains, WHOLE_CHAIN } from './durable-fixture';

/** Regression of issue 15: `wicm serve` never saved, so a restart forgot every flow it had pushed. */

let bundle: Awaited<ReturnType<typeof buildCliBundle>>;
let lab: LabController;
const dirs: string[] = [];
const servers: ServeProcess[] = [];

beforeAll(async () => {
  bundle = await buildCliBundle();
  lab = await startLabController({ kind: 'odl-vtn' });
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => stopServe(s, 'SIGKILL')));
  await lab?.close();
  await bundle?.remove();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function serve(dataDir: string, args: readonly string[] = []): Promise<ServeProcess> {
  const server = await startServe(bundle.entry, ['--data-dir', dataDir, '--controller', lab.url, '--driver', 'odl-vtn', '--controller-provision', ...args], { WICM_CONTROLLER_PASSWORD: 'admin' });
  servers.push(server);
  return server;
}

describe('wicm serve keeps what it acknowledged', () => {
  it('POST 5 flows, SIGTERM, restart: GET returns them and DELETE removes them from the controller', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wicm-durable-'));
    dirs.push(dataDir);
    const first = await serve(dataDir);
    // Without --project: the default project of the data folder, named on start.
    expect(first.project).toBe(join(dataDir, 'projects', 'sample-wan.wicm'));
    for (let i = 1; i <= 5; i += 1) {
      const res = await fetch(`${first.url}api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(flowBody(i)) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    }
    const chains = vtnChains(lab);
    expect(chains.size).toBe(5);
    expect(partialChains(chains, WHOLE_CHAIN)).toEqual([]);
    await stopServe(first, 'SIGTERM');

    const second = await serve(dataDir);
    expect(second.project).toBe(first.project);
    const flows = ((await (await fetch(`${second.url}api/v1/flows`)).json()) as { flows: unknown[] }).flows;
    expect(JSON.stringify(flows)).toContain('flow-5');
    expect(flows).toHaveLength(5);
    const before = labWrites(lab);
    for (let i = 1; i <= 5; i += 1) {
      const res = await fetch(`${second.url}api/v1/flows/flow-${i}`, { method: 'DELETE' });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    expect(labWrites(lab)).toBeGreaterThan(before);
    expect(vtnChains(lab).size).toBe(0);
    await stopServe(second, 'SIGTERM');
  });
});
