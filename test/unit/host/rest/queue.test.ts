import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../../../electron/host/rest/queue';

describe('SerialQueue', () => {
  it('runs tasks one at a time in arrival order, whatever each awaits', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([queue.run(task('a', 15)), queue.run(task('b', 1)), queue.run(task('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.depth).toBe(0);
  });

  it('goes on after a failed task and hands its error to the caller only', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('nope');
    });
    const next = queue.run(async () => 'still running');
    await expect(failed).rejects.toThrow('nope');
    await expect(next).resolves.toBe('still running');
  });
});
