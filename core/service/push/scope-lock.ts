/**
 * Orders controller operations by the services they are about: operations on disjoint sets of
 * services run at the same time; one about a service waits for every earlier one about it; an
 * operation about every service (`null`: a full push, teardown or drift check) waits for all
 * earlier ones and holds back all later ones. Arrival order is kept wherever scopes meet.
 */
export class ScopeLock {
  private readonly queue: { readonly keys: ReadonlySet<string> | null; readonly start: () => void }[] = [];
  private readonly running: (ReadonlySet<string> | null)[] = [];

  /** Runs `work` once no earlier operation about the same services is queued or running. */
  async run<T>(keys: readonly string[] | null, work: () => Promise<T>): Promise<T> {
    const scope = keys === null ? null : new Set(keys);
    await new Promise<void>((start) => {
      this.queue.push({ keys: scope, start });
      this.pump();
    });
    try {
      return await work();
    } finally {
      this.running.splice(this.running.indexOf(scope), 1);
      this.pump();
    }
  }

  private pump(): void {
    const ahead: (ReadonlySet<string> | null)[] = [...this.running];
    for (let i = 0; i < this.queue.length; ) {
      const entry = this.queue[i]!;
      if (ahead.every((other) => disjoint(other, entry.keys))) {
        this.queue.splice(i, 1);
        this.running.push(entry.keys);
        ahead.push(entry.keys);
        entry.start();
        continue;
      }
      ahead.push(entry.keys);
      i += 1;
    }
  }
}

function disjoint(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (a === null || b === null) return false;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small) if (large.has(key)) return false;
  return true;
}
