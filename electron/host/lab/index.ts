/**
 * Lab controllers: stand-in servers for OpenDaylight VTN Manager (RESTCONF) and ONOS (REST).
 *
 * They keep state, serve the read-back endpoints and reject requests as the real controllers do
 * (docs/reference/controllers.md §1.6, §2.5), for offline rehearsal, the CLI and tests. Faults
 * (status, hang, reset) can be injected at start or at run time through `/__lab/faults`.
 */
import { assertNever } from '../../../core/util/assert-never';
import { parseFaults } from './faults';
import type { LabBehaviour, LabHttpRequest, LabHttpResponse } from './lab-behaviour';
import { LAB_BODY_LIMIT, startLabServer } from './lab-server';
import { createOnosBehaviour } from './onos/onos-behaviour';
import { DEFAULT_LAB_TOPOLOGY, parseSeedTopology, type LabTopology } from './seed-topology';
import type { LabController, LabControllerOptions, LabKind } from './types';
import { createVtnBehaviour } from './vtn/vtn-behaviour';
import { liveDataPlane, type LiveDataPlane } from './live/applier';
import { withLiveCounters } from './onos/flow-counters';

export type { LabController, LabControllerOptions, LabFault, LabFaultAction, LabKind, LabRequestRecord } from './types';
export { DEFAULT_LAB_TOPOLOGY } from './seed-topology';
export { parseFaults } from './faults';

/** Default Basic-auth credentials per kind. */
export const LAB_DEFAULT_CREDENTIALS: Readonly<Record<LabKind, { readonly user: string; readonly password: string }>> = {
  'odl-vtn': { user: 'admin', password: 'admin' },
  onos: { user: 'admin', password: 'karaf' },
};

function behaviourFor(kind: LabKind, topology: LabTopology): LabBehaviour {
  switch (kind) {
    case 'odl-vtn':
      return createVtnBehaviour(topology);
    case 'onos':
      return createOnosBehaviour(topology);
    default:
      return assertNever(kind, 'Unknown lab controller kind');
  }
}

/**
 * Starts a lab controller on 127.0.0.1 (ephemeral port by default).
 *
 * Throws when the faults or the seed topology are malformed (the message names the element).
 */
export async function startLabController(options: LabControllerOptions): Promise<LabController> {
  const [controller] = await startLabCluster(options, 1);
  return controller!;
}

/**
 * Starts `size` lab controllers of one kind that share one state, as the members of an ODL or
 * ONOS cluster do: a write through any member is read back through every other, so a driver can
 * fail over when one member dies. Each member has its own port, request log and faults.
 */
export async function startLabCluster(options: LabControllerOptions, size: number): Promise<LabController[]> {
  if (!Number.isInteger(size) || size < 1 || size > 9) throw new Error(`cluster: must be 1 to 9 members, got ${size}`);
  const defaults = LAB_DEFAULT_CREDENTIALS[options.kind];
  if (defaults === undefined) throw new Error(`kind: must be "odl-vtn" or "onos", got ${JSON.stringify(options.kind)}`);
  const behaviour = behaviourFor(options.kind, parseSeedTopology(options.seedTopology ?? DEFAULT_LAB_TOPOLOGY));
  // With a data folder, every accepted write is also compiled onto the live lab's bridges.
  const dataPlane: LiveDataPlane | undefined = options.dataDir === undefined ? undefined : liveDataPlane(options.kind, options.dataDir);
  const shared: Member = { behaviour, observed: observe(options.kind, behaviour, dataPlane), dataPlane };
  dataPlane?.schedule(behaviour.snapshot());
  const members: LabController[] = [];
  try {
    for (let i = 0; i < size; i++) members.push(await startMember({ ...options, ...(options.port && i > 0 ? { port: options.port + i } : {}) }, shared));
  } catch (e) {
    await Promise.all(members.map((m) => m.close()));
    throw e;
  }
  return members;
}

/** What the members of one cluster share: the state, and the live data plane it drives. */
interface Member {
  readonly behaviour: LabBehaviour;
  readonly observed: LabBehaviour;
  readonly dataPlane: LiveDataPlane | undefined;
}

/** The behaviour that schedules a data-plane update after every accepted write. */
function observe(kind: LabKind, behaviour: LabBehaviour, dataPlane: LiveDataPlane | undefined): LabBehaviour {
  if (dataPlane === undefined) return behaviour;
  return {
    ...behaviour,
    // ONOS reads back each flow with the packets and bytes its switch counted: here, the live lab's.
    ...(kind === 'onos' ? { complete: (request: LabHttpRequest, response: LabHttpResponse) => withLiveCounters(request, response, () => dataPlane.counters()) } : {}),
    handle(request) {
      const response = behaviour.handle(request);
      if (request.method !== 'GET' && response.status >= 200 && response.status < 300) dataPlane.schedule(behaviour.snapshot());
      return response;
    },
    reset() {
      behaviour.reset();
      dataPlane.schedule(behaviour.snapshot());
    },
  };
}

async function startMember(options: LabControllerOptions, { behaviour, observed, dataPlane }: Member): Promise<LabController> {
  const defaults = LAB_DEFAULT_CREDENTIALS[options.kind];
  const server = await startLabServer({
    behaviour: observed,
    credentials: { user: options.user ?? defaults.user, password: options.password ?? defaults.password },
    faults: parseFaults(options.faults ?? []),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    bodyLimit: options.bodyLimit ?? LAB_BODY_LIMIT,
  });
  return {
    url: server.url,
    kind: options.kind,
    state: () => behaviour.snapshot(),
    requests: () => server.requests(),
    setFaults: (faults) => server.setFaults(parseFaults(faults)),
    reset: () => server.reset(),
    close: () => server.close(),
    ...(dataPlane === undefined ? {} : { dataPlane: { settled: () => dataPlane.settled(), status: () => dataPlane.status() } }),
  };
}
