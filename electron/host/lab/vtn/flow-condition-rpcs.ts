import { canonicalIpv4Prefix, isMacAddress } from '../ip-prefix';
import { badRequest, invalidValue, missing, notFound } from './restconf-error';
import { checkName } from './vnode-path';
import { statusOutput, type VtnRpc } from './vtn-rpc';
import { sameJson } from './vtn-state';
import { get, S, type Fields, type Node } from './yang-input';

const CONDITION = 'Flow condition';

const portRange = (): Fields => ({ 'port-from': S.uint16, 'port-to': S.uint16 });

/** `vtn-flow-match` list entry. */
export const FLOW_MATCH_FIELDS: Fields = {
  index: S.int(1, 65535, 'Invalid match index'),
  'vtn-ether-match': S.container({
    'source-address': S.string,
    'destination-address': S.string,
    'ether-type': S.uint32,
    'vlan-id': S.int(0, 4095),
    'vlan-pcp': S.int(0, 7),
  }),
  'vtn-inet-match': S.container({
    'source-network': S.string,
    'destination-network': S.string,
    protocol: S.uint8,
    dscp: S.int(0, 63),
  }),
  'vtn-tcp-match': S.container({ 'tcp-source-range': S.container(portRange()), 'tcp-destination-range': S.container(portRange()) }),
  'vtn-udp-match': S.container({ 'udp-source-range': S.container(portRange()), 'udp-destination-range': S.container(portRange()) }),
  'vtn-icmp-match': S.container({ 'icmp-type': S.uint8, 'icmp-code': S.uint8 }),
};

function checkRange(range: Node | undefined, what: string): void {
  if (range === undefined) return;
  const from = get.int(range, 'port-from');
  const to = get.int(range, 'port-to');
  if (from === undefined) throw missing(`${what}: port-from`);
  if (to !== undefined && to < from) throw badRequest(`${what}: Invalid port range: from=${from}, to=${to}`);
}

const ETHER_IPV4 = 0x800;
const PROTOCOL = { 'vtn-tcp-match': 6, 'vtn-udp-match': 17, 'vtn-icmp-match': 1 } as const;

/**
 * The cross-field checks of VTNEtherMatch / VTNInetMatch / VTNMatch (all `BADREQUEST`,
 * error-tag `bad-element`, as `RpcException.getBadArgumentException`): ether-type within 16
 * bits; a VLAN priority only with a VLAN id; an inet match implies ether-type 0x800; a TCP, UDP
 * or ICMP match implies its IP protocol.
 */
function checkConsistency(match: Node, ether: Node | undefined, inet: Node | undefined): void {
  const etherType = ether === undefined ? undefined : get.int(ether, 'ether-type');
  if (etherType !== undefined && etherType > 0xffff) throw badRequest(`Invalid Ethernet type: ${etherType}`);
  const pcp = ether === undefined ? undefined : get.int(ether, 'vlan-pcp');
  const vlan = ether === undefined ? undefined : get.int(ether, 'vlan-id');
  if (pcp !== undefined && (vlan === undefined || vlan <= 0)) throw badRequest('VLAN priority requires a valid VLAN ID.');
  const l4 = (Object.keys(PROTOCOL) as (keyof typeof PROTOCOL)[]).filter((key) => get.node(match, key) !== undefined);
  if (etherType !== undefined && etherType !== ETHER_IPV4 && (inet !== undefined || l4.length > 0)) {
    throw badRequest(`Ethernet type conflict: type=0x${etherType.toString(16)}, expected=0x${ETHER_IPV4.toString(16)}`);
  }
  let protocol = inet === undefined ? undefined : get.int(inet, 'protocol');
  for (const key of l4) {
    const expected = PROTOCOL[key];
    if (protocol !== undefined && protocol !== expected) throw badRequest(`IP protocol conflict: proto=${protocol}, expected=${expected}`);
    protocol = expected;
  }
}

