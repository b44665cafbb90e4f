/**
 * Reading and writing the lab bridges' flow tables: `ovs-ofctl dump-flows` parsed into flows with
 * counters (pure), the plan's flows found by cookie, and `wicm lab apply`'s bundles built from the
 * project's OpenFlow export (core/drivers/openflow + the ovs-ofctl flow specification).
 */
import type { PlanDto, ServiceDto, TopologyDto } from '../../../core/contract/dto';
import { buildFlows, type FlowEntry } from '../../../core/drivers/openflow/flows';
import { serviceCookie } from '../../../core/drivers/openflow/cookie';
import { lintFlows } from '../../../core/drivers/openflow/flow-lint';
import { flowSpec } from '../../../core/drivers/ovs/ofctl';
import { Findings } from '../../../core/drivers/translate/findings';
import { resolvePlans } from '../../../core/drivers/translate/resolve';
import { CoreError } from '../../../core/util/core-error';
import { LAB_ONOS_COOKIE, LAB_VTN_COOKIE } from '../lab/live/flow-lines';
import type { LiveLabLayout } from './layout';

/** One flow of a dump, with its counters. */
export interface DumpedFlow {
  readonly cookie: string;
  readonly table: number;
  readonly priority: number;
  readonly packets: number;
  readonly bytes: number;
  /** Match fields as written by OVS (`in_port` → `1`, `nw_src` → `192.168.10.0/24`, `ip` → ``). */
  readonly match: Readonly<Record<string, string>>;
  readonly actions: string;
}

/** Parses `ovs-ofctl --no-names dump-flows` output (any OpenFlow version's layout). */
export function parseDumpFlows(text: string): DumpedFlow[] {
  const flows: DumpedFlow[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const at = line.indexOf(' actions=');
    if (!line.startsWith('cookie=') || at < 0) continue;
    const fields: Record<string, string> = {};
    for (const part of line.slice(0, at).split(/,\s*|\s+/)) {
      if (!part) continue;
      const eq = part.indexOf('=');
      fields[eq < 0 ? part : part.slice(0, eq)] = eq < 0 ? '' : part.slice(eq + 1);
    }
    const { cookie = '0x0', table = '0', priority = '32768', n_packets = '0', n_bytes = '0', ...rest } = fields;
    const match: Record<string, string> = {};
    for (const [k, v] of Object.entries(rest)) if (!STATS.has(k)) match[k] = v;
    flows.push({ cookie: normaliseCookie(cookie), table: Number(table), priority: Number(priority), packets: Number(n_packets), bytes: Number(n_bytes), match, actions: line.slice(at + ' actions='.length) });
  }
  return flows;
}

const STATS = new Set(['duration', 'idle_age', 'hard_age', 'idle_timeout', 'hard_timeout', 'reset_counts', 'send_flow_rem', 'importance']);

function normaliseCookie(text: string): string {
  return `0x${BigInt(text).toString(16).padStart(16, '0')}`;
}

/**
 * The dumped flow that carries this plan flow: the flow `wicm lab apply` or the OVS driver put
 * there (same cookie, priority, in_port, VLAN and addresses), or else the flow a lab controller
 * compiled for it (the lab VTN's redirect filter or the lab ONOS's rule: a lab cookie family,
 * same in_port, VLAN and addresses, the highest priority first, as the switch would pick it).
 */
export function findFlow(dump: readonly DumpedFlow[], flow: FlowEntry): DumpedFlow | undefined {
  const same = sameMatch(flow);
  return dump.find((d) => d.cookie === flow.cookie && d.priority === flow.priority && same(d)) ?? findControllerFlow(dump, flow);
}

/** The flow a lab controller (VTN or ONOS) compiled for this plan flow, or undefined. */
export function findControllerFlow(dump: readonly DumpedFlow[], flow: FlowEntry): DumpedFlow | undefined {
  const same = sameMatch(flow);
  return dump.filter((d) => LAB_FAMILIES.has(d.cookie.slice(0, 6)) && same(d)).sort((a, b) => b.priority - a.priority)[0];
}

