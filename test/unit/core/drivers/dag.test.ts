import { describe, expect, it } from 'vitest';
import { runDag } from '../../../../core/drivers/dag';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('runDag', () => {
  it('starts a node only after its dependencies and keeps at most `limit` in flight', async () => {
    const nodes = [
      { seq: 1, dependsOn: [] },
      { seq: 2, dependsOn: [1] },
      { seq: 3, dependsOn: [] },
      { seq: 4, dependsOn: [] },
      { seq: 5, dependsOn: [2, 3] },
      { seq: 6, dependsOn: [] },
    ];
    let inFlight = 0;
    let peak = 0;
    const done = new Set<number>();
    const outcome = await runDag(nodes, 2, async (n) => {
      for (const d of n.dependsOn) expect(done.has(d)).toBe(true);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight -= 1;
      done.add(n.seq);
    });
    expect(peak).toBe(2);
    expect([...outcome.completed].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(outcome.failed).toEqual([]);
    expect(outcome.skipped).toEqual([]);
  });

  it('stops starting work at the first failure but waits for work in flight', async () => {
    const nodes = [1, 2, 3, 4, 5].map((seq) => ({ seq, dependsOn: [] }));
    const started: number[] = [];
    const outcome = await runDag(nodes, 2, async (n) => {
      started.push(n.seq);
      if (n.seq === 1) throw new Error('boom');
      await tick();
    });
    expect(outcome.failed.map((f) => f.seq)).toEqual([1]);
    expect(outcome.completed).toEqual([2]);
    expect(outcome.skipped).toEqual([3, 4, 5]);
    expect(started).toEqual([1, 2]);
  });

  it('runs one at a time with limit 1, in dependency order', async () => {
    const order: number[] = [];
    await runDag([{ seq: 1, dependsOn: [2] }, { seq: 2, dependsOn: [] }, { seq: 3, dependsOn: [1] }], 1, async (n) => void order.push(n.seq));
    expect(order).toEqual([2, 1, 3]);
  });
});
