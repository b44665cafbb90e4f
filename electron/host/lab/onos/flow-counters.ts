/**
 * The lab ONOS's flow counters: ONOS answers every flow entry with the `packets` and `bytes` its
 * switch counted (FlowEntry statistics, polled from the device). The stand-in reads them from
 * the live lab's Open vSwitch flow its data plane compiled for the entry (cookie = "LO" + the
 * low 48 bits of the flow id, on the bridge whose datapath id is the deviceId); a flow with no
 * traffic, or no live lab up, stays at 0 as a real ONOS reports it.
 */
import type { LabHttpRequest, LabHttpResponse } from '../lab-behaviour';
import type { CounterReader } from '../live/applier';
import { onosFlowCookie } from '../live/compile-onos';

type Json = Readonly<Record<string, unknown>>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for an answer that lists flow entries (`GET /onos/v1/flows…` → 200 `{"flows":[…]}` with ids). */
function listsFlowEntries(request: LabHttpRequest, response: LabHttpResponse): boolean {
  if (request.method !== 'GET' || response.status !== 200 || !request.pathname.startsWith('/onos/v1/flows')) return false;
  const flows = isRecord(response.json) ? response.json.flows : undefined;
  return Array.isArray(flows) && flows.every((f) => isRecord(f) && f.id !== undefined && f.deviceId !== undefined);
}

/** The answer with each flow entry's `packets` / `bytes` from the live lab (unchanged when no lab is up). */
export async function withLiveCounters(request: LabHttpRequest, response: LabHttpResponse, counters: () => Promise<CounterReader | null>): Promise<LabHttpResponse> {
  if (!listsFlowEntries(request, response)) return response;
  const read = await counters();
  if (read === null) return response;
  const flows = (response.json as { flows: Json[] }).flows;
  const counted = await Promise.all(
    flows.map(async (flow) => {
      const c = await read(String(flow.deviceId), onosFlowCookie(flow.id));
      return c === undefined ? flow : { ...flow, packets: c.packets, bytes: c.bytes };
    }),
  );
  return { ...response, json: { ...(response.json as Json), flows: counted } };
}
