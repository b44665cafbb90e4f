import { asBoolean, asNumber, record } from '../canonical';
import type { DriverRequest } from '../driver';

const OPS = '/restconf/operations';

/** A RESTCONF RPC call. */
export function rpc(name: string, input: Readonly<Record<string, unknown>>): DriverRequest {
  return { method: 'POST', path: `${OPS}/${name}`, body: { input } };
}

/** The name of the RPC a request calls (`vtn-flow-filter:set-flow-filter`). */
export function rpcName(request: DriverRequest): string {
  return request.path.startsWith(`${OPS}/`) ? request.path.slice(OPS.length + 1) : '';
}

/** The `input` of an RPC request. */
export function rpcInput(request: DriverRequest): Readonly<Record<string, unknown>> {
  return record(record(request.body).input);
}

/** A vInterface path inside a tenant. */
export interface InterfaceRef {
  readonly tenant: string;
  readonly bridge: string;
  readonly iface: string;
}

/** Object ids (the controller's own keys). */
export const vtnIds = {
  tenant: (tenant: string): string => `vtn:${tenant}`,
  bridge: (tenant: string, bridge: string): string => `vbridge:${tenant}/${bridge}`,
  iface: (r: InterfaceRef): string => `vinterface:${r.tenant}/${r.bridge}/${r.iface}`,
  portMap: (r: InterfaceRef): string => `port-map:${r.tenant}/${r.bridge}/${r.iface}`,
  condition: (name: string): string => `cond:${name}`,
  filter: (r: InterfaceRef, index: number): string => `filter:${r.tenant}/${r.bridge}/${r.iface}#${index}`,
};

/** The RESTCONF path fields of a vInterface. */
export function interfaceFields(r: InterfaceRef): Record<string, string> {
  return { 'tenant-name': r.tenant, 'bridge-name': r.bridge, 'interface-name': r.iface };
}

/**
 * A YANG JSON value in one comparable form: keys without `module:` prefixes, numeric strings as
 * numbers, "true"/"false" as booleans (RESTCONF accepts both and reads back native values).
 */
export function normaliseYang(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseYang);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.slice(k.indexOf(':') + 1), normaliseYang(v)]));
  }
  if (typeof value === 'string') return asNumber(value) ?? asBoolean(value) ?? value;
  return value;
}

/** Content of a flow condition: its matches sorted by index. */
export function conditionContent(matches: unknown): unknown {
  const list = Array.isArray(matches) ? matches.map(normaliseYang) : [];
  return { matches: [...list].sort((a, b) => (asNumber(record(a).index) ?? 0) - (asNumber(record(b).index) ?? 0)) };
}

/** Content of a flow filter entry: everything but its index (which is in the id); redirect tenant ignored as VTN does. */
export function filterContent(entry: unknown): unknown {
  const { index: _index, ...rest } = record(normaliseYang(entry));
  const redirect = record(rest['vtn-redirect-filter']);
  if (rest['vtn-redirect-filter'] === undefined) return rest;
  const { 'tenant-name': _tenant, ...destination } = record(redirect['redirect-destination']);
  return { ...rest, 'vtn-redirect-filter': { output: redirect.output === true, 'redirect-destination': destination } };
}

/** Content of a port map (VLAN 0 = untagged when absent). */
export function portMapContent(config: unknown): unknown {
  const c = record(normaliseYang(config));
  return { node: c.node, 'port-id': c['port-id'] === undefined ? undefined : String(c['port-id']), 'port-name': c['port-name'], 'vlan-id': c['vlan-id'] ?? 0 };
}

/** A short text of a condition's first match for summaries (`192.168.10.0/24 -> 10.20.0.0/24`). */
export function matchText(content: unknown): string {
  const first = record((record(content).matches as unknown[] | undefined)?.[0]);
  const inet = record(first['vtn-inet-match']);
  const src = typeof inet['source-network'] === 'string' ? inet['source-network'] : 'any';
  const dst = typeof inet['destination-network'] === 'string' ? inet['destination-network'] : 'any';
  return `${src} -> ${dst}`;
}

/** A short text of where a filter redirects to. */
export function redirectText(content: unknown): string {
  const redirect = record(record(content)['vtn-redirect-filter']);
  const dest = record(redirect['redirect-destination']);
  const node = dest['bridge-name'] ?? dest['terminal-name'];
  return typeof node === 'string' ? `${node}/${String(dest['interface-name'])}` : 'pass/drop';
}
