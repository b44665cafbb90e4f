import { NO_DATA_MESSAGE, RestconfError } from './restconf-error';
import type { VtnInventory } from './vtn-rpc';
import type { FilterList, FlowCondition, Tenant, VBridge, VInterface, VtnState } from './vtn-state';

type Json = Readonly<Record<string, unknown>>;
type NodeState = 'UP' | 'DOWN' | 'UNKNOWN';

function filterContainer(name: string, list: FilterList): Json {
  const filters = [...list.entries()].sort(([a], [b]) => a - b).map(([, f]) => f);
  return filters.length === 0 ? {} : { [name]: { 'vtn-flow-filter': filters } };
}

function listOf(name: string, items: readonly Json[]): Json {
  // RESTCONF leaves empty lists out of the JSON.
  return items.length === 0 ? {} : { [name]: items };
}

function interfaceStatus(iface: VInterface, inventory: VtnInventory): { state: NodeState; json: Json } {
  const map = iface.portMap;
  if (map === undefined) return { state: 'UNKNOWN', json: { state: 'UNKNOWN', 'entity-state': 'UNKNOWN' } };
  const port = inventory.findPort(map.node, map.portId, map.portName);
  const portUp = port !== undefined && port.enabled;
  const state: NodeState = iface.config.enabled && portUp ? 'UP' : 'DOWN';
  return {
    state,
    json: { state, 'entity-state': portUp ? 'UP' : 'DOWN', ...(port === undefined ? {} : { 'mapped-port': `${map.node}:${port.number}` }) },
  };
}

function renderInterface(iface: VInterface, inventory: VtnInventory): { state: NodeState; json: Json } {
  const status = interfaceStatus(iface, inventory);
  const map = iface.portMap;
  return {
    state: iface.config.enabled ? status.state : 'UNKNOWN',
    json: {
      name: iface.name,
      'vinterface-config': { ...(iface.config.description === undefined ? {} : { description: iface.config.description }), enabled: iface.config.enabled },
      'vinterface-status': status.json,
      ...(map === undefined
        ? {}
        : { 'port-map-config': { node: map.node, ...(map.portId === undefined ? {} : { 'port-id': map.portId }), ...(map.portName === undefined ? {} : { 'port-name': map.portName }), 'vlan-id': map.vlanId } }),
      ...filterContainer('vinterface-input-filter', iface.input),
      ...filterContainer('vinterface-output-filter', iface.output),
    },
  };
}

/** UNKNOWN with nothing mapped, DOWN when an enabled mapped interface is down, else UP. */
function bridgeState(states: readonly NodeState[]): NodeState {
  const known = states.filter((s) => s !== 'UNKNOWN');
  return known.length === 0 ? 'UNKNOWN' : known.includes('DOWN') ? 'DOWN' : 'UP';
}

function renderBridge(bridge: VBridge, inventory: VtnInventory): Json {
  const interfaces = [...bridge.interfaces.values()].map((i) => renderInterface(i, inventory));
  const isBridge = bridge.kind === 'vbridge';
  const description = bridge.config.description === undefined ? {} : { description: bridge.config.description };
  return {
    name: bridge.name,
    ...(isBridge ? { 'vbridge-config': { ...description, 'age-interval': bridge.config.ageInterval } } : { 'vterminal-config': description }),
    'bridge-status': { state: bridgeState(interfaces.map((i) => i.state)), 'path-faults': 0 },
    ...listOf('vinterface', interfaces.map((i) => i.json)),
    ...(isBridge ? { ...filterContainer('vbridge-input-filter', bridge.input), ...filterContainer('vbridge-output-filter', bridge.output) } : {}),
  };
}

function renderTenant(tenant: Tenant, inventory: VtnInventory): Json {
  const { description, idleTimeout, hardTimeout } = tenant.config;
  return {
    name: tenant.name,
    'vtenant-config': { ...(description === undefined ? {} : { description }), 'idle-timeout': idleTimeout, 'hard-timeout': hardTimeout },
    ...listOf('vbridge', [...tenant.bridges.values()].map((b) => renderBridge(b, inventory))),
    ...listOf('vterminal', [...tenant.terminals.values()].map((b) => renderBridge(b, inventory))),
    ...filterContainer('vtn-input-filter', tenant.input),
  };
}

function renderCondition(condition: FlowCondition): Json {
  const matches = [...condition.matches.entries()].sort(([a], [b]) => a - b).map(([, m]) => m);
  return { name: condition.name, ...listOf('vtn-flow-match', matches) };
}

/** The operational tree: `{"vtns":{…},"vtn-flow-conditions":{…}}`. */
export function renderOperational(state: VtnState, inventory: VtnInventory): Json {
  return {
    vtns: listOf('vtn', [...state.tenants.values()].map((t) => renderTenant(t, inventory))),
    'vtn-flow-conditions': listOf('vtn-flow-condition', [...state.conditions.values()].map(renderCondition)),
  };
}

/** Keys of the lists RESTCONF paths can index into. */
const LIST_KEYS: Readonly<Record<string, string>> = {
  vtn: 'name',
  vbridge: 'name',
  vterminal: 'name',
  vinterface: 'name',
  'vtn-flow-filter': 'index',
  'vtn-flow-condition': 'name',
  'vtn-flow-match': 'index',
  'vtn-flow-action': 'order',
};

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RESTCONF's own 404 (protocol error, no VTN app tag). */
const noData = (): RestconfError => new RestconfError('data-missing', NO_DATA_MESSAGE);

const localName = (segment: string): string => segment.slice(segment.indexOf(':') + 1);

/**
 * Reads `operational/<path>` from the tree as RESTCONF does: a container comes back as
 * `{"name":{…}}`, a list entry wrapped in a one-element list `{"name":[{…}]}`.
 */
export function readOperational(tree: Json, segments: readonly string[], modules: ReadonlySet<string>): Json {
  const first = segments[0] ?? '';
  const colon = first.indexOf(':');
  if (colon <= 0) throw new RestconfError('malformed-message', `First node in the path must be qualified with its module: ${first}`);
  const module = first.slice(0, colon);
  if (!modules.has(module)) throw new RestconfError('unknown-element', `The module named '${module}' does not exist.`);
  let current: unknown = tree;
  let result: Json | undefined;
  for (let i = 0; i < segments.length; i += 1) {
    const name = localName(segments[i] ?? '');
    const child = isRecord(current) ? current[name] : undefined;
    if (child === undefined) throw noData();
    if (!Array.isArray(child) || i + 1 >= segments.length) {
      result = { [name]: child };
      current = child;
      continue;
    }
    const keyField = LIST_KEYS[name] ?? 'name';
    const key = segments[i + 1];
    const entry: unknown = child.find((e: unknown) => isRecord(e) && String(e[keyField]) === key);
    if (entry === undefined) throw noData();
    result = { [name]: [entry] };
    current = entry;
    i += 1;
  }
  if (result === undefined) throw noData();
  return result;
}
