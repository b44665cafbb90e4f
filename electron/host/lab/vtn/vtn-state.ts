import { notFoundError, type BridgePath, type InterfacePath, type VnodePath } from './vnode-path';
import type { Node } from './yang-input';

/** A flow filter list keyed by index; values are the read-back entries. */
export type FilterList = Map<number, Node>;

/** A port map as configured (`port-map-config`). */
export interface PortMap {
  readonly node: string;
  readonly portId?: string;
  readonly portName?: string;
  readonly vlanId: number;
}

/** A virtual interface of a vBridge or vTerminal. */
export interface VInterface {
  readonly name: string;
  config: { readonly description?: string; readonly enabled: boolean };
  portMap: PortMap | undefined;
  readonly input: FilterList;
  readonly output: FilterList;
}

/** A vBridge or a vTerminal (a vTerminal has no filters of its own and at most one interface). */
export interface VBridge {
  readonly name: string;
  readonly kind: 'vbridge' | 'vterminal';
  config: { readonly description?: string; readonly ageInterval?: number };
  readonly interfaces: Map<string, VInterface>;
  readonly input: FilterList;
  readonly output: FilterList;
}

/** A VTN (tenant). */
export interface Tenant {
  readonly name: string;
  config: { readonly description?: string; readonly idleTimeout: number; readonly hardTimeout: number };
  readonly bridges: Map<string, VBridge>;
  readonly terminals: Map<string, VBridge>;
  readonly input: FilterList;
}

/** A global flow condition. */
export interface FlowCondition {
  readonly name: string;
  readonly matches: Map<number, Node>;
}

/** Everything VTN keeps. */
export interface VtnState {
  readonly tenants: Map<string, Tenant>;
  readonly conditions: Map<string, FlowCondition>;
}

/** An empty VTN Manager (the `vtns` container exists, no tenant yet). */
export function emptyVtnState(): VtnState {
  return { tenants: new Map(), conditions: new Map() };
}

/** The tenant of a path, or 404. */
export function findTenant(state: VtnState, path: VnodePath): Tenant {
  const tenant = state.tenants.get(path.tenant);
  if (tenant === undefined) throw notFoundError({ kind: 'vtn', tenant: path.tenant });
  return tenant;
}

/** The vBridge or vTerminal of a path, or 404 for it or its tenant. */
export function findBridge(state: VtnState, path: BridgePath | InterfacePath): VBridge {
  const tenant = findTenant(state, path);
  const kind = path.kind === 'vbridge' || path.kind === 'vbridge-if' ? 'vbridge' : 'vterminal';
  const bridge = (kind === 'vbridge' ? tenant.bridges : tenant.terminals).get(path.bridge);
  if (bridge === undefined) throw notFoundError({ kind, tenant: path.tenant, bridge: path.bridge });
  return bridge;
}

/** The virtual interface of a path, or 404 for it or a parent. */
export function findInterface(state: VtnState, path: InterfacePath): VInterface {
  const iface = findBridge(state, path).interfaces.get(path.iface);
  if (iface === undefined) throw notFoundError(path);
  return iface;
}

/** Every virtual interface with its path, in creation order. */
export function* allInterfaces(state: VtnState): Generator<{ readonly path: InterfacePath; readonly iface: VInterface }> {
  for (const tenant of state.tenants.values()) {
    for (const bridge of [...tenant.bridges.values(), ...tenant.terminals.values()]) {
      const kind = bridge.kind === 'vbridge' ? 'vbridge-if' : 'vterminal-if';
      for (const iface of bridge.interfaces.values()) yield { path: { kind, tenant: tenant.name, bridge: bridge.name, iface: iface.name }, iface };
    }
  }
}

/** Order-insensitive deep equality of two JSON values (for "nothing changed" detection). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
