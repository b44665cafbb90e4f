import { SHARED_OWNER, type PushStep } from './driver';

/** How a driver sends several one-object steps in one request. */
export interface BatchRule {
  /** Most objects in one request. */
  readonly limit: number;
  /**
   * What a step may be sent with (same value, same request), or undefined when it goes alone.
   * Steps with a conflict and steps that already are batches always go alone.
   */
  groupOf(step: PushStep): string | undefined;
  /** The one request that sends `members` (two or more steps of one group and action), and what it says in reports. */
  merge(members: readonly PushStep[], seq: number): Pick<PushStep, 'objectId' | 'kind' | 'summary' | 'request'>;
}

/** How deep each step sits in its dependency graph (0 = waits for nothing). */
function levels(steps: readonly PushStep[]): Map<number, number> {
  const bySeq = new Map(steps.map((s) => [s.seq, s]));
  const level = new Map<number, number>();
  const visit = (step: PushStep, path: Set<number>): number => {
    const known = level.get(step.seq);
    if (known !== undefined) return known;
    path.add(step.seq);
    let deepest = -1;
    for (const dep of step.dependsOn) {
      const d = bySeq.get(dep);
      if (d !== undefined && !path.has(dep)) deepest = Math.max(deepest, visit(d, path));
    }
    path.delete(step.seq);
    level.set(step.seq, deepest + 1);
    return deepest + 1;
  };
  for (const s of steps) visit(s, new Set());
  return level;
}

/**
 * Groups one-object steps into batch steps of at most `rule.limit` objects: steps of the same
 * action and group at the same depth of the dependency graph go together (every hop of rank k
 * of every chain in one wave, so a chain still diverts traffic only once its later hops are in
 * place), and a batch waits for the batches holding what its members waited for. Steps are
 * renumbered so that a step comes after what it waits for: writes before deletes, shallow before
 * deep, then in the given order. A group of one stays a plain step.
 */
export function batchSteps(steps: readonly PushStep[], rule: BatchRule): PushStep[] {
  const level = levels(steps);
  // Writes before deletes, then by depth, then in the order the steps came.
  const rank = (step: PushStep): readonly [number, number, number] => [step.action === 'delete' ? 1 : 0, level.get(step.seq) ?? 0, step.seq];
  const groups = new Map<string, PushStep[]>();
  const chunks: PushStep[][] = [];
  for (const step of steps) {
    const group = step.conflict === undefined && step.members === undefined ? rule.groupOf(step) : undefined;
    if (group === undefined) {
      chunks.push([step]);
      continue;
    }
    const key = `${rank(step).slice(0, 2).join('|')}|${step.action}|${group}`;
    const found = groups.get(key);
    if (found === undefined) groups.set(key, [step]);
    else found.push(step);
  }
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += rule.limit) chunks.push(group.slice(i, i + rule.limit));
  }
  const all = chunks
    .map((chunk) => ({ chunk, order: rank(chunk[0] as PushStep) }))
    .sort(({ order: a }, { order: b }) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])
    .map(({ chunk }) => chunk);
  const newSeq = new Map<number, number>();
  all.forEach((chunk, i) => {
    for (const s of chunk) newSeq.set(s.seq, i + 1);
  });
  return all.map((chunk, i): PushStep => {
    const seq = i + 1;
    const dependsOn = [...new Set(chunk.flatMap((s) => s.dependsOn).map((d) => newSeq.get(d)).filter((d): d is number => d !== undefined && d !== seq))].sort((a, b) => a - b);
    const [first] = chunk as [PushStep];
    if (chunk.length === 1) return { ...first, seq, dependsOn };
    const owners = [...new Set(chunk.map((s) => s.serviceId))];
    return {
      seq,
      action: first.action,
      serviceId: owners.length === 1 ? (owners[0] as string) : SHARED_OWNER,
      ...rule.merge(chunk, seq),
      desired: null,
      live: chunk.flatMap((s) => s.live),
      dependsOn,
      members: chunk,
    };
  });
}
