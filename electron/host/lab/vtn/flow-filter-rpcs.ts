import { isIpv4Address, isMacAddress } from '../ip-prefix';
import { badRequest, invalidValue, malformed, missing, RestconfError } from './restconf-error';
import { checkName, DESCRIPTION, pathString, vnodePath, type InterfacePath, type VnodePath } from './vnode-path';
import { VNODE_PATH_FIELDS, type UpdateStatus, type VtnRpc } from './vtn-rpc';
import { findBridge, findInterface, findTenant, sameJson, type FilterList, type VtnState } from './vtn-state';
import { get, S, type Fields, type Node } from './yang-input';

const FILTER_TYPES = ['vtn-pass-filter', 'vtn-drop-filter', 'vtn-redirect-filter'] as const;

/** Flow actions a filter may carry; VTN rejects the other `vtn-action` cases in filters. */
const FILTER_ACTIONS: Fields = {
  'vtn-set-dl-src-action': S.container({ address: S.string }),
  'vtn-set-dl-dst-action': S.container({ address: S.string }),
  'vtn-set-inet-src-action': S.container({ 'ipv4-address': S.string }),
  'vtn-set-inet-dst-action': S.container({ 'ipv4-address': S.string }),
  'vtn-set-inet-dscp-action': S.container({ dscp: S.int(0, 63) }),
  'vtn-set-port-src-action': S.container({ port: S.uint16 }),
  'vtn-set-port-dst-action': S.container({ port: S.uint16 }),
  'vtn-set-icmp-type-action': S.container({ type: S.uint8 }),
  'vtn-set-icmp-code-action': S.container({ code: S.uint8 }),
  'vtn-set-vlan-pcp-action': S.container({ 'vlan-pcp': S.int(0, 7) }),
};

/** `vtn-action` cases that exist in the model but not for flow filters. */
const UNSUPPORTED_ACTIONS: Fields = {
  'vtn-drop-action': S.container({}),
  'vtn-push-vlan-action': S.container({ 'vlan-type': S.string }),
  'vtn-pop-vlan-action': S.container({}),
  'vtn-set-vlan-id-action': S.container({ 'vlan-id': S.int(1, 4095) }),
};

const FILTER_FIELDS: Fields = {
  index: S.int(1, 65535, 'Invalid filter index'),
  condition: S.string,
  'vtn-flow-action': S.list({ order: S.int32, ...FILTER_ACTIONS, ...UNSUPPORTED_ACTIONS }),
  'vtn-pass-filter': S.container({}),
  'vtn-drop-filter': S.container({}),
  'vtn-redirect-filter': S.container({
    'redirect-destination': S.container({ 'tenant-name': S.string, 'bridge-name': S.string, 'terminal-name': S.string, 'interface-name': S.string }),
    output: S.bool,
  }),
};

/** Wraps a destination name error as VTN does ("Invalid redirect-destination: …"), keeping its tag. */
function destinationError(e: unknown): unknown {
  return e instanceof RestconfError ? new RestconfError(e.tag, `Invalid redirect-destination: ${e.message}`, e.appTag) : e;
}

/** The redirect destination (tenant ignored, as VTN does) as an interface path in `tenant`. */
function redirectDestination(redirect: Node, tenant: string): InterfacePath {
  const dest = get.node(redirect, 'redirect-destination');
  if (dest === undefined) throw missing('redirect-destination');
  const bridge = get.str(dest, 'bridge-name');
  const terminal = get.str(dest, 'terminal-name');
  if (bridge === undefined && terminal === undefined) throw badRequest(`Unexpected virtual node path: redirect-destination${JSON.stringify(dest)}`);
  const kind = bridge !== undefined ? 'vbridge' : 'vterminal';
  try {
    const name = checkName(DESCRIPTION[kind], bridge ?? terminal, false);
    const iface = checkName(DESCRIPTION.iface, get.str(dest, 'interface-name'), false);
    return { kind: kind === 'vbridge' ? 'vbridge-if' : 'vterminal-if', tenant, bridge: name, iface };
  } catch (e) {
    throw destinationError(e);
  }
}

function checkActions(actions: readonly Node[]): readonly Node[] {
  const orders = new Set<number>();
  for (const action of actions) {
    const order = get.int(action, 'order');
    if (order === undefined) throw missing('Action order');
    if (orders.has(order)) throw badRequest(`Duplicate flow action order: ${order}`);
    orders.add(order);
    const cases = Object.keys(action).filter((k) => k !== 'order');
    if (cases.length !== 1) throw malformed(`vtn-flow-action ${order}: exactly one action is required, got ${cases.length}`);
    const kind = cases[0] ?? '';
    if (kind in UNSUPPORTED_ACTIONS) throw badRequest(`Unsupported flow action for flow filter: ${kind}`);
    const body = get.node(action, kind) ?? {};
    const address = get.str(body, 'address') ?? get.str(body, 'ipv4-address');
    const valid = address === undefined || (kind.includes('-dl-') ? isMacAddress(address) : isIpv4Address(address));
    if (!valid) throw invalidValue(`Invalid address in ${kind}: ${address ?? ''}`);
  }
  return [...actions].sort((a, b) => (get.int(a, 'order') ?? 0) - (get.int(b, 'order') ?? 0));
}

