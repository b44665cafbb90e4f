import type { LabHttpRequest, LabHttpResponse } from '../lab-behaviour';
import { decodeFlowRule } from './flow-rule-codec';
import { encodeFlowEntry, type FlowEntry, type FlowStore } from './flow-store';
import { asText } from './jackson';
import { illegal, itemNotFound, MESSAGES, OnosError } from './onos-error';

type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a JSON body as ONOS does (bad JSON → 400 from the IOException mapper). */
export function readJson(body: string): Json {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw illegal(body.trim() === '' ? 'No content to map due to end-of-input' : `Unable to parse JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isRecord(json)) throw illegal('The request body must be a JSON object');
  return json;
}

const flowsBody = (entries: readonly FlowEntry[]): LabHttpResponse => {
  const now = Date.now();
  return { status: 200, json: { flows: entries.map((e) => encodeFlowEntry(e, now)) } };
};

/** JAX-RS answers a path parameter that is not a `long` with a plain 404. */
function flowIdParam(text: string): string {
  if (!/^-?\d{1,20}$/.test(text)) throw new OnosError(404, 'HTTP 404 Not Found');
  return BigInt(text).toString(10);
}

function withApp(json: Json, appId: string | null): Json {
  return appId === null ? json : { ...json, appId };
}

/** `POST /flows/{deviceId}[?appId=]` → 201 + Location. */
function createFlow(store: FlowStore, request: LabHttpRequest, deviceId: string): LabHttpResponse {
  const json = readJson(request.body);
  if (json.deviceId !== undefined && asText(json.deviceId) !== deviceId) throw illegal(MESSAGES.invalidDevice);
  const id = store.apply(decodeFlowRule(withApp({ ...json, deviceId }, request.query.get('appId'))));
  return { status: 201, headers: { location: `${request.origin}/onos/v1/flows/${deviceId}/${id}` } };
}

/** `POST /flows[?appId=]` with `{"flows":[…]}` → 200 `{"flows":[{deviceId,flowId}]}`; all or nothing. */
function createFlows(store: FlowStore, request: LabHttpRequest): LabHttpResponse {
  const flows = readJson(request.body).flows;
  if (!Array.isArray(flows)) throw illegal(MESSAGES.flowsRequired);
  const rules = flows.map((flow: unknown) => decodeFlowRule(isRecord(flow) ? withApp(flow, request.query.get('appId')) : flow));
  const created = rules.map((rule) => ({ deviceId: rule.deviceId, flowId: store.apply(rule) }));
  return { status: 200, json: { flows: created } };
}

/**
 * `DELETE /flows` with `{"flows":[{deviceId,flowId}]}` → 204, as `FlowsWebResource.deleteFlows`:
 * an element without `deviceId` is 404 "Device is not found", without `flowId` 404 "Flow is not
 * found" (`nullIsNotFound`), checked for every element before anything is removed; a flow id that
 * is not a number reads as 0 (Jackson `asLong`) and, like any unknown id, removes nothing.
 */
function deleteFlows(store: FlowStore, request: LabHttpRequest): LabHttpResponse {
  const flows = readJson(request.body).flows;
  // Real ONOS dereferences the missing array (a 500); refused here with the POST's message.
  if (!Array.isArray(flows)) throw illegal(MESSAGES.flowsRequired);
  const targets = flows.map((flow: unknown) => {
    const node = isRecord(flow) ? flow : {};
    if (node.deviceId === undefined || node.deviceId === null) throw itemNotFound(MESSAGES.deviceNotFound);
    if (node.flowId === undefined || node.flowId === null) throw itemNotFound(MESSAGES.flowNotFound);
    const id = asText(node.flowId);
    return { deviceId: asText(node.deviceId), id: /^-?\d{1,20}$/.test(id) ? BigInt(id).toString(10) : '0' };
  });
  for (const t of targets) store.remove(t.deviceId, t.id);
  return { status: 204 };
}

function deviceFlows(store: FlowStore, deviceId: string): readonly FlowEntry[] {
  const flows = store.ofDevice(deviceId);
  // ONOS answers 404 for a device without flows, even a connected one.
  if (flows.length === 0) throw itemNotFound(MESSAGES.deviceNotFound);
  return flows;
}

function knownApp(store: FlowStore, app: string): string {
  if (!store.isRegistered(app)) throw itemNotFound(MESSAGES.appNotFound);
  return app;
}

const methodNotAllowed: LabHttpResponse = { status: 405, json: { code: 405, message: 'HTTP 405 Method Not Allowed' } };

/** Routes `/onos/v1/flows/…` (segments after `flows`). */
export function routeFlows(store: FlowStore, request: LabHttpRequest, rest: readonly string[]): LabHttpResponse {
  const [first, second, third] = rest;
  const method = request.method;
  if (first === undefined) {
    if (method === 'GET') return flowsBody(store.all());
    if (method === 'POST') return createFlows(store, request);
    if (method === 'DELETE') return deleteFlows(store, request);
    return methodNotAllowed;
  }
  if (first === 'pending' && second === undefined) {
    return method === 'GET' ? flowsBody(store.all().filter((f) => f.state === 'PENDING_ADD')) : methodNotAllowed;
  }
  if (first === 'table' && second !== undefined && third === undefined) {
    return method === 'GET' ? flowsBody(store.all().filter((f) => String(f.rule.tableId) === second)) : methodNotAllowed;
  }
  if (first === 'application' && second !== undefined && third === undefined) {
    if (method === 'GET') return flowsBody(store.ofApp(knownApp(store, second)));
    if (method === 'DELETE') {
      store.removeApp(knownApp(store, second));
      return { status: 204 };
    }
    return methodNotAllowed;
  }
  if (second === undefined) {
    if (method === 'GET') return flowsBody(deviceFlows(store, first));
    if (method === 'POST') return createFlow(store, request, first);
    return methodNotAllowed;
  }
  if (third !== undefined) throw new OnosError(404, 'HTTP 404 Not Found');
  const id = flowIdParam(second);
  if (method === 'GET') {
    // FlowsWebResource.getFlowByDeviceIdAndFlowId: 404 "Device is not found" when the device has
    // no flow at all, else the matching entries (none for an unknown id): one lookup, not a scan.
    if (!store.hasFlows(first)) throw itemNotFound(MESSAGES.deviceNotFound);
    const entry = store.get(first, id);
    return flowsBody(entry === undefined ? [] : [entry]);
  }
  if (method === 'DELETE') {
    deviceFlows(store, first);
    // An unknown flow id on a device with flows is still 204.
    store.remove(first, id);
    return { status: 204 };
  }
  return methodNotAllowed;
}
