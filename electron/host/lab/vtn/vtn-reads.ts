import { NO_DATA_MESSAGE, RestconfError } from './restconf-error';
import type { VtnInventory } from './vtn-rpc';
import type { FilterList, FlowCondition, Tenant, VBridge, VInterface, VtnState } from './vtn-state';
import type { Node } from './yang-input';

type Json = Readonly<Record<string, unknown>>;
type NodeState = 'UP' | 'DOWN' | 'UNKNOWN';

/**
 * A list of the operational tree whose entries are rendered only when read: a GET of one
 * object renders that object, never the whole tree (the cost of a read does not grow with the
 * number of flows the controller holds). `entry` finds one by its RESTCONF key.
 */
class LazyList {
  constructor(
    readonly size: number,
    readonly entry: (key: string) => Json | undefined,
    readonly all: () => readonly Json[],
  ) {}
}

/** A Map's entries as a lazy list, keyed by the map's (string) keys. */
function lazyOf<V>(map: ReadonlyMap<string, V>, render: (value: V) => Json): LazyList {
  return new LazyList(
    map.size,
    (key) => {
      const value = map.get(key);
      return value === undefined ? undefined : render(value);
    },
    () => [...map.values()].map(render),
  );
}

/** Entries keyed by an integer index (filters, matches), in index order. */
function lazyIndexed(map: ReadonlyMap<number, Node>): LazyList {
  return new LazyList(
    map.size,
    (key) => {
      // RESTCONF compares the key as text: "01" is not entry 1.
      const index = Number(key);
      return String(index) === key ? map.get(index) : undefined;
    },
    () => [...map.entries()].sort(([a], [b]) => a - b).map(([, f]) => f),
  );
}

function filterContainer(name: string, list: FilterList): Json {
  return list.size === 0 ? {} : { [name]: { 'vtn-flow-filter': lazyIndexed(list) } };
}

function listOf(name: string, items: LazyList): Json {
  // RESTCONF leaves empty lists out of the JSON.
  return items.size === 0 ? {} : { [name]: items };
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

/** The state a vInterface adds to its bridge's status. */
function interfaceState(iface: VInterface, inventory: VtnInventory): NodeState {
  return iface.config.enabled ? interfaceStatus(iface, inventory).state : 'UNKNOWN';
}

function renderInterface(iface: VInterface, inventory: VtnInventory): Json {
  const status = interfaceStatus(iface, inventory);
  const map = iface.portMap;
  return {
    name: iface.name,
    'vinterface-config': { ...(iface.config.description === undefined ? {} : { description: iface.config.description }), enabled: iface.config.enabled },
    'vinterface-status': status.json,
    ...(map === undefined
      ? {}
      : { 'port-map-config': { node: map.node, ...(map.portId === undefined ? {} : { 'port-id': map.portId }), ...(map.portName === undefined ? {} : { 'port-name': map.portName }), 'vlan-id': map.vlanId } }),
    ...filterContainer('vinterface-input-filter', iface.input),
    ...filterContainer('vinterface-output-filter', iface.output),
  };
}

/** UNKNOWN with nothing mapped, DOWN when an enabled mapped interface is down, else UP. */
function bridgeState(states: readonly NodeState[]): NodeState {
  const known = states.filter((s) => s !== 'UNKNOWN');
  return known.length === 0 ? 'UNKNOWN' : known.includes('DOWN') ? 'DOWN' : 'UP';
}

function renderBridge(bridge: VBridge, inventory: VtnInventory): Json {
  const isBridge = bridge.kind === 'vbridge';
  const description = bridge.config.description === undefined ? {} : { description: bridge.config.description };
  return {
    name: bridge.name,
    ...(isBridge ? { 'vbridge-config': { ...description, 'age-interval': bridge.config.ageInterval } } : { 'vterminal-config': description }),
    'bridge-status': { state: bridgeState([...bridge.interfaces.values()].map((i) => interfaceState(i, inventory))), 'path-faults': 0 },
    ...listOf('vinterface', lazyOf(bridge.interfaces, (i) => renderInterface(i, inventory))),
    ...(isBridge ? { ...filterContainer('vbridge-input-filter', bridge.input), ...filterContainer('vbridge-output-filter', bridge.output) } : {}),
  };
}

function renderTenant(tenant: Tenant, inventory: VtnInventory): Json {
  const { description, idleTimeout, hardTimeout } = tenant.config;
  return {
    name: tenant.name,
    'vtenant-config': { ...(description === undefined ? {} : { description }), 'idle-timeout': idleTimeout, 'hard-timeout': hardTimeout },
    ...listOf('vbridge', lazyOf(tenant.bridges, (b) => renderBridge(b, inventory))),
    ...listOf('vterminal', lazyOf(tenant.terminals, (b) => renderBridge(b, inventory))),
    ...filterContainer('vtn-input-filter', tenant.input),
  };
}

function renderCondition(condition: FlowCondition): Json {
  return { name: condition.name, ...listOf('vtn-flow-match', lazyIndexed(condition.matches)) };
}

/** The operational tree with lazy lists (see `LazyList`). */
function lazyOperational(state: VtnState, inventory: VtnInventory): Json {
  return {
    vtns: listOf('vtn', lazyOf(state.tenants, (t) => renderTenant(t, inventory))),
    'vtn-flow-conditions': listOf('vtn-flow-condition', lazyOf(state.conditions, renderCondition)),
  };
}

/** Plain JSON of a (part of the) tree: lazy lists rendered in full. */
function materialise(value: unknown): unknown {
  if (value instanceof LazyList) return value.all().map(materialise);
  if (Array.isArray(value)) return value.map(materialise);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialise(v)]));
  return value;
}

/** The operational tree: `{"vtns":{…},"vtn-flow-conditions":{…}}`. */
export function renderOperational(state: VtnState, inventory: VtnInventory): Json {
  return materialise(lazyOperational(state, inventory)) as Json;
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
 * Reads `operational/<path>` as RESTCONF does: a container comes back as `{"name":{…}}`, a list
 * entry wrapped in a one-element list `{"name":[{…}]}`. Only the object read is rendered.
 */
export function readOperational(state: VtnState, inventory: VtnInventory, segments: readonly string[], modules: ReadonlySet<string>): Json {
  const first = segments[0] ?? '';
  const colon = first.indexOf(':');
  if (colon <= 0) throw new RestconfError('malformed-message', `First node in the path must be qualified with its module: ${first}`);
  const module = first.slice(0, colon);
  if (!modules.has(module)) throw new RestconfError('unknown-element', `The module named '${module}' does not exist.`);
  let current: unknown = lazyOperational(state, inventory);
  let result: Json | undefined;
  for (let i = 0; i < segments.length; i += 1) {
    const name = localName(segments[i] ?? '');
    const child = isRecord(current) ? current[name] : undefined;
    if (child === undefined) throw noData();
    const isList = child instanceof LazyList || Array.isArray(child);
    if (!isList || i + 1 >= segments.length) {
      result = { [name]: child };
      current = child;
      continue;
    }
    const keyField = LIST_KEYS[name] ?? 'name';
    const key = segments[i + 1] ?? '';
    const entry: unknown = child instanceof LazyList ? child.entry(key) : (child as unknown[]).find((e: unknown) => isRecord(e) && String(e[keyField]) === key);
    if (entry === undefined) throw noData();
    result = { [name]: [entry] };
    current = entry;
    i += 1;
  }
  if (result === undefined) throw noData();
  return materialise(result) as Json;
}