function sameInterface(a: VnodePath, b: InterfacePath): boolean {
  return a.kind === b.kind && a.tenant === b.tenant && a.bridge === b.bridge && 'iface' in a && a.iface === b.iface;
}

/** Validates one filter (VTN's `VTNFlowFilter.create` + `canSet`) and returns its read-back entry. */
function normaliseFilter(filter: Node, target: VnodePath): Node {
  const types = FILTER_TYPES.filter((t) => filter[t] !== undefined);
  if (types.length > 1) throw malformed(`vtn-flow-filter: only one of ${FILTER_TYPES.join(', ')} may be given`);
  const type = types[0];
  if (type === undefined) throw missing('vtn-flow-filter-type');
  const index = get.int(filter, 'index');
  if (index === undefined) throw missing('Filter index');
  const condition = checkName('Flow condition', get.str(filter, 'condition'), false);
  const actions = checkActions(get.list(filter, 'vtn-flow-action') ?? []);
  const base: Node = { index, condition, ...(actions.length === 0 ? {} : { 'vtn-flow-action': actions }) };
  if (type !== 'vtn-redirect-filter') return { ...base, [type]: {} };
  const redirect = get.node(filter, type) ?? {};
  const dest = redirectDestination(redirect, target.tenant);
  if (sameInterface(target, dest)) throw badRequest(`Self redirection is not allowed: ${pathString(dest)}`);
  const destination = dest.kind === 'vbridge-if' ? { 'bridge-name': dest.bridge, 'interface-name': dest.iface } : { 'terminal-name': dest.bridge, 'interface-name': dest.iface };
  return { ...base, [type]: { output: get.bool(redirect, 'output') === true, 'redirect-destination': destination } };
}

/** The filter list a target + direction designates (404 when the node is absent). */
function filterList(state: VtnState, path: VnodePath, output: boolean): FilterList {
  switch (path.kind) {
    case 'vtn':
      // The VTN-wide list filters incoming packets only; `output` is ignored.
      return findTenant(state, path).input;
    case 'vbridge': {
      const bridge = findBridge(state, path);
      return output ? bridge.output : bridge.input;
    }
    case 'vterminal':
      throw badRequest(`${pathString(path)}: vTerminal does not support flow filter.`);
    case 'vbridge-if':
    case 'vterminal-if': {
      const iface = findInterface(state, path);
      return output ? iface.output : iface.input;
    }
  }
}

function ensureFilterable(path: VnodePath): void {
  if (path.kind === 'vterminal') throw badRequest(`${pathString(path)}: vTerminal does not support flow filter.`);
}

const setFlowFilter: VtnRpc = {
  module: 'vtn-flow-filter',
  name: 'set-flow-filter',
  input: { ...VNODE_PATH_FIELDS, output: S.bool, 'vtn-flow-filter': S.list(FILTER_FIELDS) },
  run(state, input) {
    const path = vnodePath(input, true);
    const filters = get.list(input, 'vtn-flow-filter') ?? [];
    if (filters.length === 0) throw new RestconfError('missing-element', 'At least one flow filter must be specified.', 'BADREQUEST');
    const entries = new Map<number, Node>();
    for (const filter of filters) {
      const entry = normaliseFilter(filter, path);
      const index = entry.index as number;
      if (entries.has(index)) throw badRequest(`Duplicate flow filter index: ${index}`);
      entries.set(index, entry);
    }
    ensureFilterable(path);
    const list = filterList(state, path, get.bool(input, 'output') === true);
    const results = [...entries].map(([index, entry]) => {
      const before = list.get(index);
      const status: UpdateStatus = before === undefined ? 'CREATED' : sameJson(before, entry) ? undefined : 'CHANGED';
      list.set(index, entry);
      return status === undefined ? { index } : { index, status };
    });
    return { 'flow-filter-result': results };
  },
};

const removeFlowFilter: VtnRpc = {
  module: 'vtn-flow-filter',
  name: 'remove-flow-filter',
  input: { ...VNODE_PATH_FIELDS, output: S.bool, indices: S.leafList(S.int(1, 65535, 'Invalid filter index')) },
  run(state, input) {
    const path = vnodePath(input, true);
    ensureFilterable(path);
    const list = filterList(state, path, get.bool(input, 'output') === true);
    const requested = (get.leaves(input, 'indices') ?? []) as readonly number[];
    // No indices = the whole list.
    const indices = requested.length === 0 ? [...list.keys()].sort((a, b) => a - b) : [...new Set(requested)];
    const results = indices.map((index) => (list.delete(index) ? { index, status: 'REMOVED' } : { index }));
    return results.length === 0 ? {} : { 'flow-filter-result': results };
  },
};

/** set-flow-filter and remove-flow-filter. */
export const FLOW_FILTER_RPCS: readonly VtnRpc[] = [setFlowFilter, removeFlowFilter];
