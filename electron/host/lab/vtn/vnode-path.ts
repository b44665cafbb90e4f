import { isVnodeName } from '../../../../core/model';
import { badRequest, missing, notFound } from './restconf-error';
import { get, type Node } from './yang-input';

/** The kinds of virtual node a VTN RPC can address. */
export type VnodeKind = 'vtn' | 'vbridge' | 'vterminal' | 'vbridge-if' | 'vterminal-if';

/** A validated virtual node path (VTN's `VNodeIdentifier`). */
export type VnodePath =
  | { readonly kind: 'vtn'; readonly tenant: string }
  | { readonly kind: 'vbridge' | 'vterminal'; readonly tenant: string; readonly bridge: string }
  | { readonly kind: 'vbridge-if' | 'vterminal-if'; readonly tenant: string; readonly bridge: string; readonly iface: string };

/** A path to a virtual interface. */
export type InterfacePath = Extract<VnodePath, { readonly iface: string }>;

/** A path to a vBridge or vTerminal. */
export type BridgePath = Extract<VnodePath, { readonly kind: 'vbridge' | 'vterminal' }>;

/** The descriptions VTN uses in its messages ("vBridge name is invalid"). */
export const DESCRIPTION = { vtn: 'VTN', vbridge: 'vBridge', vterminal: 'vTerminal', iface: 'vInterface' } as const;

const TYPE_NAME: Readonly<Record<VnodeKind, string>> = {
  vtn: 'VTN',
  vbridge: 'vBridge',
  vterminal: 'vTerminal',
  'vbridge-if': 'vBridge-IF',
  'vterminal-if': 'vTerminal-IF',
};

/** VTN's string form of a path, e.g. `vBridge-IF:vtn1/vbr1/if1`. */
export function pathString(path: VnodePath): string {
  const parts = path.kind === 'vtn' ? [path.tenant] : 'iface' in path ? [path.tenant, path.bridge, path.iface] : [path.tenant, path.bridge];
  return `${TYPE_NAME[path.kind]}:${parts.join('/')}`;
}

/** The description of the node a path addresses ("VTN", "vBridge", "vInterface"…). */
export function describe(path: VnodePath): string {
  return path.kind === 'vbridge-if' || path.kind === 'vterminal-if' ? DESCRIPTION.iface : DESCRIPTION[path.kind];
}

/**
 * VTN's name check (`VNodeType.checkName`).
 *
 * Absent → 400 missing-element. Empty or invalid → 400 bad-element, except when the name is used
 * to find an existing node (`find`): such a node cannot exist, so VTN answers 404.
 */
export function checkName(desc: string, name: string | undefined, find: boolean): string {
  if (name === undefined) throw missing(`${desc} name`);
  if (name === '') throw find ? notFound(`: ${desc} does not exist.`) : badRequest(`${desc} name cannot be empty`);
  if (!isVnodeName(name)) throw find ? notFound(`${name}: ${desc} does not exist.`) : badRequest(`${desc} name is invalid`);
  return name;
}

/** The 404 for a path whose node is absent. */
export function notFoundError(path: VnodePath): Error {
  return notFound(`${pathString(path)}: ${describe(path)} does not exist.`);
}

/**
 * Resolves `vnode-path-fields` (tenant-name, bridge-name | terminal-name, interface-name).
 *
 * Parents are always looked up (invalid name → 404); the last component is checked with `find`.
 * bridge-name wins over terminal-name, as in VTN.
 */
export function vnodePath(input: Node, find: boolean): VnodePath {
  const tname = get.str(input, 'tenant-name');
  const bname = get.str(input, 'bridge-name');
  const vtname = get.str(input, 'terminal-name');
  const iname = get.str(input, 'interface-name');
  const bridgeKind = bname !== undefined ? 'vbridge' : vtname !== undefined ? 'vterminal' : undefined;
  if (bridgeKind === undefined) {
    if (iname === undefined) return { kind: 'vtn', tenant: checkName(DESCRIPTION.vtn, tname, find) };
    checkName(DESCRIPTION.vtn, tname, true);
    throw missing('Virtual bridge name');
  }
  const bridgeName = bname ?? vtname;
  const tenant = checkName(DESCRIPTION.vtn, tname, true);
  if (iname === undefined) return { kind: bridgeKind, tenant, bridge: checkName(DESCRIPTION[bridgeKind], bridgeName, find) };
  const bridge = checkName(DESCRIPTION[bridgeKind], bridgeName, true);
  const iface = checkName(DESCRIPTION.iface, iname, find);
  return { kind: bridgeKind === 'vbridge' ? 'vbridge-if' : 'vterminal-if', tenant, bridge, iface };
}

/** Like {@link vnodePath} but the path must name a virtual interface. */
export function interfacePath(input: Node, find: boolean): InterfacePath {
  if (get.str(input, 'interface-name') === undefined) {
    const parent = vnodePath(input, true);
    throw missing(parent.kind === 'vtn' ? 'Virtual bridge name' : `${DESCRIPTION.iface} name`);
  }
  const path = vnodePath(input, find);
  if (path.kind !== 'vbridge-if' && path.kind !== 'vterminal-if') throw new Error('bug: an interface name always yields an interface path');
  return path;
}

/** Like {@link vnodePath} but the path must name a vBridge or vTerminal (`bridge-name` or `terminal-name`). */
export function bridgePath(input: Node, kind: BridgePath['kind'], find: boolean): BridgePath {
  const tenant = checkName(DESCRIPTION.vtn, get.str(input, 'tenant-name'), true);
  const key = kind === 'vbridge' ? 'bridge-name' : 'terminal-name';
  return { kind, tenant, bridge: checkName(DESCRIPTION[kind], get.str(input, key), find) };
}
