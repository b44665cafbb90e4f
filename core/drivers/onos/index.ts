import type { ControllerTargetDto } from '../../contract/api';
import { CoreError } from '../../util/core-error';
import { asNumber, list, record } from '../canonical';
import { diffChanges, sequenceSteps } from '../diff';
import { SHARED_OWNER, UNKNOWN_OWNER, type ControllerDriver, type DesiredInput, type DesiredObject, type DriverCapabilities, type DriverRequest, type LiveObject, type PushStep } from '../driver';
import { isHttpError, isSuccess, type HttpClient } from '../http';
import { expectSuccess, jsonBody, send, unavailable, unavailableStatus } from '../request';
import { DEFAULT_ONOS_APP_ID } from './defaults';
import { onosFlows, type OnosFlow } from './flows';
import { onosPreflight } from './preflight';
import { flowContent, flowObjectId, flowSummary, type FlowIdentity } from './flow-key';

/** What the ONOS driver can do. */
export const ONOS_CAPABILITIES: DriverCapabilities = {
  transactional: true,
  readBack: true,
  concurrentWrites: true,
  vlan: true,
  ipv6: true,
  provisioning: false,
};

const FLOWS = '/onos/v1/flows';
const WHAT = 'an ONOS controller (REST API at /onos/v1)';
const GONE = [404];

function identityOf(flow: unknown): FlowIdentity {
  const r = record(flow);
  return {
    deviceId: String(r.deviceId),
    tableId: asNumber(r.tableId) ?? 0,
    priority: asNumber(r.priority) ?? 0,
    criteria: list(record(r.selector).criteria),
  };
}

/** A path segment: percent-encoded, but `of:…` device ids keep their colon as ONOS documents them. */
function segment(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':');
}

function createRequest(flow: Readonly<Record<string, unknown>>, deviceId: string, appId: string): DriverRequest {
  return { method: 'POST', path: `${FLOWS}/${segment(deviceId)}?appId=${encodeURIComponent(appId)}`, body: flow };
}

function removeRequest(deviceId: string, flowId: string): DriverRequest {
  return { method: 'DELETE', path: `${FLOWS}/${segment(deviceId)}/${segment(flowId)}` };
}

/** The flows of each plan, forward then reverse, ranked along their path (0 = ingress switch). */
function onosDesired(input: DesiredInput, appId: string): DesiredObject[] {
  return input.plans.flatMap((plan) => {
    const { flows } = onosFlows({ topology: input.topology, services: input.services, plans: [plan] }, { appId });
    const forwardCount = plan.forward.rules.length;
    return flows.map((flow: OnosFlow, i): DesiredObject => {
      const direction = i < forwardCount ? 'forward' : 'reverse';
      const identity = identityOf(flow);
      const content = flowContent(flow);
      return {
        id: flowObjectId(identity),
        serviceId: plan.serviceId,
        kind: 'flow',
        summary: flowSummary(identity, content),
        content,
        after: [],
        chain: { key: `${plan.serviceId}/${direction}`, rank: i < forwardCount ? i : i - forwardCount },
        create: createRequest(flow as unknown as Record<string, unknown>, flow.deviceId, appId),
      };
    });
  });
}

function liveFlow(flow: unknown, appId: string): LiveObject {
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
 * Reads the application's flows. 404 is "no flow" only when ONOS says so in its own error
 * envelope (application never registered); any other 404 means the URL is not ONOS.
 */
async function readOnosLive(http: HttpClient, target: ControllerTargetDto, appId: string): Promise<LiveObject[]> {
  const path = `${FLOWS}/application/${encodeURIComponent(appId)}`;
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
  return list(record(json).flows).map((f) => liveFlow(f, appId));
}

/** One delete of the whole application when a teardown removes every flow it holds. */
function collapseToApplication(steps: readonly PushStep[], live: readonly LiveObject[], appId: string): PushStep[] {
  const deletes = steps.filter((s) => s.action === 'delete');
  const deleted = new Set(deletes.flatMap((s) => s.live.map((l) => l.id)));
  if (deletes.length === 0 || deletes.length !== steps.length || !live.every((l) => deleted.has(l.id))) return [...steps];
  const owners = [...new Set(deletes.map((s) => s.serviceId))];
  return [
    {
      seq: 1,
      action: 'delete',
      objectId: `app:${appId}`,
      serviceId: owners.length === 1 ? (owners[0] as string) : SHARED_OWNER,
      kind: 'application',
      summary: `all ${live.length} flows of application ${appId}`,
      request: { method: 'DELETE', path: `${FLOWS}/application/${encodeURIComponent(appId)}` },
      desired: null,
      live: [...live],
      dependsOn: [],
    },
  ];
}

function flowIdFromLocation(location: string | undefined): string | undefined {
  const last = location?.replace(/\/+$/, '').split('/').pop();
  return last !== undefined && /^-?\d+$/.test(last) ? last : undefined;
}

/**
 * ONOS REST driver: per-device flow rules under one application id per project.
 *
 * Ownership: every flow of the application is the project's; the service is the one whose plan
 * calls for it (or the journal's). Teardown deletes by flow id, or the whole application when
 * it would hold nothing else afterwards.
 */
export function createOnosDriver(target: ControllerTargetDto): ControllerDriver {
  const appId = target.appId ?? DEFAULT_ONOS_APP_ID;
  const driver: ControllerDriver = {
    kind: 'onos',
    capabilities: ONOS_CAPABILITIES,
    target,
    desired: (input) => onosDesired(input, appId),
    readLive: (http) => readOnosLive(http, target, appId),
    claim: (live, desiredById) => desiredById.get(live.id)?.serviceId ?? UNKNOWN_OWNER,
    preflight: (http, wanted) => onosPreflight(http, target, wanted),
    diff: (desired, live, owned, scope) => collapseToApplication(sequenceSteps(diffChanges(desired, live, owned, scope)), live, appId),
    async apply(http, step) {
      const response = expectSuccess(await send(http, target, step.request), step.request, step.action === 'delete' ? GONE : []);
      if (step.action === 'delete') return {};
      const handle = flowIdFromLocation(response.headers.location);
      return handle === undefined ? {} : { handle };
    },
    async compensate(http, step, applied) {
      if (step.action === 'create' && step.desired !== null) {
        const deviceId = String(record(step.desired.create.body).deviceId);
        const handle = applied.handle ?? (await driver.readLive(http)).find((l) => l.id === step.desired?.id)?.handle;
        if (handle === undefined) return;
        const request = removeRequest(deviceId, handle);
        expectSuccess(await send(http, target, request), request, GONE);
        return;
      }
      for (const live of step.live) expectSuccess(await send(http, target, live.restore), live.restore);
    },
  };
  return driver;
}
