import type { BridgeDto, Direction } from '../../contract/dto';
import { serviceCookie } from './cookie';
import type { Findings } from '../translate/findings';
import type { CanonicalPrefix } from '../../net';
import type { ResolvedPlan, ResolvedRule } from '../translate/resolve';

/** EtherType of IPv4 / IPv6, the prerequisite of any IP match. */
export const ETH_TYPE_IPV4 = 0x0800;
/** EtherType of IPv6. */
export const ETH_TYPE_IPV6 = 0x86dd;

/** Lowest priority of a WICM flow. */
export const FLOW_PRIORITY_BASE = 40000;

/** What a per-switch flow matches. A null prefix matches any address (a `/0`). */
export interface FlowMatch {
  readonly inPort: number;
  /** VLAN id the packet must carry, or null for "tagged or not". */
  readonly vlan: number | null;
  readonly ethType: number | null;
  readonly src: CanonicalPrefix | null;
  readonly dst: CanonicalPrefix | null;
}

/** One action of an apply-actions list, in Open vSwitch terms. */
export type FlowAction =
  | { readonly type: 'mod_vlan_vid'; readonly vid: number }
  | { readonly type: 'set_field_vlan_vid'; readonly value: number }
  | { readonly type: 'strip_vlan' }
  | { readonly type: 'output'; readonly port: number }
  /** Send back out of the ingress port (OpenFlow drops a plain output to it). */
  | { readonly type: 'in_port' };

/**
 * One OpenFlow rule on one switch: the shared form behind the OVS and ONOS exports.
 *
 * Priority scheme: `40000 + 2 × (source prefix length + destination prefix length)`, plus 1
 * when the flow matches a VLAN tag. More specific service matches therefore win where two
 * services overlap on a port (longest-prefix-match, as the planner resolves segments), and a
 * flow that takes tagged traffic back from a PoP outranks an untagged-agnostic flow with the
 * same prefixes but never a more specific one. IPv6 stays below 40513, inside OpenFlow's 0..65535.
 */
export interface FlowEntry {
  readonly serviceId: string;
  readonly direction: Direction;
  readonly seq: number;
  readonly bridge: BridgeDto;
  /** `0x` + 16 hex digits. */
  readonly cookie: string;
  /** Only for deletes and dumps; an add with a mask is rejected by ovs-ofctl. */
  readonly cookieMask: string | null;
  readonly table: number;
  readonly priority: number;
  readonly match: FlowMatch;
  readonly actions: readonly FlowAction[];
  /** Where the flow comes from (JSON pointer of its rule in the export input). */
  readonly pointer: string;
  /** Human-readable summary for a comment: bridge, port names and numbers, tags. */
  readonly note: string;
}

/** The flows of one direction of one service, in path order. */
export interface FlowPath {
  readonly serviceId: string;
  readonly direction: Direction;
  readonly cookie: string;
  readonly flows: readonly FlowEntry[];
}

/**
 * Turns resolved plans into per-switch flows (two paths per plan, forward first).
 *
 * Every port a flow names needs an OpenFlow port number; a port without one is recorded as an
 * error naming it.
 */
export function buildFlows(plans: readonly ResolvedPlan[], findings: Findings): FlowPath[] {
  return plans.flatMap((plan) => {
    const cookie = serviceCookie(plan.service.id);
    return plan.paths.map((path) => ({
      serviceId: plan.service.id,
      direction: path.direction,
      cookie,
      flows: path.rules.flatMap((rule) => {
        const flow = toFlow(rule, cookie, findings);
        return flow ? [flow] : [];
      }),
    }));
  });
}

function toFlow(r: ResolvedRule, cookie: string, findings: Findings): FlowEntry | undefined {
  const inPort = ofPortOf(r, 'in', findings);
  const outPort = ofPortOf(r, 'out', findings);
  if (inPort === undefined || outPort === undefined) return undefined;
  if (r.outPort.bridgeId !== r.bridge.id) {
    findings.error(
      'CROSS_BRIDGE_RULE',
      `Rule ${r.rule.seq} enters bridge "${r.bridge.name}" but leaves through port "${r.outPort.name}" of bridge "${r.outBridge.name}"`,
      { pointer: `${r.pointer}/outPortId`, hint: 'An OpenFlow rule can only output to a port of its own switch.' },
    );
    return undefined;
  }
  const vlanActions: FlowAction[] =
    r.tagOut !== null && r.tagOut !== r.tagIn
      ? [{ type: 'mod_vlan_vid', vid: r.tagOut }]
      : r.tagOut === null && r.tagIn !== null
        ? [{ type: 'strip_vlan' }]
        : [];
  const output: FlowAction = inPort === outPort ? { type: 'in_port' } : { type: 'output', port: outPort };
  return {
    serviceId: r.rule.serviceId,
    direction: r.rule.direction,
    seq: r.rule.seq,
    bridge: r.bridge,
    cookie,
    cookieMask: null,
    table: 0,
    priority: FLOW_PRIORITY_BASE + 2 * (r.src.length + r.dst.length) + (r.tagIn !== null ? 1 : 0),
    match: {
      inPort,
      vlan: r.tagIn,
      ethType: r.family === 4 ? ETH_TYPE_IPV4 : ETH_TYPE_IPV6,
      src: r.src.length === 0 ? null : r.src,
      dst: r.dst.length === 0 ? null : r.dst,
    },
    actions: [...vlanActions, output],
    pointer: r.pointer,
    note: `${r.bridge.controllerId}: ${r.inPort.name} (${inPort})${tagNote(r.tagIn)} -> ${r.outPort.name} (${outPort})${tagNote(r.tagOut)}`,
  };
}

function tagNote(tag: number | null): string {
  return tag === null ? '' : ` vlan ${tag}`;
}

function ofPortOf(r: ResolvedRule, end: 'in' | 'out', findings: Findings): number | undefined {
  const port = end === 'in' ? r.inPort : r.outPort;
  const bridge = end === 'in' ? r.bridge : r.outBridge;
  if (port.ofPort !== null) return port.ofPort;
  findings.error('NO_OF_PORT', `Port "${port.name}" of bridge "${bridge.name}" has no OpenFlow port number`, {
    pointer: `${r.pointer}/${end}PortId`,
    elementId: port.id,
    hint: 'Set the port\'s OpenFlow port number (ofPort) in the topology.',
  });
  return undefined;
}
