import type { ControllerTargetDto } from '../../contract/api';
import { CoreError } from '../../util/core-error';
import { list, record } from '../canonical';
import { diffChanges, sequenceSteps } from '../diff';
import { StepFailure, UNKNOWN_OWNER, type ControllerDriver, type DesiredInput, type DesiredObject, type DriverCapabilities, type DriverRequest, type LiveObject, type PushStep } from '../driver';
import { COOKIE_MARKER } from '../openflow/cookie';
import { DEFAULT_TIMEOUT_MS } from '../request';
import { flowSpec, ovsFlowEntries } from './ofctl';
import { addLine, deleteByCookieLine, flowKey, parseFlowLine, type FlowText } from './flow-text';
import { parseOvsTarget } from './address';
import type { OpenFlowSwitch, OpenFlowSwitches } from './switches';

/** What the Open vSwitch push driver can do. */
export const OVS_CAPABILITIES: DriverCapabilities = {
  transactional: true,
  readBack: true,
  concurrentWrites: true,
  vlan: true,
  ipv6: true,
  provisioning: false,
};

/** The object id of a service's flows on one bridge. */
export function ovsObjectId(bridge: string, cookie: string): string {
  return `ovs:${bridge}/${cookie}`;
}

function isOurs(cookie: string): boolean {
  return BigInt(cookie) >> 48n === COOKIE_MARKER;
}

function bundle(method: 'PUT' | 'DELETE', bridge: string, lines: readonly string[]): DriverRequest {
  return { method, path: `/${bridge}`, body: { bridge, lines } };
}

function summaryOf(bridge: string, cookie: string, count: number): string {
  return `${count} flow${count === 1 ? '' : 's'} with cookie ${cookie} on bridge ${bridge}`;
}

/** One object per bridge and service: all of that service's flows on that bridge, changed as one bundle. */
function ovsDesired(input: DesiredInput): DesiredObject[] {
  return input.plans.flatMap((plan) => {
    const paths = ovsFlowEntries({ topology: input.topology, services: input.services, plans: [plan] });
    const byBridge = new Map<string, { cookie: string; adds: string[]; keys: string[]; rank: number }>();
    for (const path of paths) {
      path.flows.forEach((flow, i) => {
        const name = flow.bridge.controllerId;
        const entry = byBridge.get(name) ?? { cookie: flow.cookie, adds: [], keys: [], rank: Number.MAX_SAFE_INTEGER };
        const text = parseFlowLine(flowSpec(flow)) as FlowText;
        entry.adds.push(`add ${flowSpec(flow)}`);
        entry.keys.push(flowKey(text));
        if (path.direction === 'forward') entry.rank = Math.min(entry.rank, i);
        byBridge.set(name, entry);
      });
    }
    return [...byBridge].map(([bridge, e]): DesiredObject => {
      const id = ovsObjectId(bridge, e.cookie);
      return {
        id,
        serviceId: plan.serviceId,
        kind: 'flow',
        summary: summaryOf(bridge, e.cookie, e.keys.length),
        content: { flows: [...e.keys].sort() },
        after: [],
        chain: { key: plan.serviceId, rank: e.rank === Number.MAX_SAFE_INTEGER ? 0 : e.rank },
        create: bundle('PUT', bridge, [deleteByCookieLine(e.cookie), ...e.adds]),
        remove: bundle('DELETE', bridge, [deleteByCookieLine(e.cookie)]),
      };
    });
  });
}

/** A dump of the target: the project's flows grouped by bridge and cookie, and everyone else's. */
interface Dump {
  readonly switches: readonly OpenFlowSwitch[];
  readonly live: LiveObject[];
  /** Per bridge: `t… p… match` of flows that are not ours → their cookie. */
  readonly foreign: Map<string, Map<string, string>>;
}

function identity(flow: FlowText): string {
  return `t${flow.table} p${flow.priority} ${flow.match.join(',')}`;
}

/**
 * Open vSwitch push driver: `ovs-ofctl` through the {@link OpenFlowSwitches} port.
 *
 * Each service's flows on a bridge are one object, known by the service's cookie; every write is
 * one OpenFlow bundle (`delete cookie=C/-1` + `add …`), so a bridge changes atomically, and the
 * transaction rolls back across bridges. Teardown deletes by cookie.
 */
