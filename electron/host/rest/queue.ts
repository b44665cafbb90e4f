/**
 * One-at-a-time execution of async tasks, in arrival order.
 *
 * Every REST request that changes the model runs its whole sequence (import → plan → push, or
 * teardown → remove) as one task, so another request's model changes never land between its
 * steps: allocations read by one plan are never released or taken by a concurrent request
 * before that request has pushed or rolled back.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Tasks queued or running. */
  get depth(): number {
    return this.waiting;
  }

  /** Runs `task` after every task queued before it has settled; resolves or rejects with it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(task);
    // The chain must go on whether this task fails or not.
    this.tail = result.then(
      () => this.done(),
      () => this.done(),
    );
    return result;
  }

  private done(): void {
    this.waiting--;
  }
}
