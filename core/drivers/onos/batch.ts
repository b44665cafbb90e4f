import { SHARED_OWNER, type PushStep } from '../driver';
import { record } from '../canonical';
import { FLOWS } from './read';

/** The device of a one-flow step (from the flow it writes or the one it removes). */
export function deviceOfStep(step: PushStep): string {
  const body = step.desired !== null ? step.desired.create.body : step.live[0]?.restore.body;
  return String(record(body).deviceId);
}

/** `POST /onos/v1/flows?appId=` with these flow bodies (each names its `deviceId`). */
export function batchCreateRequest(flows: readonly unknown[], appId: string): PushStep['request'] {
  return { method: 'POST', path: `${FLOWS}?appId=${encodeURIComponent(appId)}`, body: { flows } };
}

/** `DELETE /onos/v1/flows` with `{"flows":[{deviceId, flowId}]}`. */
export function batchDeleteRequest(flows: readonly { readonly deviceId: string; readonly flowId: string }[]): PushStep['request'] {
  return { method: 'DELETE', path: FLOWS, body: { flows } };
}

/** "120 flows on of:…01, 80 on of:…02" — what a batch writes where, for reports and dry runs. */
function batchSummary(members: readonly PushStep[]): string {
  const perDevice = new Map<string, number>();
  for (const m of members) {
    const device = deviceOfStep(m);
    perDevice.set(device, (perDevice.get(device) ?? 0) + 1);
  }
  const services = new Set(members.map((m) => m.serviceId)).size;
  const shown = [...perDevice]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 4)
    .map(([device, n]) => `${n} on ${device}`);
  const more = perDevice.size > 4 ? ` and ${perDevice.size - 4} more device(s)` : '';
  return `${members.length} flows of ${services} service(s) in one request: ${shown.join(', ')}${more}`;
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
 * Groups one-flow steps into batch steps of at most `limit` flows: steps of the same action at
 * the same depth of the dependency graph go together (every hop of rank k of every chain in one
 * wave, so a chain still diverts traffic only once its later hops are in place), and a batch
 * waits for the batches holding what its members waited for. A group of one stays a plain
 * step; steps with a conflict and non-flow steps (a delete of the whole application) are never
 * batched. Steps are renumbered in order.
 */
export function batchSteps(steps: readonly PushStep[], limit: number, appId: string): PushStep[] {
  const level = levels(steps);
  const groups = new Map<string, PushStep[]>();
  const alone: PushStep[][] = [];
  for (const step of steps) {
    if (step.kind !== 'flow' || step.conflict !== undefined || step.members !== undefined) {
      alone.push([step]);
      continue;
    }
    const key = `${step.action === 'delete' ? 1 : 0}|${step.action}|${level.get(step.seq) ?? 0}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [step]);
    else group.push(step);
  }
  const chunks: PushStep[][] = [];
  const ordered = [...groups].sort(([a], [b]) => {
    const [ka, aa, la] = a.split('|');
    const [kb, ab, lb] = b.split('|');
    return Number(ka) - Number(kb) || Number(la) - Number(lb) || String(aa).localeCompare(String(ab));
  });
  for (const [, group] of ordered) {
    for (let i = 0; i < group.length; i += limit) chunks.push(group.slice(i, i + limit));
  }
  const all = [...chunks, ...alone];
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
    const isDelete = first.action === 'delete';
    return {
      seq,
      action: first.action,
      objectId: `flows:batch-${seq}`,
      serviceId: owners.length === 1 ? (owners[0] as string) : SHARED_OWNER,
      kind: 'flow',
      summary: batchSummary(chunk),
      request: isDelete
        ? batchDeleteRequest(chunk.flatMap((s) => s.live.map((l) => ({ deviceId: deviceOfStep(s), flowId: l.handle ?? '' }))))
        : batchCreateRequest(chunk.map((s) => s.request.body), appId),
      desired: null,
      live: chunk.flatMap((s) => s.live),
      dependsOn,
      members: chunk,
    };
  });
}

/**
 * The flow ids a batch POST answered, by object id of the member they belong to: ONOS answers
 * `{"flows":[{deviceId, flowId}]}` in the order of the request. A flow id that is a JSON number
 * beyond 2^53 (older ONOS) cannot be read exactly and stays unknown (found later by its match).
 */
export function batchHandles(members: readonly PushStep[], answer: unknown): Map<string, string> {
  const flows = record(answer).flows;
  const handles = new Map<string, string>();
  if (!Array.isArray(flows) || flows.length !== members.length) return handles;
  members.forEach((m, i) => {
    const entry = record(flows[i]);
    const id = entry.flowId;
    const text = typeof id === 'string' ? id : typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : undefined;
    if (m.desired === null || text === undefined || !/^-?\d+$/.test(text) || String(entry.deviceId) !== deviceOfStep(m)) return;
    handles.set(m.desired.id, text);
  });
  return handles;
}
