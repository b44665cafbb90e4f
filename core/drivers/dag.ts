/** A unit of work that waits for others. */
export interface DagNode {
  readonly seq: number;
  readonly dependsOn: readonly number[];
}

/** How a run ended. */
export interface DagOutcome {
  /** Seqs that ran to completion, in completion order. */
  readonly completed: readonly number[];
  /** Seqs whose work rejected, in the order they failed. */
  readonly failed: readonly { readonly seq: number; readonly error: unknown }[];
  /** Seqs never started (a failure stopped the run, or a dependency failed). */
  readonly skipped: readonly number[];
}

/**
 * Runs `work` for every node once all its dependencies completed, at most `limit` at a time.
 *
 * The first failure stops new starts; work already in flight is awaited (so the caller knows
 * exactly what reached the controller). Dependencies outside `nodes` count as satisfied.
 */
export async function runDag<T extends DagNode>(nodes: readonly T[], limit: number, work: (node: T) => Promise<void>): Promise<DagOutcome> {
  const bySeq = new Map(nodes.map((n) => [n.seq, n]));
  const waiting = new Map<number, number>();
  const dependents = new Map<number, number[]>();
  for (const node of nodes) {
    const deps = node.dependsOn.filter((d) => bySeq.has(d));
    waiting.set(node.seq, deps.length);
    for (const d of deps) {
      const list = dependents.get(d);
      if (list === undefined) dependents.set(d, [node.seq]);
      else list.push(node.seq);
    }
  }
  const ready = nodes.filter((n) => waiting.get(n.seq) === 0).map((n) => n.seq);
  let next = 0;
  const started = new Set<number>();
  const completed: number[] = [];
  const failed: { seq: number; error: unknown }[] = [];
  const max = Math.max(1, Math.floor(limit));

  await new Promise<void>((resolve) => {
    let inFlight = 0;
    const pump = (): void => {
      while (failed.length === 0 && inFlight < max && next < ready.length) {
        const seq = ready[next] as number;
        next += 1;
        const node = bySeq.get(seq) as T;
        started.add(seq);
        inFlight += 1;
        work(node).then(
          () => {
            inFlight -= 1;
            completed.push(seq);
            for (const next of dependents.get(seq) ?? []) {
              const left = (waiting.get(next) ?? 1) - 1;
              waiting.set(next, left);
              if (left === 0) ready.push(next);
            }
            pump();
          },
          (error: unknown) => {
            inFlight -= 1;
            failed.push({ seq, error });
            pump();
          },
        );
      }
      if (inFlight === 0 && (failed.length > 0 || next >= ready.length)) resolve();
    };
    pump();
  });
  return { completed, failed, skipped: nodes.map((n) => n.seq).filter((s) => !started.has(s)) };
}