export function createOvsDriver(target: ControllerTargetDto, switches: OpenFlowSwitches | undefined): ControllerDriver {
  const address = parseOvsTarget(target.url);
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let last: Dump | undefined;

  const io = (): OpenFlowSwitches => {
    if (switches === undefined) throw new CoreError('DRIVER_UNAVAILABLE', 'This engine cannot run ovs-ofctl, so it cannot reach Open vSwitch: run it through the app, `wicm serve` or the CLI.');
    return switches;
  };

  async function dump(): Promise<Dump> {
    const found = await io().list(target.url, timeoutMs);
    const live: LiveObject[] = [];
    const foreign = new Map<string, Map<string, string>>();
    for (const sw of found) {
      const byCookie = new Map<string, FlowText[]>();
      const others = new Map<string, string>();
      for (const line of await io().dumpFlows(sw.address, timeoutMs)) {
        const flow = parseFlowLine(line);
        if (flow === undefined) continue;
        if (isOurs(flow.cookie)) byCookie.set(flow.cookie, [...(byCookie.get(flow.cookie) ?? []), flow]);
        else others.set(identity(flow), flow.cookie);
      }
      foreign.set(sw.name, others);
      for (const [cookie, flows] of byCookie) {
        const del = deleteByCookieLine(cookie);
        live.push({
          id: ovsObjectId(sw.name, cookie),
          kind: 'flow',
          summary: summaryOf(sw.name, cookie, flows.length),
          content: { flows: flows.map(flowKey).sort() },
          after: [],
          restore: bundle('PUT', sw.name, [del, ...flows.map(addLine)]),
          remove: bundle('DELETE', sw.name, [del]),
        });
      }
    }
    last = { switches: found, live, foreign };
    return last;
  }

  function addressOf(bridge: string): string {
    const sw = last?.switches.find((s) => s.name === bridge);
    if (sw !== undefined) return sw.address;
    if (address.form === 'rundir') return `unix:${address.dir}/${bridge}.mgmt`;
    const names = last?.switches.map((s) => s.name).join(', ') ?? '';
    throw new StepFailure(0, `Open vSwitch bridge '${bridge}' is not at ${target.url}${names ? ` (it reaches ${names})` : ''}: point the target at the run directory of all the bridges, or push one bridge's services at a time.`);
  }

  async function send(request: DriverRequest): Promise<void> {
    const body = record(request.body);
    const bridge = String(body.bridge);
    const lines = list(body.lines).map(String);
    try {
      await io().applyBundle(addressOf(bridge), lines, timeoutMs);
    } catch (e) {
      if (e instanceof StepFailure || e instanceof CoreError) throw e;
      throw new StepFailure(0, `bridge ${bridge}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** A create or update whose flows would replace a flow of someone else (same table, priority and match). */
  function conflictOf(step: PushStep): string | undefined {
    if (step.desired === null) return undefined;
    const bridge = String(record(step.request.body).bridge);
    const others = last?.foreign.get(bridge);
    if (others === undefined) return undefined;
    for (const line of list(record(step.request.body).lines).map(String)) {
      if (!line.startsWith('add ')) continue;
      const flow = parseFlowLine(line.slice(4));
      const cookie = flow === undefined ? undefined : others.get(identity(flow));
      if (cookie !== undefined) return `bridge ${bridge} already has a flow with the same match and priority (${identity(flow as FlowText)}) under cookie ${cookie}, not created by this project: adding ours would replace it; remove it or re-plan`;
    }
    return undefined;
  }

  const driver: ControllerDriver = {
    kind: 'ovs',
    capabilities: OVS_CAPABILITIES,
    target,
    desired: ovsDesired,
    readLive: async () => (await dump()).live,
    claim: (live, desiredById) => desiredById.get(live.id)?.serviceId ?? UNKNOWN_OWNER,
    diff: (desired, live, owned, scope) =>
      sequenceSteps(diffChanges(desired, live, owned, scope)).map((step) => {
        const conflict = step.conflict ?? conflictOf(step);
        return conflict === undefined ? step : { ...step, conflict };
      }),
    async apply(_http, step) {
      await send(step.request);
      return {};
    },
    async compensate(_http, step) {
      if (step.action === 'create' && step.desired !== null) {
        await send(step.desired.remove ?? step.request);
        return;
      }
      for (const live of step.live) await send(live.restore);
    },
    send: (_http, request) => send(request),
  };
  return driver;
}
