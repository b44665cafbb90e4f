/**
 * Bytes and packets per service, hop and direction read from the controller the project pushed
 * to, as a real deployment has them: ONOS counts every flow entry (`packets`, `bytes` of
 * `GET /onos/v1/flows/application/{appId}`, statistics it polls from the switches). Our flows
 * are the project's application's (the app id of the target, else the one the push journal
 * recorded for this controller); each is matched to its plan hop by its ONOS identity (device,
 * table, priority, selector), which is what the ONOS driver pushed. One request per application
 * and scrape.
 *
 * ODL VTN: its counters are per data flow (`vtn-flow:get-data-flow`, `data-flow-info[]` with
 * `statistics`, for the flows the switches actually carried, each with its virtual route), not
 * per flow filter; the lab VTN does not answer that RPC yet, so the lab VTN's counters are read
 * from the live lab's Open vSwitch tables (lab-traffic.ts).
 */
import type { ControllerTargetDto, JournalTransactionDto, PlanSetDto, TopologySnapshotDto } from '../../../core/contract/api';
import { journalTarget, onosDeviceId } from '../../../core/drivers';
import type { FlowEntry } from '../../../core/drivers/openflow/flows';
import { flowObjectId } from '../../../core/drivers/onos/flow-key';
import { onosCriteria } from '../../../core/drivers/onos/flows';
import { identityOf } from '../../../core/drivers/onos/read';
import { ovsFlowPaths } from '../../../core/drivers/ovs';
import { baseUrl } from '../../../core/drivers/request';
import type { Dispatch } from '../dispatch';
import { sliceOf } from '../rest/katana-slices';
import type { TrafficSample } from './traffic';

const TIMEOUT_MS = 5_000;

/** Reads a controller URL with the target's credentials: the JSON body, or null for a 404. */
export type ControllerGet = (target: ControllerTargetDto, path: string) => Promise<unknown>;

/** GET with HTTP Basic credentials and the target's deadline (fetch). */
export const fetchControllerJson: ControllerGet = async (target, path) => {
  const response = await fetch(`${baseUrl(target)}${path}`, {
    headers: { accept: 'application/json', authorization: `Basic ${Buffer.from(`${target.user}:${target.password}`).toString('base64')}` },
    signal: AbortSignal.timeout(target.timeoutMs ?? TIMEOUT_MS),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${target.url}${path} answered HTTP ${response.status}`);
  return response.json();
};

async function value<T>(dispatch: Dispatch, method: string): Promise<T | undefined> {
  const reply = await dispatch(method, {});
  return reply.ok ? (reply.value as T) : undefined;
}

/** The ONOS object id (as the ONOS driver names a flow) of a plan flow; undefined without a device id. */
function onosIdOf(entry: FlowEntry): string | undefined {
  const deviceId = onosDeviceId(entry.bridge.datapathId ?? entry.bridge.controllerId);
  if (deviceId === undefined) return undefined;
  return flowObjectId({ deviceId, tableId: entry.table, priority: entry.priority, criteria: onosCriteria(entry.match) });
}

/** The application ids of the project's flows on an ONOS target: its own, else those the journal recorded for it. */
function appIdsOf(target: ControllerTargetDto, journal: readonly JournalTransactionDto[]): string[] {
  if (target.appId !== undefined) return [target.appId];
  const prefix = journalTarget({ ...target, appId: '' });
  return [...new Set(journal.filter((tx) => tx.target.startsWith(prefix)).map((tx) => tx.target.slice(prefix.length)))].filter(Boolean);
}

/** Samples of the planned services whose flows are on these ONOS targets, with ONOS's own counters. */
export async function onosTrafficSamples(dispatch: Dispatch, targets: Iterable<ControllerTargetDto>, get: ControllerGet = fetchControllerJson): Promise<TrafficSample[]> {
  const onos = [...targets].filter((t) => t.kind === 'onos');
  if (onos.length === 0) return [];
  const snap = await value<TopologySnapshotDto>(dispatch, 'topology.get');
  const planSet = await value<PlanSetDto>(dispatch, 'plan.get');
  const journal = (await value<readonly JournalTransactionDto[]>(dispatch, 'journal.list')) ?? [];
  if (snap === undefined || planSet === undefined) return [];
  const byId = new Map(snap.services.map((s) => [s.id, s]));
  const hops = new Map<string, Omit<TrafficSample, 'bytes' | 'packets'>>();
  for (const path of ovsFlowPaths({ topology: snap.topology, services: snap.services, plans: planSet.plans })) {
    const service = byId.get(path.serviceId);
    if (service === undefined) continue;
    path.flows.forEach((flow, i) => {
      const id = onosIdOf(flow);
      if (id !== undefined) hops.set(id, { serviceId: service.id, service: service.name, hop: i + 1, direction: path.direction, bridge: flow.bridge.controllerId, sliceId: sliceOf(service) });
    });
  }
  const samples: TrafficSample[] = [];
  for (const target of onos) {
    for (const app of appIdsOf(target, journal)) {
      let body: unknown;
      try {
        body = await get(target, `/onos/v1/flows/application/${encodeURIComponent(app)}`);
      } catch {
        continue; // an unreachable controller has no counters now; a push or drift check says why
      }
      const flows = (body as { flows?: unknown } | null)?.flows;
      for (const flow of Array.isArray(flows) ? flows : []) {
        const at = hops.get(flowObjectId(identityOf(flow)));
        const f = flow as { packets?: unknown; bytes?: unknown };
        if (at !== undefined) samples.push({ ...at, packets: Number(f.packets) || 0, bytes: Number(f.bytes) || 0 });
      }
    }
  }
  return samples;
}
