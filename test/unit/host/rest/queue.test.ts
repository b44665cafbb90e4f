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

describe('SerialQueue with service keys and controller I/O outside the lock', () => {
  const gate = (): { wait: Promise<void>; open: () => void } => {
    let open: () => void = () => undefined;
    const wait = new Promise<void>((r) => (open = r));
    return { wait, open };
  };

  it('lets an unrelated task change the model while another waits on its controller', async () => {
    const queue = new SerialQueue();
    const io = gate();
    const log: string[] = [];
    const slow = queue.run(async (lease) => {
      log.push('slow model');
      await lease.outside(() => io.wait);
      log.push('slow after io');
    }, ['a']);
    await new Promise((r) => setImmediate(r));
    await queue.run(async () => void log.push('other'), ['b']);
    expect(log).toEqual(['slow model', 'other']);
    io.open();
    await slow;
    expect(log).toEqual(['slow model', 'other', 'slow after io']);
  });

  it('keeps tasks about the same service in arrival order, start to end', async () => {
    const queue = new SerialQueue();
    const io = gate();
    const log: string[] = [];
    const first = queue.run(async (lease) => {
      await lease.outside(() => io.wait);
      log.push('first');
    }, ['a']);
    const second = queue.run(async () => void log.push('second'), ['a']);
    const unrelated = queue.run(async () => void log.push('unrelated'), ['b']);
    await unrelated;
    expect(log).toEqual(['unrelated']);
    io.open();
    await Promise.all([first, second]);
    expect(log).toEqual(['unrelated', 'first', 'second']);
  });

  it('runs a task without keys alone: after every earlier task, before every later one', async () => {
    const queue = new SerialQueue();
    const io = gate();
    const log: string[] = [];
    const keyed = queue.run(async (lease) => {
      await lease.outside(() => io.wait);
      log.push('keyed');
    }, ['a']);
    const barrier = queue.run(async () => void log.push('barrier'));
    const later = queue.run(async () => void log.push('later'), ['b']);
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual([]);
    io.open();
    await Promise.all([keyed, barrier, later]);
    expect(log).toEqual(['keyed', 'barrier', 'later']);
    expect(queue.depth).toBe(0);
  });

  it('runs a nested outside() directly: the lock is already given up', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const io = async (): Promise<string> => {
      await queue.run(async () => void log.push('other'), ['b']);
      return 'io';
    };
    const nested = queue.run(async (lease) => lease.outside(() => lease.outside(io)), ['a']);
    await expect(nested).resolves.toBe('io');
    expect(log).toEqual(['other']);
    expect(queue.depth).toBe(0);
  });
});
