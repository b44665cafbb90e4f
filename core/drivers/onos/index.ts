import type { ControllerTargetDto } from '../../contract/api';
import { record } from '../canonical';
import { diffChanges, sequenceSteps } from '../diff';
import { SHARED_OWNER, UNKNOWN_OWNER, type AppliedStep, type ControllerDriver, type DesiredInput, type DesiredObject, type DriverCapabilities, type LiveObject, type PushStep } from '../driver';
import type { HttpClient } from '../http';
import { expectSuccess, jsonBody, send } from '../request';
import { batchCreateRequest, batchDeleteRequest, batchHandles, deviceOfStep, onosBatchSteps } from './batch';
import { DEFAULT_ONOS_APP_ID, ONOS_BATCH_FLOWS } from './defaults';
import { onosFlows, type OnosFlow } from './flows';
import { onosPreflight } from './preflight';
import { flowContent, flowObjectId, flowSummary } from './flow-key';
import { createRequest, FLOWS, identityOf, readOnosLive, readOnosObjects, removeRequest } from './read';

/** What the ONOS driver can do. */
export const ONOS_CAPABILITIES: DriverCapabilities = {
  transactional: true,
  readBack: true,
  concurrentWrites: true,
  vlan: true,
  ipv6: true,
  provisioning: false,
};

const GONE = [404];

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

/** One delete of the whole application when a teardown removes every flow it holds. */
function collapseToApplication(steps: readonly PushStep[], live: readonly LiveObject[], owned: ReadonlyMap<string, unknown>, appId: string): PushStep[] {
  const deletes = steps.filter((s) => s.action === 'delete');
  const deleted = new Set(deletes.flatMap((s) => s.live.map((l) => l.id)));
  // Every flow read is deleted, and every one the project owns: a read of some flows only (one
  // service's) never collapses into a delete of the others'.
  if (deletes.length === 0 || deletes.length !== steps.length || !live.every((l) => deleted.has(l.id)) || ![...owned.keys()].every((id) => deleted.has(id))) return [...steps];
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
    readObjects: (http, ids, hints) => readOnosObjects(http, target, appId, ids, hints),
    claim: (live, desiredById) => desiredById.get(live.id)?.serviceId ?? UNKNOWN_OWNER,
    preflight: (http, wanted) => onosPreflight(http, target, wanted),
    diff: (desired, live, owned, scope) => onosBatchSteps(collapseToApplication(sequenceSteps(diffChanges(desired, live, owned, scope)), live, owned, appId), ONOS_BATCH_FLOWS, appId),
    async apply(http, step) {
      if (step.members !== undefined) {
        const response = expectSuccess(await send(http, target, step.request), step.request);
        return step.action === 'delete' ? {} : { handles: batchHandles(step.members, jsonBody(response)) };
      }
      const response = expectSuccess(await send(http, target, step.request), step.request, step.action === 'delete' ? GONE : []);
      if (step.action === 'delete') return {};
      const handle = flowIdFromLocation(response.headers.location);
      return handle === undefined ? {} : { handle };
    },
    async removeMany(http, live) {
      const flows = live.filter((l) => l.handle !== undefined).map((l) => ({ deviceId: String(record(l.restore.body).deviceId), flowId: l.handle as string }));
      for (let i = 0; i < flows.length; i += ONOS_BATCH_FLOWS) {
        const request = batchDeleteRequest(flows.slice(i, i + ONOS_BATCH_FLOWS));
        expectSuccess(await send(http, target, request), request);
      }
    },
    async compensate(http, step, applied) {
      if (step.members !== undefined) return compensateBatch(http, step.members, applied);
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
  /** Undoes a batch in one request: deletes the flows it created, re-posts those it changed or removed. */
  async function compensateBatch(http: HttpClient, members: readonly PushStep[], applied: AppliedStep): Promise<void> {
    const creates = members.filter((m) => m.action === 'create' && m.desired !== null);
    if (creates.length > 0) {
      const unknown = creates.some((m) => applied.handles?.get(m.desired?.id ?? '') === undefined);
      const read = unknown ? new Map((await driver.readLive(http)).map((l) => [l.id, l.handle])) : new Map<string, string | undefined>();
      const flows = creates.flatMap((m) => {
        const id = m.desired?.id ?? '';
        const flowId = applied.handles?.get(id) ?? read.get(id);
        return flowId === undefined ? [] : [{ deviceId: deviceOfStep(m), flowId }];
      });
      if (flows.length > 0) {
        const request = batchDeleteRequest(flows);
        expectSuccess(await send(http, target, request), request);
      }
    }
    const restores = members.filter((m) => m.action !== 'create').flatMap((m) => m.live.map((l) => l.restore.body));
    if (restores.length > 0) {
      const request = batchCreateRequest(restores, appId);
      expectSuccess(await send(http, target, request), request);
    }
  }
  return driver;
}
