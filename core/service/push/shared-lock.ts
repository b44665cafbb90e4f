import { desiredInScope, journalOwned, sameContent, SHARED_OWNER, type DesiredObject, type PushJournal } from '../../drivers';

/**
 * One controller target's shared objects (VTN tenant, vBridges, vInterfaces, port maps): pushes
 * and teardowns that leave them as they are run side by side; one that creates, changes or
 * removes them runs alone. Its rollback deletes what it created, and a concurrent push's filters
 * would hang under those very objects. Waiting operations start in arrival order.
 *
 * Whether an operation must run alone is decided when its turn comes, not when it arrives: in a
 * first wave of pushes the first one creates the shared objects, and the others, which asked
 * for them too, find them in place and run side by side.
 */
export class SharedObjectsLock {
  private readers = 0;
  private writing = false;
  private readonly queue: { readonly alone: () => boolean; readonly start: (alone: boolean) => void }[] = [];

  /** Runs `work` alone or beside others, as `alone` (asked when its turn comes) says. */
  async run<T>(alone: boolean | (() => boolean), work: () => Promise<T>): Promise<T> {
    const decide = typeof alone === 'function' ? alone : () => alone;
    const exclusive = await new Promise<boolean>((start) => {
      this.queue.push({ alone: decide, start });
      this.pump();
    });
    try {
      return await work();
    } finally {
      if (exclusive) this.writing = false;
      else this.readers -= 1;
      this.pump();
    }
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.writing) {
      const next = this.queue[0]!;
      const alone = next.alone();
      if (alone && this.readers > 0) return;
      this.queue.shift();
      if (alone) this.writing = true;
      else this.readers += 1;
      next.start(alone);
    }
  }
}

/**
 * Whether an operation touches shared objects: a full teardown, or a push that would write one
 * (of those its services stand on, `scope`) the journal does not hold as wanted.
 */
export function changesShared(operation: 'push' | 'teardown', fullScope: boolean, desired: readonly DesiredObject[], journal: PushJournal, scope?: ReadonlySet<string>): boolean {
  if (operation === 'teardown') return fullScope;
  const shared = (scope === undefined ? desired : desiredInScope(desired, scope)).filter((d) => d.serviceId === SHARED_OWNER);
  if (shared.length === 0) return false;
  const owned = journalOwned(journal);
  return shared.some((d) => !sameContent(owned.get(d.id)?.content, d.content));
}

const locks = new WeakMap<object, Map<string, SharedObjectsLock>>();

/** The lock of one target in one open project. */
export function sharedObjectsLock(session: object, targetKey: string): SharedObjectsLock {
  let byTarget = locks.get(session);
  if (!byTarget) locks.set(session, (byTarget = new Map()));
  let lock = byTarget.get(targetKey);
  if (!lock) byTarget.set(targetKey, (lock = new SharedObjectsLock()));
  return lock;
}
