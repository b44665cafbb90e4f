import { sameContent } from './canonical';
import { SHARED_OWNER, type ChainPosition, type DesiredObject, type DiffScope, type LiveObject, type OwnedObject, type PushStep } from './driver';

/** A step before it is numbered and ordered. */
export type Change = Omit<PushStep, 'seq' | 'dependsOn'> & {
  readonly after: readonly string[];
  readonly chain?: ChainPosition;
};

/** Whether a service is in the scope of a diff. */
export function inScope(scope: DiffScope, serviceId: string): boolean {
  return scope === 'all' || scope.has(serviceId);
}

/**
 * The changes that turn `live` into `desired`, by object id.
 *
 * - desired and absent → create; desired and different → update, unless the live object is
 *   not the project's (then the change carries a `conflict` and must not run);
 * - live, owned by an in-scope service and no longer desired → delete. Shared (provisioning)
 *   objects and objects the project does not own are never deleted.
 */
export function diffChanges(desired: readonly DesiredObject[], live: readonly LiveObject[], owned: ReadonlyMap<string, OwnedObject>, scope: DiffScope): Change[] {
  const liveById = new Map(live.map((l) => [l.id, l]));
  const desiredIds = new Set(desired.map((d) => d.id));
  const changes: Change[] = [];
  for (const d of desired) {
    const current = liveById.get(d.id);
    if (current !== undefined && sameContent(d.content, current.content)) continue;
    const base = { objectId: d.id, serviceId: d.serviceId, kind: d.kind, summary: d.summary, request: d.create, desired: d, after: d.after, ...(d.chain ? { chain: d.chain } : {}) };
    if (current === undefined) {
      changes.push({ ...base, action: 'create', live: [] });
      continue;
    }
    const isOurs = owned.has(d.id);
    changes.push({
      ...base,
      action: 'update',
      live: [current],
      ...(isOurs ? {} : { conflict: `${current.summary} already exists on the controller with other content and was not created by this project; remove or rename it, or re-plan` }),
    });
  }
  for (const l of live) {
    if (desiredIds.has(l.id)) continue;
    const mine = owned.get(l.id);
    if (mine === undefined || mine.serviceId === SHARED_OWNER || !inScope(scope, mine.serviceId)) continue;
    const chain = mine.chain ?? l.chain;
    changes.push({
      action: 'delete',
      objectId: l.id,
      serviceId: mine.serviceId,
      kind: l.kind,
      summary: l.summary,
      request: l.remove,
      desired: null,
      live: [l],
      after: l.after,
      ...(chain ? { chain } : {}),
    });
  }
  return changes;
}

/** The nearest change of the same chain on the given side of `rank`, if any. */
function neighbour(chains: ReadonlyMap<string, readonly { rank: number; seq: number }[]>, chain: ChainPosition | undefined, side: 'above' | 'below'): number | undefined {
  if (chain === undefined) return undefined;
  const members = chains.get(chain.key) ?? [];
  const candidates = members.filter((m) => (side === 'above' ? m.rank > chain.rank : m.rank < chain.rank));
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (side === 'above' ? (b.rank < a.rank ? b : a) : b.rank > a.rank ? b : a));
  return best.seq;
}

function chainsOf(entries: readonly { change: Change; seq: number }[]): Map<string, { rank: number; seq: number }[]> {
  const chains = new Map<string, { rank: number; seq: number }[]>();
  for (const { change, seq } of entries) {
    if (change.chain === undefined) continue;
    const members = chains.get(change.chain.key) ?? [];
    members.push({ rank: change.chain.rank, seq });
    chains.set(change.chain.key, members);
  }
  return chains;
}

/**
 * Numbers the changes and records what each waits for.
 *
 * Writes (create, update) come first, in the given order: an object waits for the objects it
 * names in `after` (a filter for its condition) and, along a chain, for the next hop, so traffic
 * is only diverted once every later hop is in place. Deletes come last and run the other way
 * round: the first hop goes first, a condition only after the filters that use it.
 */
export function sequenceSteps(changes: readonly Change[]): PushStep[] {
  const writes = changes.filter((c) => c.action !== 'delete');
  const deletes = [...changes.filter((c) => c.action === 'delete')].sort((a, b) => (a.chain?.rank ?? 0) - (b.chain?.rank ?? 0));
  const numbered = [...writes, ...deletes].map((change, i) => ({ change, seq: i + 1 }));
  const writeEntries = numbered.slice(0, writes.length);
  const deleteEntries = numbered.slice(writes.length);
  const writeSeq = new Map(writeEntries.map((e) => [e.change.objectId, e.seq]));
  const writeChains = chainsOf(writeEntries);
  const deleteChains = chainsOf(deleteEntries);
  // A delete waits for the deletes of the objects that depend on it.
  const dependents = new Map<string, number[]>();
  for (const { change, seq } of deleteEntries) {
    for (const id of change.after) {
      const list = dependents.get(id);
      if (list === undefined) dependents.set(id, [seq]);
      else list.push(seq);
    }
  }
  return numbered.map(({ change, seq }) => {
    const isDelete = change.action === 'delete';
    const deps = isDelete
      ? [...(dependents.get(change.objectId) ?? []), neighbour(deleteChains, change.chain, 'below')]
      : [...change.after.map((id) => writeSeq.get(id)), neighbour(writeChains, change.chain, 'above')];
    const dependsOn = [...new Set(deps.filter((d): d is number => d !== undefined && d !== seq))].sort((a, b) => a - b);
    const { after: _after, chain: _chain, ...step } = change;
    return { ...step, seq, dependsOn };
  });
}

/** The generic diff: changes by id, numbered and ordered (see {@link diffChanges}, {@link sequenceSteps}). */
export function diffObjects(desired: readonly DesiredObject[], live: readonly LiveObject[], owned: ReadonlyMap<string, OwnedObject>, scope: DiffScope): PushStep[] {
  return sequenceSteps(diffChanges(desired, live, owned, scope));
}