/** Whether a dumped flow matches what a plan flow matches: in_port, VLAN and addresses. */
function sameMatch(flow: FlowEntry): (d: DumpedFlow) => boolean {
  const m = flow.match;
  const [srcKey, dstKey] = (m.src ?? m.dst)?.family === 6 ? ['ipv6_src', 'ipv6_dst'] : ['nw_src', 'nw_dst'];
  return (d) =>
    d.match['in_port'] === String(m.inPort) &&
    (d.match['dl_vlan'] ?? null) === (m.vlan === null ? null : String(m.vlan)) &&
    sameAddress(d.match[srcKey], m.src?.text) &&
    sameAddress(d.match[dstKey], m.dst?.text);
}

/** Cookie prefixes (`0x` + top 16 bits) of the flows the lab controllers compile. */
const LAB_FAMILIES = new Set([LAB_VTN_COOKIE, LAB_ONOS_COOKIE].map((c) => c.slice(0, 6)));

/** OVS prints a /32 (or /128) without its length. */
function sameAddress(dumped: string | undefined, planned: string | undefined): boolean {
  if (planned === undefined) return dumped === undefined;
  if (dumped === undefined) return false;
  return dumped === planned || `${dumped}/32` === planned || `${dumped}/128` === planned;
}

/** The plan's flows (forward then reverse, in path order) with each flow's lab bridge. */
export interface LabFlowPath {
  readonly serviceId: string;
  readonly direction: 'forward' | 'reverse';
  readonly cookie: string;
  readonly flows: readonly { readonly flow: FlowEntry; readonly ovsName: string }[];
}

/** Builds the OpenFlow flows of the planned services on the lab's bridges; throws listing what blocks them. */
export function labFlows(layout: LiveLabLayout, input: { topology: TopologyDto; services: readonly ServiceDto[]; plans: readonly PlanDto[] }): LabFlowPath[] {
  const findings = new Findings();
  const resolved = resolvePlans({ topology: input.topology, services: input.services, plans: input.plans }, findings, 'install');
  const paths = buildFlows(resolved, findings);
  for (const d of lintFlows(paths.flatMap((p) => p.flows), input.topology)) findings.add(d);
  findings.throwIfErrors('put the plan on the lab bridges');
  const ovsName = new Map(layout.bridges.map((b) => [b.bridgeId, b.ovsName]));
  return paths.map((p) => ({
    serviceId: p.serviceId,
    direction: p.direction,
    cookie: p.cookie,
    flows: p.flows.map((flow) => {
      const name = ovsName.get(flow.bridge.id);
      if (!name) throw new CoreError('INVALID_INPUT', `Bridge "${flow.bridge.name}" is not in the running lab: run \`wicm lab down\` and \`wicm lab up\` after changing the topology.`);
      return { flow, ovsName: name };
    }),
  }));
}

/**
 * One `ovs-ofctl --bundle add-flows` file per bridge: first delete the services' own flows (by
 * cookie), then add each flow, so applying twice gives the same table and a bridge changes atomically.
 */
export function applyBundles(paths: readonly LabFlowPath[], bridges: readonly string[]): Map<string, string> {
  const cookies = [...new Set(paths.map((p) => p.cookie))];
  const files = new Map<string, string[]>(bridges.map((b) => [b, cookies.map((c) => `delete cookie=${c}/-1`)]));
  for (const path of paths) {
    for (const { flow, ovsName } of [...path.flows].reverse()) files.get(ovsName)?.push(`add ${flowSpec(flow)}`);
  }
  return new Map([...files].map(([b, lines]) => [b, `${lines.join('\n')}\n`]));
}

/** The cookies of some services. */
export function cookiesOf(serviceIds: readonly string[]): string[] {
  return serviceIds.map(serviceCookie);
}
