import type { ControllerTargetDto } from '../../contract/api';
import { CoreError } from '../../util/core-error';
import { asNumber, list, record } from '../canonical';
import type { DriverRequest, LiveObject, ReadHints } from '../driver';
import { isHttpError, isSuccess, type HttpClient } from '../http';
import { jsonBody, send, unavailable, unavailableStatus } from '../request';
import { flowContent, flowObjectId, flowSummary, type FlowIdentity } from './flow-key';

export const FLOWS = '/onos/v1/flows';
export const WHAT = 'an ONOS controller (REST API at /onos/v1)';

export function identityOf(flow: unknown): FlowIdentity {
  const r = record(flow);
  return {
    deviceId: String(r.deviceId),
    tableId: asNumber(r.tableId) ?? 0,
    priority: asNumber(r.priority) ?? 0,
    criteria: list(record(r.selector).criteria),
  };
}

/** A path segment: percent-encoded, but `of:…` device ids keep their colon as ONOS documents them. */
export function segment(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':');
}

export function createRequest(flow: Readonly<Record<string, unknown>>, deviceId: string, appId: string): DriverRequest {
  return { method: 'POST', path: `${FLOWS}/${segment(deviceId)}?appId=${encodeURIComponent(appId)}`, body: flow };
}

export function removeRequest(deviceId: string, flowId: string): DriverRequest {
  return { method: 'DELETE', path: `${FLOWS}/${segment(deviceId)}/${segment(flowId)}` };
}

/** A flow entry as ONOS lists it, as a live object with the requests that restore and remove it. */
export function liveFlow(flow: unknown, appId: string): LiveObject {
  const r = record(flow);
  const identity = identityOf(flow);
  const content = flowContent(flow);
  const flowId = String(r.id);
  const treatment = record(r.treatment);
  const body = {
    priority: identity.priority,
    timeout: asNumber(r.timeout) ?? 0,
    isPermanent: r.isPermanent === true,
    deviceId: identity.deviceId,
    tableId: identity.tableId,
    appId,
    treatment: { instructions: list(treatment.instructions) },
    selector: { criteria: identity.criteria },
  };
  return {
    id: flowObjectId(identity),
    kind: 'flow',
    summary: flowSummary(identity, content),
    content,
    after: [],
    handle: flowId,
    ...(r.state === 'FAILED' ? { problem: 'ONOS reports the flow FAILED (the switch rejected it)' } : {}),
    restore: createRequest(body, identity.deviceId, appId),
    remove: removeRequest(identity.deviceId, flowId),
  };
}

/**
 * GETs a flow list. 404 is "no flow" only when ONOS says so in its own error envelope
 * (application never registered, device without flows); any other 404 means the URL is not ONOS.
 */
async function readFlowList(http: HttpClient, target: ControllerTargetDto, path: string): Promise<readonly unknown[]> {
  let response;
  try {
    response = await send(http, target, { method: 'GET', path });
  } catch (e) {
    if (!isHttpError(e)) throw e;
    throw unavailable(target, e);
  }
  const json = jsonBody(response);
  if (response.status === 404 && typeof record(json).message === 'string') return [];
  if (!isSuccess(response.status)) throw unavailableStatus(target, response, path, WHAT);
  if (!Array.isArray(record(json).flows)) {
    throw new CoreError('DRIVER_UNAVAILABLE', `${target.url}${path} did not answer an ONOS flow list: is it ${WHAT}?`);
  }
  return list(record(json).flows);
}

/** Reads the application's flows (every one: its cost grows with the fleet). */
export async function readOnosLive(http: HttpClient, target: ControllerTargetDto, appId: string): Promise<LiveObject[]> {
  return (await readFlowList(http, target, `${FLOWS}/application/${encodeURIComponent(appId)}`)).map((f) => liveFlow(f, appId));
}

/** The device of a flow object id (`flow:<device>/t…`). */
function deviceOf(id: string): string {
  return id.slice('flow:'.length, id.indexOf('/'));
}

/**
 * Above this many flows, one list of the application's flows is cheaper than a GET per flow: a
 * batch that touches much of the fleet reads it once instead of thousands of times.
 */
const LIST_ABOVE = 64;

/**
 * Reads the flows with these object ids, each by its own `GET /flows/{deviceId}/{flowId}`, so a
 * service's read-back costs the same whatever the fleet. ONOS names a flow by an id it makes
 * itself: the handle the journal (or this transaction) got from the Location of its POST. A
 * flow whose handle is unknown is searched for in the application's flows (one list read for all
 * of them), unless `unknownAbsent` says the project never wrote it; once that list is read, or
 * when more than LIST_ABOVE flows are asked for, every flow is taken from one list.
 */
export async function readOnosObjects(http: HttpClient, target: ControllerTargetDto, appId: string, ids: readonly string[], hints: ReadHints = {}): Promise<LiveObject[]> {
  const flows = [...new Set(ids)].filter((id) => id.startsWith('flow:'));
  const handles = flows.map((id) => [id, hints.handleOf?.(id)] as const);
  const unknown = handles.filter(([, handle]) => handle === undefined).map(([id]) => id);
  const mustSearch = unknown.length > 0 && hints.unknownAbsent !== true;
  if (mustSearch || flows.length > LIST_ABOVE) {
    const wanted = new Set(mustSearch ? flows : handles.filter(([, handle]) => handle !== undefined).map(([id]) => id));
    return (await readOnosLive(http, target, appId)).filter((l) => wanted.has(l.id));
  }
  const read = await Promise.all(
    handles.map(async ([id, handle]) => {
      if (handle === undefined) return [];
      const entries = await readFlowList(http, target, `${FLOWS}/${segment(deviceOf(id))}/${segment(handle)}`);
      return entries.map((f) => liveFlow(f, appId)).filter((l) => l.id === id);
    }),
  );
  return read.flat();
}
