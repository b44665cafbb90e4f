import { describe, expect, it } from 'vitest';
import { ScopeLock } from '../../../../core/service/push/scope-lock';

function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe('ScopeLock (controller operations by service)', () => {
  it('runs operations on disjoint services side by side and the same service in order', async () => {
    const lock = new ScopeLock();
    const a = gate();
    const log: string[] = [];
    const first = lock.run(['a'], async () => {
      await a.wait;
      log.push('a1');
    });
    const second = lock.run(['a', 'c'], async () => void log.push('a2'));
    await lock.run(['b'], async () => void log.push('b'));
    expect(log).toEqual(['b']);
    a.open();
    await Promise.all([first, second]);
    expect(log).toEqual(['b', 'a1', 'a2']);
  });

  it('runs an operation about every service alone, keeping arrival order', async () => {
    const lock = new ScopeLock();
    const a = gate();
    const log: string[] = [];
    const first = lock.run(['a'], async () => {
      await a.wait;
      log.push('a');
    });
    const all = lock.run(null, async () => void log.push('all'));
    const later = lock.run(['b'], async () => void log.push('b'));
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual([]);
    a.open();
    await Promise.all([first, all, later]);
    expect(log).toEqual(['a', 'all', 'b']);
  });

  it('goes on after a failed operation', async () => {
    const lock = new ScopeLock();
    await expect(lock.run(['a'], async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(lock.run(['a'], async () => 'next')).resolves.toBe('next');
  });
});
