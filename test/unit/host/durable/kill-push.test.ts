import { describe, expect, it } from 'vitest';
import { stopServe } from '../../../helpers/serve-process';
import { partialChains, serveAgainstLabVtn, vtnChains, WHOLE_CHAIN } from './durable-fixture';

/**
 * kill -9 of `wicm serve` in the middle of a push to the lab VTN (started here, so it outlives
 * the server): the write-ahead journal lets the next start roll the cut-short chain back, so the
 * controller never keeps part of one (issue 15: 8/8 runs left a partial chain).
 */

const RUNS = Number(process.env.WICM_KILL_RUNS ?? 20);
const harness = serveAgainstLabVtn();

const hanging = (): number => harness.lab.requests().filter((r) => r.status === 0).length;

/** Resolves once the lab holds one more request it hangs on (the fault's signal), bounded. */
async function hangReached(seen: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (hanging() <= seen) {
    if (Date.now() > deadline) throw new Error('the push never reached the hanging write');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('kill -9 during a push', () => {
  it(`leaves 0 partial chains on the lab VTN after recovery, over ${RUNS} runs`, async () => {
    if (RUNS < 20) console.log(`kill -9 during a push: ${RUNS} runs instead of 20 (WICM_KILL_RUNS)`);
    const dataDir = await harness.tempDir('wicm-kill-push-');
    let server = await harness.serve(dataDir);
    // Two whole flows the crash must not touch.
    for (const id of [1, 2]) expect((await harness.post(server, id)).status).toBeLessThan(300);
    expect(partialChains(vtnChains(harness.lab), WHOLE_CHAIN)).toEqual([]);
    let rolledBack = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const before = vtnChains(harness.lab);
      // The (run % 10 + 1)th write of this push hangs: the steps before it were acknowledged.
      harness.lab.setFaults([{ nth: (run % WHOLE_CHAIN) + 1, action: { kind: 'hang' } }]);
      const seen = hanging();
      const cut = harness.post(server, 100 + run).catch(() => undefined);
      await hangReached(seen);
      await stopServe(server, 'SIGKILL');
      await cut;
      harness.lab.setFaults([]);
      server = await harness.serve(dataDir);
      if (/Recovery: .*rolled back/.test(server.stdout())) rolledBack += 1;
      const after = vtnChains(harness.lab);
      expect(partialChains(after, WHOLE_CHAIN), `run ${run}: partial chains after recovery`).toEqual([]);
      expect(after, `run ${run}: the acknowledged flows are untouched, the cut one is gone`).toEqual(before);
    }
    expect(rolledBack).toBe(RUNS);
    await stopServe(server, 'SIGTERM');
  }, 150_000);
});
