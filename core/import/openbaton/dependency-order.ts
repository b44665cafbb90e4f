/** A dependency edge between VNF indices: `from` is configured before `to`. */
export interface DependencyEdge {
  readonly from: number;
  readonly to: number;
}

/** The outcome of ordering VNFs by their dependencies. */
export type DependencyOrder =
  | {
      readonly kind: 'ordered';
      /** Every VNF index exactly once. */
      readonly order: readonly number[];
      /** VNFs with several targets (index → target indices). */
      readonly fanOut: ReadonlyMap<number, readonly number[]>;
      /** VNFs with several sources (index → source indices). */
      readonly fanIn: ReadonlyMap<number, readonly number[]>;
      /** Weakly connected groups, in output order (more than one = disjoint chains). */
      readonly components: readonly (readonly number[])[];
    }
  | {
      readonly kind: 'cycle';
      /** The VNFs of one cycle in dependency direction (first → … → last → first). */
      readonly cycle: readonly number[];
    };

/**
 * Orders VNFs so that every dependency source precedes its target, deterministically (ties by
 * name, never by input order, which Open Baton takes from hash sets), keeping each branch and
 * each disjoint sub-chain contiguous. Iterative, so long chains cannot overflow the stack.
 */
export function orderByDependencies(names: readonly string[], edges: readonly DependencyEdge[]): DependencyOrder {
  const n = names.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  const seen = new Set<string>();
  for (const { from, to } of edges) {
    const key = `${from}>${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out[from]?.push(to);
    inn[to]?.push(from);
  }
  const byName = (a: number, b: number): number => compare(names[a] ?? '', names[b] ?? '') || a - b;
  for (const list of out) list.sort(byName);
  for (const list of inn) list.sort(byName);

  const indegree = inn.map((l) => l.length);
  const remaining = [...indegree];
  const queue = names.map((_, i) => i).filter((i) => indegree[i] === 0);
  let processed = 0;
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q] as number;
    processed++;
    for (const w of out[v] ?? []) {
      remaining[w] = (remaining[w] ?? 0) - 1;
      if (remaining[w] === 0) queue.push(w);
    }
  }
  if (processed < n) return { kind: 'cycle', cycle: findCycle(remaining, inn) };

  const components = weakComponents(n, out, inn);
  const componentOf = new Map<number, number>();
  components.forEach((members, c) => members.forEach((v) => componentOf.set(v, c)));
  const roots = names.map((_, i) => i).filter((i) => indegree[i] === 0).sort(byName);
  const rootsByComponent = components.map(() => [] as number[]);
  for (const r of roots) rootsByComponent[componentOf.get(r) ?? 0]?.push(r);
  const componentOrder = components
    .map((_, c) => c)
    .sort((a, b) => byName(rootsByComponent[a]?.[0] ?? 0, rootsByComponent[b]?.[0] ?? 0));

  const left = [...indegree];
  const order: number[] = [];
  const orderedComponents: number[][] = [];
  for (const c of componentOrder) {
    const emitted: number[] = [];
    const pendingRoots = rootsByComponent[c] ?? [];
    let nextRoot = 0;
    const stack: number[] = [];
    for (;;) {
      const v = stack.pop() ?? pendingRoots[nextRoot++];
      if (v === undefined) break;
      emitted.push(v);
      const ready = (out[v] ?? []).filter((w) => {
        left[w] = (left[w] ?? 0) - 1;
        return left[w] === 0;
      });
      // Smallest name on top of the stack: it is visited first.
      for (let k = ready.length - 1; k >= 0; k--) stack.push(ready[k] as number);
    }
    order.push(...emitted);
    orderedComponents.push(emitted);
  }
  const fanOut = new Map<number, readonly number[]>();
  const fanIn = new Map<number, readonly number[]>();
  out.forEach((targets, v) => targets.length > 1 && fanOut.set(v, targets));
  inn.forEach((sources, v) => sources.length > 1 && fanIn.set(v, sources));
  return { kind: 'ordered', order, fanOut, fanIn, components: orderedComponents };
}

/** Walks backwards over nodes left after Kahn's algorithm (each has a remaining predecessor). */
function findCycle(remaining: readonly number[], inn: readonly (readonly number[])[]): number[] {
  const start = remaining.findIndex((d) => d > 0);
  const position = new Map<number, number>();
  const path: number[] = [];
  let v = start;
  while (!position.has(v)) {
    position.set(v, path.length);
    path.push(v);
    const pred = (inn[v] ?? []).find((u) => (remaining[u] ?? 0) > 0);
    if (pred === undefined) break;
    v = pred;
  }
  const from = position.get(v) ?? 0;
  return path.slice(from).reverse();
}

function weakComponents(n: number, out: readonly (readonly number[])[], inn: readonly (readonly number[])[]): number[][] {
  const component = new Array<number>(n).fill(-1);
  const result: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (component[s] !== -1) continue;
    const id = result.length;
    const members: number[] = [];
    const stack = [s];
    component[s] = id;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      members.push(v);
      for (const w of [...(out[v] ?? []), ...(inn[v] ?? [])]) {
        if (component[w] === -1) {
          component[w] = id;
          stack.push(w);
        }
      }
    }
    result.push(members);
  }
  return result;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
