import type { DiagnosticDto, TopologyDto } from '../../contract/dto';
import { ETH_TYPE_IPV4, ETH_TYPE_IPV6, type FlowEntry } from './flows';
import { keysOverlap, type CanonicalPrefix } from '../../net';

/**
 * The flow lint rules: what ovs-ofctl or an OpenFlow 1.3 switch would reject or silently
 * mis-handle, checked on flows about to be added.
 *
 * 1. an IP address match without the IP EtherType (OVS drops the L3 fields: the flow matches
 *    everything);
 * 2. a VLAN pop (or VLAN set_field) without a tag-guaranteeing match or an earlier push;
 * 3. VLAN values: `set_field` needs the 0x1000 "present" bit, `mod_vlan_vid` / `dl_vlan` 0..4095;
 * 4. a cookie mask on an add;
 * 5. priority 0..65535, table 0..254, every port number on the flow's bridge, and no plain
 *    output to the ingress port (dropped by OpenFlow; use `in_port`);
 * 6. two flows with the same match and priority in one table (the second replaces the first):
 *    an error when identical, a warning when they merely overlap with different actions.
 *
 * Errors make the export fail; warnings travel with the result.
 */
export function lintFlows(flows: readonly FlowEntry[], topology: TopologyDto): DiagnosticDto[] {
  const out: DiagnosticDto[] = [];
  const portsByBridge = new Map<string, Set<number>>();
  for (const port of topology.ports) {
    if (port.ofPort === null) continue;
    const set = portsByBridge.get(port.bridgeId) ?? new Set<number>();
    set.add(port.ofPort);
    portsByBridge.set(port.bridgeId, set);
  }
  for (const flow of flows) {
    out.push(...lintOne(flow, portsByBridge.get(flow.bridge.id) ?? new Set()));
  }
  out.push(...lintCollisions(flows));
  return out;
}

function lintOne(flow: FlowEntry, bridgePorts: ReadonlySet<number>): DiagnosticDto[] {
  const out: DiagnosticDto[] = [];
  const where = { pointer: flow.pointer, elementId: flow.bridge.id };
  const name = `flow ${flow.direction} #${flow.seq} of service "${flow.serviceId}" on "${flow.bridge.controllerId}"`;
  const error = (code: string, message: string, hint: string): void => {
    out.push({ severity: 'error', code, message: `${message} (${name})`, hint, ...where });
  };
  const { match } = flow;
  const family = match.src?.family ?? match.dst?.family;
  if (family !== undefined && match.ethType === null) {
    error('OVS_L3_WITHOUT_ETH_TYPE', 'IP address match without ip/ipv6', 'Add `ip` (or `ipv6`) before nw_src/nw_dst, or the switch matches every packet.');
  } else if (family !== undefined && match.ethType !== (family === 4 ? ETH_TYPE_IPV4 : ETH_TYPE_IPV6)) {
    error('OVS_ETH_TYPE_MISMATCH', `IPv${family} address match with EtherType 0x${match.ethType?.toString(16) ?? ''}`, 'Use `ip` for IPv4 and `ipv6` for IPv6 matches.');
  }
  if (match.vlan !== null && !isVid(match.vlan)) {
    error('OVS_VLAN_RANGE', `dl_vlan=${match.vlan} is outside 0..4095`, 'Use a VLAN id 0..4095.');
  }
  let isTagged = match.vlan !== null;
  for (const action of flow.actions) {
    if (action.type === 'mod_vlan_vid') {
      if (!isVid(action.vid)) error('OVS_VLAN_RANGE', `mod_vlan_vid:${action.vid} is outside 0..4095`, 'Use a VLAN id 0..4095.');
      isTagged = true;
    } else if (action.type === 'set_field_vlan_vid') {
      if (!Number.isInteger(action.value) || action.value < 0x1000 || action.value > 0x1fff) {
        error('OVS_SET_FIELD_VLAN', `set_field:${action.value}->vlan_vid lacks the 0x1000 present bit or exceeds 0x1fff`, 'Write 4096 + VLAN id (e.g. 4496 for VLAN 400).');
      }
      if (!isTagged) error('OVS_POP_WITHOUT_TAG', 'set_field on vlan_vid without a tag', 'Match dl_vlan or push a tag first (mod_vlan_vid).');
    } else if (action.type === 'strip_vlan') {
      if (!isTagged) error('OVS_POP_WITHOUT_TAG', 'strip_vlan without a tag-guaranteeing match or earlier push', 'Match dl_vlan=<vid> when popping a tag.');
      isTagged = false;
    } else if (action.type === 'output') {
      if (action.port === match.inPort) error('OVS_OUTPUT_TO_IN_PORT', `output:${action.port} equals in_port and is dropped`, 'Use the in_port action to send a packet back.');
      if (!bridgePorts.has(action.port)) error('OVS_UNKNOWN_PORT', `output port ${action.port} is not on the bridge`, 'Set the ports\' OpenFlow numbers in the topology.');
    }
  }
  if (flow.cookieMask !== null) {
    error('OVS_COOKIE_MASK_ON_ADD', 'cookie mask on a flow addition', 'Masks are for del-flows/dump-flows only.');
  }
  if (!Number.isInteger(flow.priority) || flow.priority < 0 || flow.priority > 65535) {
    error('OVS_PRIORITY_RANGE', `priority ${flow.priority} is outside 0..65535`, 'Use a priority 0..65535.');
  }
  if (!Number.isInteger(flow.table) || flow.table < 0 || flow.table > 254) {
    error('OVS_TABLE_RANGE', `table ${flow.table} is outside 0..254`, 'Use a table 0..254.');
  }
  if (!bridgePorts.has(match.inPort)) {
    error('OVS_UNKNOWN_PORT', `in_port ${match.inPort} is not on the bridge`, 'Set the ports\' OpenFlow numbers in the topology.');
  }
  return out;
}

