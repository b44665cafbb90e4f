import { batchSteps } from '../batch';
import type { PushStep } from '../driver';
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

/**
 * Groups one-flow steps into batch POSTs and DELETEs of at most `limit` flows (see
 * {@link batchSteps}); a delete of the whole application is never batched.
 */
export function onosBatchSteps(steps: readonly PushStep[], limit: number, appId: string): PushStep[] {
  return batchSteps(steps, {
    limit,
    groupOf: (step) => (step.kind === 'flow' ? 'flows' : undefined),
    merge: (members, seq) => ({
      objectId: `flows:batch-${seq}`,
      kind: 'flow',
      summary: batchSummary(members),
      request:
        members[0]?.action === 'delete'
          ? batchDeleteRequest(members.flatMap((s) => s.live.map((l) => ({ deviceId: deviceOfStep(s), flowId: l.handle ?? '' }))))
          : batchCreateRequest(members.map((s) => s.request.body), appId),
    }),
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
