import { describe, expect, it } from 'vitest';
import { SharedObjectsLock } from '../../../../../core/service/push/shared-lock';

/** A task that records when it starts and finishes once released. */
function gate(log: string[], name: string): { readonly work: () => Promise<void>; readonly release: () => void } {
  let release = (): void => undefined;
  const done = new Promise<void>((r) => (release = r));
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    release: () => release(),
  };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('shared objects lock', () => {
  it('runs pushes that leave shared objects alone side by side, and one that changes them alone, in arrival order', async () => {
    const lock = new SharedObjectsLock();
    const log: string[] = [];
    const [a, b, w, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'w'), gate(log, 'c')];
    const runs = [lock.run(false, a.work), lock.run(false, b.work), lock.run(true, w.work), lock.run(false, c.work)];
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    a.release();
    await settle();
    expect(log).not.toContain('start w');
    b.release();
    await settle();
    expect(log.slice(-1)).toEqual(['start w']);
    expect(log).not.toContain('start c');
    w.release();
    await settle();
    expect(log.slice(-1)).toEqual(['start c']);
    c.release();
    await Promise.all(runs);
  });

  it('decides whether to run alone when its turn comes: a wave asking for the same shared objects runs side by side after the first', async () => {
    const lock = new SharedObjectsLock();
    const log: string[] = [];
    let sharedInPlace = false;
    const needsShared = (): boolean => !sharedInPlace;
    const [first, b, c] = [gate(log, 'first'), gate(log, 'b'), gate(log, 'c')];
    const runs = [lock.run(needsShared, first.work), lock.run(needsShared, b.work), lock.run(needsShared, c.work)];
    await settle();
    expect(log).toEqual(['start first']);
    sharedInPlace = true;
    first.release();
    await settle();
    // Both found the shared objects in place once it was their turn: they overlap.
    expect(log).toEqual(['start first', 'end first', 'start b', 'start c']);
    b.release();
    c.release();
    await Promise.all(runs);
  });

  it('goes on after a failed operation', async () => {
    const lock = new SharedObjectsLock();
    await expect(lock.run(true, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(lock.run(false, () => Promise.resolve(7))).resolves.toBe(7);
  });
});