function isVid(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 4095;
}

function lintCollisions(flows: readonly FlowEntry[]): DiagnosticDto[] {
  const groups = new Map<string, FlowEntry[]>();
  for (const flow of flows) {
    const key = `${flow.bridge.id}\u0000${flow.table}\u0000${flow.priority}\u0000${flow.match.inPort}`;
    const list = groups.get(key) ?? [];
    list.push(flow);
    groups.set(key, list);
  }
  const out: DiagnosticDto[] = [];
  for (const group of groups.values()) {
    group.forEach((a, i) => {
      for (const b of group.slice(i + 1)) {
        const relation = compareMatches(a, b);
        if (relation === 'disjoint') continue;
        const isSameActions = JSON.stringify(a.actions) === JSON.stringify(b.actions);
        if (relation === 'overlapping' && isSameActions) continue;
        const what = `flows ${a.direction} #${a.seq} of "${a.serviceId}" and ${b.direction} #${b.seq} of "${b.serviceId}" on "${a.bridge.controllerId}"`;
        out.push(
          relation === 'identical'
            ? {
                severity: 'error',
                code: 'FLOW_COLLISION',
                message: `Identical match and priority ${a.priority}: ${what} (the second replaces the first)`,
                pointer: b.pointer,
                elementId: a.bridge.id,
                hint: 'Give the services distinct segments, or different VLAN tags towards their PoPs.',
              }
            : {
                severity: 'warning',
                code: 'FLOW_OVERLAP',
                message: `Overlapping matches at the same priority ${a.priority}: ${what}; which one a packet hits is undefined`,
                pointer: b.pointer,
                elementId: a.bridge.id,
                hint: 'Make one service\'s segments more specific than the other\'s.',
              },
        );
      }
    });
  }
  return out;
}

function compareMatches(a: FlowEntry, b: FlowEntry): 'identical' | 'overlapping' | 'disjoint' {
  const ma = a.match;
  const mb = b.match;
  if (ma.ethType !== mb.ethType) return 'disjoint';
  if (ma.vlan !== null && mb.vlan !== null && ma.vlan !== mb.vlan) return 'disjoint';
  if (!overlaps(ma.src, mb.src) || !overlaps(ma.dst, mb.dst)) return 'disjoint';
  const isIdentical = ma.vlan === mb.vlan && ma.src?.text === mb.src?.text && ma.dst?.text === mb.dst?.text;
  return isIdentical ? 'identical' : 'overlapping';
}

function overlaps(a: CanonicalPrefix | null, b: CanonicalPrefix | null): boolean {
  return a === null || b === null || keysOverlap(a.key, b.key);
}
