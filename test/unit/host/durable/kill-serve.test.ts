import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';
import { seededRandom } from '../../../helpers/seeded-random';
import { stopServe, type ServeProcess } from '../../../helpers/serve-process';
import { partialChains, serveAgainstLabVtn, vtnChains, WHOLE_CHAIN } from './durable-fixture';

/**
 * kill -9 of `wicm serve` (issue 15): a 2xx means on disk, and a push a crash cut short is rolled
 * back on the next start, so the controller never keeps part of a redirection chain.
 */

const RUNS = Number(process.env.WICM_KILL_RUNS ?? 20);
const harness = serveAgainstLabVtn();

async function flowIds(server: ServeProcess): Promise<string[]> {
  const body = (await (await fetch(`${server.url}api/v1/flows`)).json()) as { flows: unknown[] };
  return [...JSON.stringify(body.flows).matchAll(/"instance_id":"(flow-\d+)"/g)].map((m) => m[1] as string);
}

/** Rows of the project file that point at a service it does not have. */
async function orphans(path: string): Promise<number> {
  const sql = await loadSqlEngine();
  const db = new sql.Database(new Uint8Array(await readFile(path)));
  try {
    const q = (text: string): number => Number(db.exec(text)[0]?.values[0]?.[0] ?? 0);
    return q('SELECT count(*) FROM allocations WHERE service_id NOT IN (SELECT id FROM services)') + q('SELECT count(*) FROM plans WHERE service_id NOT IN (SELECT id FROM services)');
  } finally {
    db.close();
  }
}

describe('kill -9 of wicm serve', () => {
  it(`keeps every acknowledged flow and leaves nothing half-made, over ${RUNS} kills during 200 concurrent requests`, async () => {
    if (RUNS < 20) console.log(`kill -9 during 200 concurrent requests: ${RUNS} runs instead of 20 (WICM_KILL_RUNS)`);
    const random = seededRandom(15);
    harness.lab.reset();
    const dataDir = await harness.tempDir('wicm-kill-');
    // One project across the runs: each restart is the next run's server (one start-up per run).
    let server = await harness.serve(dataDir);
    const acked = new Set<string>();
    for (let run = 0; run < RUNS; run += 1) {
      const killAfter = 1 + Math.floor(random() * 4);
      let ackedNow = 0;
      let killed: Promise<void> | undefined;
      const victim = server;
      const requests = Array.from({ length: 200 }, (_, k) => {
        const id = run * 200 + k + 1;
        return harness.post(victim, id)
          .then((res) => {
            // Every 2xx counts, also one that arrives after the kill was decided.
            if (res.status < 200 || res.status >= 300) return;
            acked.add(`flow-${id}`);
            ackedNow += 1;
            if (ackedNow >= killAfter && !killed) killed = stopServe(victim, 'SIGKILL');
          })
          .catch(() => undefined);
      });
      await Promise.all(requests);
      await (killed ?? stopServe(victim, 'SIGKILL'));

      server = await harness.serve(dataDir);
      const ids = new Set(await flowIds(server));
      const lost = [...acked].filter((id) => !ids.has(id));
      expect(lost, `run ${run}: acknowledged but gone after restart`).toEqual([]);
      expect(partialChains(vtnChains(harness.lab), WHOLE_CHAIN), `run ${run}: partial chains on the controller`).toEqual([]);
    }
    await stopServe(server, 'SIGTERM');
    expect(await orphans(server.project as string), 'rows without their service').toBe(0);
  }, 150_000);
});