/** Validates one match and returns it as read back (prefixes with host bits cleared). */
function normaliseMatch(match: Node): Node {
  const ether = get.node(match, 'vtn-ether-match');
  checkConsistency(match, ether, get.node(match, 'vtn-inet-match'));
  for (const key of ['source-address', 'destination-address']) {
    const mac = ether === undefined ? undefined : get.str(ether, key);
    if (mac !== undefined && !isMacAddress(mac)) throw invalidValue(`Invalid MAC address in ${key}: ${mac}`);
  }
  const inet = get.node(match, 'vtn-inet-match');
  const networks = Object.fromEntries(
    ['source-network', 'destination-network'].flatMap((key) => {
      const text = inet === undefined ? undefined : get.str(inet, key);
      if (text === undefined) return [];
      const prefix = canonicalIpv4Prefix(text);
      if (prefix === undefined) throw invalidValue(`Invalid IPv4 network in ${key}: ${text}`);
      return [[key, prefix]];
    }),
  );
  const tcp = get.node(match, 'vtn-tcp-match');
  const udp = get.node(match, 'vtn-udp-match');
  checkRange(tcp === undefined ? undefined : get.node(tcp, 'tcp-source-range'), 'tcp-source-range');
  checkRange(tcp === undefined ? undefined : get.node(tcp, 'tcp-destination-range'), 'tcp-destination-range');
  checkRange(udp === undefined ? undefined : get.node(udp, 'udp-source-range'), 'udp-source-range');
  checkRange(udp === undefined ? undefined : get.node(udp, 'udp-destination-range'), 'udp-destination-range');
  return inet === undefined ? match : { ...match, 'vtn-inet-match': { ...inet, ...networks } };
}

/** The validated matches of a request, keyed by index, in request order. */
function parseMatches(input: Node): Map<number, Node> {
  const matches = new Map<number, Node>();
  for (const match of get.list(input, 'vtn-flow-match') ?? []) {
    const index = get.int(match, 'index');
    if (index === undefined) throw missing('Match index');
    if (matches.has(index)) throw badRequest(`Duplicate match index: ${index}`);
    matches.set(index, normaliseMatch(match));
  }
  return matches;
}

const setFlowCondition: VtnRpc = {
  module: 'vtn-flow-condition',
  name: 'set-flow-condition',
  input: { name: S.string, operation: S.enumOf('ADD', 'SET'), present: S.bool, 'vtn-flow-match': S.list(FLOW_MATCH_FIELDS) },
  run(state, input) {
    const mustExist = get.bool(input, 'present') === true;
    const name = checkName(CONDITION, get.str(input, 'name'), mustExist);
    const given = parseMatches(input);
    const existing = state.conditions.get(name);
    if (existing === undefined) {
      if (mustExist) throw notFound(`${name}: ${CONDITION} does not exist.`);
      state.conditions.set(name, { name, matches: given });
      return statusOutput('CREATED');
    }
    const next = (input.operation ?? 'ADD') === 'SET' ? given : new Map([...existing.matches, ...given]);
    const status = sameJson(Object.fromEntries(existing.matches), Object.fromEntries(next)) ? undefined : 'CHANGED';
    existing.matches.clear();
    for (const [index, match] of next) existing.matches.set(index, match);
    return statusOutput(status);
  },
};

const removeFlowCondition: VtnRpc = {
  module: 'vtn-flow-condition',
  name: 'remove-flow-condition',
  input: { name: S.string },
  run(state, input) {
    const name = checkName(CONDITION, get.str(input, 'name'), true);
    // Filters that name it stay and become inert, as in VTN.
    if (!state.conditions.delete(name)) throw notFound(`${name}: ${CONDITION} does not exist.`);
    return undefined;
  },
};

/** set-flow-condition and remove-flow-condition. */
export const FLOW_CONDITION_RPCS: readonly VtnRpc[] = [setFlowCondition, removeFlowCondition];
