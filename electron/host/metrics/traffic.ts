/**
 * Bytes and packets per service, hop and direction, read from Open vSwitch flow counters at
 * scrape time: the plans give each flow's service, direction and hop (its rule's position on
 * the path); `dump-flows` on the Open vSwitch targets the project pushed to gives the counters.
 */
import type { PlanSetDto, TopologySnapshotDto } from '../../../core/contract/api';
import { flowKey, flowSpec, ovsFlowPaths, parseFlowLine } from '../../../core/drivers/ovs';
import type { FlowPath } from '../../../core/drivers/openflow/flows';
import type { OpenFlowSwitches } from '../../../core/drivers/ovs/switches';
import type { Dispatch } from '../dispatch';
import { sliceOf } from '../rest/katana-slices';

/** The counters of one flow of a service. */
export interface TrafficSample {
  readonly serviceId: string;
  readonly service: string;
  /** 1-based position of the flow's rule on its path. */
  readonly hop: number;
  readonly direction: 'forward' | 'reverse';
  /** Bridge (OVS bridge name) the flow is on. */
  readonly bridge: string;
  readonly bytes: number;
  readonly packets: number;
  /** The Katana slice the service belongs to, if any. */
  readonly sliceId: string | null;
}

const TIMEOUT_MS = 5_000;

async function value<T>(dispatch: Dispatch, method: string): Promise<T | undefined> {
  const reply = await dispatch(method, {});
  return reply.ok ? (reply.value as T) : undefined;
}

/** The flows of every plan (the lint of a push is not needed to read counters back). */
function flowPaths(snap: TopologySnapshotDto, planSet: PlanSetDto): FlowPath[] {
  return ovsFlowPaths({ topology: snap.topology, services: snap.services, plans: planSet.plans });
}

/** Samples for every planned service whose flows are on one of the targets (run directories, sockets, tcp: addresses). */
export async function trafficSamples(dispatch: Dispatch, targets: ReadonlySet<string>, switches: OpenFlowSwitches): Promise<TrafficSample[]> {
  if (targets.size === 0) return [];
  const snap = await value<TopologySnapshotDto>(dispatch, 'topology.get');
  const planSet = await value<PlanSetDto>(dispatch, 'plan.get');
  if (snap === undefined || planSet === undefined) return [];
  const byId = new Map(snap.services.map((s) => [s.id, s]));
  const where = new Map<string, Omit<TrafficSample, 'bytes' | 'packets' | 'bridge'>>();
  for (const path of flowPaths(snap, planSet)) {
    const service = byId.get(path.serviceId);
    if (service === undefined) continue;
    {
      path.flows.forEach((flow, i) => {
        const text = parseFlowLine(flowSpec(flow));
        if (text === undefined) return;
        where.set(`${flow.bridge.controllerId} ${flow.cookie} ${flowKey(text)}`, {
          serviceId: service.id,
          service: service.name,
          hop: i + 1,
          direction: path.direction,
          sliceId: sliceOf(service),
        });
      });
    }
  }
  const samples: TrafficSample[] = [];
  for (const target of targets) {
    let found;
    try {
      found = await switches.list(target, TIMEOUT_MS);
    } catch {
      continue; // an unreachable target has no counters now; the push report says why
    }
    for (const sw of found) {
      let lines: string[];
      try {
        lines = await switches.dumpFlows(sw.address, TIMEOUT_MS);
      } catch {
        continue;
      }
      for (const line of lines) {
        const flow = parseFlowLine(line);
        const at = flow === undefined ? undefined : where.get(`${sw.name} ${flow.cookie} ${flowKey(flow)}`);
        if (flow !== undefined && at !== undefined) samples.push({ ...at, bridge: sw.name, bytes: flow.bytes, packets: flow.packets });
      }
    }
  }
  return samples;
}
