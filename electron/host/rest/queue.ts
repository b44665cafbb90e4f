/**
 * The model lock of the REST API, with per-service locks and controller I/O outside the lock.
 *
 * - Model changes are serialised: a task runs only while it holds the one model lock, so
 *   allocations read by one plan are never released or taken by a concurrent request in
 *   between its steps.
 * - A task may name the services it is about (`keys`). It holds their service locks for its
 *   whole life, so requests about the same service run in arrival order, start to end.
 *   A task that names none is a barrier: it waits for every earlier task to finish, and no later
 *   task passes it (safe for requests that touch an unknown set of services).
 * - A task gets a {@link Lease}: `lease.outside(fn)` runs controller I/O without the model lock;
 *   other tasks change the model meanwhile, and the task gets the lock back ahead of every
 *   waiting task. The lease is passed explicitly (not found through async context), so only the
 *   task that holds the lock can give it up, and no `await` in the process pays for tracking it.
 *   A slow controller write thus delays only requests about the same service (and the
 *   controller's own concurrency limit), never unrelated ones.
 */
export class SerialQueue {
  private readonly waiters: Waiter[] = [];
  private readonly heldKeys = new Map<string, number>();
  private modelHeld = false;
  /** Tasks with or waiting for a lock (running, outside or queued). */
  private live = 0;

  /** Tasks queued or running (outside phases included). */
  get depth(): number {
    return this.live;
  }

  /**
   * Runs `task` holding the model lock (and the service locks of `keys`), after every earlier
   * task about the same services (every earlier task, without keys); resolves or rejects with it.
   */
  async run<T>(task: (lease: Lease) => Promise<T>, keys?: readonly string[]): Promise<T> {
    const token: TaskToken = { keys: keys === undefined ? null : [...new Set(keys)], holdsModel: false };
    this.live++;
    try {
      await this.acquire(token, false);
      for (const key of token.keys ?? []) this.heldKeys.set(key, (this.heldKeys.get(key) ?? 0) + 1);
      try {
        return await task({ outside: (io) => this.outside(token, io) });
      } finally {
        for (const key of token.keys ?? []) {
          const left = (this.heldKeys.get(key) ?? 1) - 1;
          if (left === 0) this.heldKeys.delete(key);
          else this.heldKeys.set(key, left);
        }
        if (token.holdsModel) this.releaseModel(token);
      }
    } finally {
      this.live--;
      this.pump();
    }
  }

  /** Runs `io` without the model lock `token` holds, then takes the lock back; just runs it when not held. */
  private async outside<T>(token: TaskToken, io: () => Promise<T>): Promise<T> {
    if (!token.holdsModel) return io();
    this.releaseModel(token);
    try {
      return await io();
    } finally {
      await this.acquire(token, true);
    }
  }

  private acquire(token: TaskToken, resuming: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiter: Waiter = { token, resuming, grant: resolve };
      if (resuming) this.waiters.unshift(waiter);
      else this.waiters.push(waiter);
      this.pump();
    });
  }

  private releaseModel(token: TaskToken): void {
    token.holdsModel = false;
    this.modelHeld = false;
    this.pump();
  }

  /** Grants the model lock to the first waiter that may go now. */
  private pump(): void {
    if (this.modelHeld) return;
    const blocked = new Set<string>();
    for (const [i, waiter] of this.waiters.entries()) {
      const keys = waiter.token.keys;
      if (waiter.resuming) return this.grant(i);
      if (keys === null) {
        // A barrier goes when it is first in line and nothing else holds a service.
        if (i === 0 && this.heldKeys.size === 0 && this.live === this.waiters.length) return this.grant(i);
        return;
      }
      if (keys.every((k) => !this.heldKeys.has(k) && !blocked.has(k)) && !this.barrierRunning()) return this.grant(i);
      for (const k of keys) blocked.add(k);
    }
  }

  /** Whether a keyless task is running outside the lock (it excludes everything). */
  private barrierRunning(): boolean {
    return this.heldKeys.has(BARRIER);
  }

  private grant(index: number): void {
    const [waiter] = this.waiters.splice(index, 1);
    if (waiter === undefined) return;
    this.modelHeld = true;
    waiter.token.holdsModel = true;
    if (waiter.token.keys === null && !waiter.resuming) waiter.token.keys = [BARRIER];
    waiter.grant();
  }
}

/** What a running task holds its locks by. */
export interface Lease {
  /**
   * Runs `io` (controller requests) without the model lock, then takes the lock back before
   * returning. Called while the lock is already given up (from inside another `io`), it just runs `io`.
   */
  outside<T>(io: () => Promise<T>): Promise<T>;
}

/** Service key a keyless task holds while it runs. */
const BARRIER = '\u0000barrier';

interface TaskToken {
  keys: string[] | null;
  holdsModel: boolean;
}

interface Waiter {
  readonly token: TaskToken;
  readonly resuming: boolean;
  readonly grant: () => void;
}

/**
 * The service key of an Open Baton event (`/api/v1/nfvo/init` and `/nfvo/delete`): its NSR id
 * (`payload.id`, or `id` of a bare NSR), which is also the id of the service it makes. Keyed by
 * it, such a request waits only for requests about the same NSR; without one (a body the route
 * will refuse) it stays a barrier.
 */
export function nsrKeys(body: unknown): string[] | undefined {
  const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const root = record(body);
  const id = (record(root?.['payload']) ?? root)?.['id'];
  return typeof id === 'string' && id !== '' ? [id] : undefined;
}
