/**
 * Bytes and packets per service, hop and direction when the push target is the lab ODL VTN or
 * the lab ONOS: those controllers compile their state to OpenFlow on the live lab of the data
 * folder (`wicm lab up`), so the counters are read from the live lab's Open vSwitch tables, the
 * flows the lab controllers installed (their own cookies), each matched to the plan flow of the
 * hop it carries (same bridge, in_port, VLAN and addresses). Nothing is read while no lab is up.
 */
import type { PlanSetDto, TopologySnapshotDto } from '../../../core/contract/api';
import { ovsFlowPaths } from '../../../core/drivers/ovs';
import type { OpenFlowSwitches } from '../../../core/drivers/ovs/switches';
import { findControllerFlow, parseDumpFlows, type DumpedFlow } from '../live-lab/flow-table';
import { readLiveLab } from '../live-lab/layout';
import type { Dispatch } from '../dispatch';
import { sliceOf } from '../rest/katana-slices';
import type { TrafficSample } from './traffic';

const TIMEOUT_MS = 5_000;

async function value<T>(dispatch: Dispatch, method: string): Promise<T | undefined> {
  const reply = await dispatch(method, {});
  return reply.ok ? (reply.value as T) : undefined;
}

/** Samples of the planned services whose hops a lab controller put on the live lab of `dataDir`. */
export async function labTrafficSamples(dispatch: Dispatch, dataDir: string, switches: OpenFlowSwitches): Promise<TrafficSample[]> {
  const layout = await readLiveLab(dataDir).catch(() => null);
  if (layout === null) return [];
  const snap = await value<TopologySnapshotDto>(dispatch, 'topology.get');
  const planSet = await value<PlanSetDto>(dispatch, 'plan.get');
  if (snap === undefined || planSet === undefined) return [];
  const ovsName = new Map(layout.bridges.map((b) => [b.bridgeId, b.ovsName]));
  const dumps = new Map<string, DumpedFlow[]>();
  const dump = async (name: string): Promise<DumpedFlow[]> => {
    let flows = dumps.get(name);
    if (flows === undefined) {
      try {
        flows = parseDumpFlows((await switches.dumpFlows(`unix:${layout.runDir}/${name}.mgmt`, TIMEOUT_MS)).join('\n'));
      } catch {
        flows = []; // a bridge that does not answer now has no counters; `wicm lab status` says why
      }
      dumps.set(name, flows);
    }
    return flows;
  };
  const byId = new Map(snap.services.map((s) => [s.id, s]));
  const samples: TrafficSample[] = [];
  for (const path of ovsFlowPaths({ topology: snap.topology, services: snap.services, plans: planSet.plans })) {
    const service = byId.get(path.serviceId);
    if (service === undefined) continue;
    for (const [i, flow] of path.flows.entries()) {
      const name = ovsName.get(flow.bridge.id);
      if (name === undefined) continue;
      const found = findControllerFlow(await dump(name), flow);
      if (found === undefined) continue;
      samples.push({ serviceId: service.id, service: service.name, hop: i + 1, direction: path.direction, bridge: flow.bridge.controllerId, bytes: found.bytes, packets: found.packets, sliceId: sliceOf(service) });
    }
  }
  return samples;
}
