import { badRequest, conflict, missing } from './restconf-error';
import { interfacePath, pathString } from './vnode-path';
import { statusOutput, VNODE_PATH_FIELDS, type VtnInventory, type VtnRpc } from './vtn-rpc';
import { allInterfaces, findInterface, sameJson, type PortMap } from './vtn-state';
import { get, S, type Node } from './yang-input';

/** Validates `vtn-port-map-config` as VTN's `VTNPortMapConfig` does. */
function portMapConfig(input: Node): PortMap {
  const node = get.str(input, 'node');
  const portId = get.str(input, 'port-id');
  const portName = get.str(input, 'port-name');
  if (node === undefined) throw missing('Node');
  if (!/^openflow:\d{1,20}$/.test(node)) throw badRequest(`Invalid node ID: ${node}`);
  if (portId === undefined && portName === undefined) throw badRequest('Target port name or ID must be specified');
  if (portId !== undefined && !(/^\d{1,10}$/.test(portId) && Number(portId) <= 0xffffff00)) throw badRequest(`Invalid port ID: ${portId}`);
  if (portName === '') throw badRequest('Port name cannot be empty');
  return {
    node,
    ...(portId === undefined ? {} : { portId: String(Number(portId)) }),
    ...(portName === undefined ? {} : { portName }),
    vlanId: get.int(input, 'vlan-id') ?? 0,
  };
}

/** The physical (port, VLAN) a map claims; by port number once the name resolves. */
function mappedKey(map: PortMap, inventory: VtnInventory): string {
  const id = map.portId ?? inventory.findPort(map.node, undefined, map.portName)?.number.toString();
  return `${map.node}|${id === undefined ? `name=${map.portName ?? ''}` : `id=${id}`}|${map.vlanId}`;
}

const setPortMap: VtnRpc = {
  module: 'vtn-port-map',
  name: 'set-port-map',
  input: { ...VNODE_PATH_FIELDS, node: S.string, 'port-id': S.string, 'port-name': S.string, 'vlan-id': S.int(0, 4095) },
  run(state, input, inventory) {
    const path = interfacePath(input, true);
    const map = portMapConfig(input);
    const iface = findInterface(state, path);
    const key = mappedKey(map, inventory);
    for (const other of allInterfaces(state)) {
      if (other.iface !== iface && other.iface.portMap !== undefined && mappedKey(other.iface.portMap, inventory) === key) {
        throw conflict(`Specified port is mapped to ${pathString(other.path)}`);
      }
    }
    const before = iface.portMap;
    iface.portMap = map;
    return statusOutput(before === undefined ? 'CREATED' : sameJson(before, map) ? undefined : 'CHANGED');
  },
};

const removePortMap: VtnRpc = {
  module: 'vtn-port-map',
  name: 'remove-port-map',
  input: VNODE_PATH_FIELDS,
  run(state, input) {
    const iface = findInterface(state, interfacePath(input, true));
    const had = iface.portMap !== undefined;
    iface.portMap = undefined;
    return statusOutput(had ? 'REMOVED' : undefined);
  },
};

/** set-port-map and remove-port-map. */
export const PORT_MAP_RPCS: readonly VtnRpc[] = [setPortMap, removePortMap];
