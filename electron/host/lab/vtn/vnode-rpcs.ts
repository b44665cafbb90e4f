import { badRequest, conflict } from './restconf-error';
import { bridgePath, checkName, DESCRIPTION, interfacePath, pathString } from './vnode-path';
import { checkUpdateMode, mergeConfig, statusOutput, UPDATE_FIELDS, type VtnRpc } from './vtn-rpc';
import { findBridge, findInterface, findTenant, sameJson, type Tenant, type VBridge } from './vtn-state';
import { get, S, type Node } from './yang-input';

const DEFAULT_IDLE_TIMEOUT = 300;
const DEFAULT_HARD_TIMEOUT = 0;
const DEFAULT_AGE_INTERVAL = 600;

function changed(before: object, after: object): 'CHANGED' | undefined {
  return sameJson(before, after) ? undefined : 'CHANGED';
}

const updateVtn: VtnRpc = {
  module: 'vtn',
  name: 'update-vtn',
  input: { 'tenant-name': S.string, ...UPDATE_FIELDS, 'idle-timeout': S.uint16, 'hard-timeout': S.uint16 },
  run(state, input) {
    const name = checkName(DESCRIPTION.vtn, get.str(input, 'tenant-name'), false);
    const existing = state.tenants.get(name);
    checkUpdateMode(input, existing !== undefined, `VTN:${name}`, DESCRIPTION.vtn);
    const config = mergeConfig(input, existing?.config, { idleTimeout: DEFAULT_IDLE_TIMEOUT, hardTimeout: DEFAULT_HARD_TIMEOUT }, {
      description: get.str(input, 'description'),
      idleTimeout: get.int(input, 'idle-timeout'),
      hardTimeout: get.int(input, 'hard-timeout'),
    });
    if (config.idleTimeout !== 0 && config.hardTimeout !== 0 && config.idleTimeout >= config.hardTimeout) {
      throw badRequest('idle-timeout must be less than hard-timeout.');
    }
    if (existing !== undefined) {
      const status = changed(existing.config, config);
      existing.config = config;
      return statusOutput(status);
    }
    state.tenants.set(name, { name, config, bridges: new Map(), terminals: new Map(), input: new Map() });
    return statusOutput('CREATED');
  },
};

const removeVtn: VtnRpc = {
  module: 'vtn',
  name: 'remove-vtn',
  input: { 'tenant-name': S.string },
  run(state, input) {
    const tenant = findTenant(state, { kind: 'vtn', tenant: checkName(DESCRIPTION.vtn, get.str(input, 'tenant-name'), true) });
    state.tenants.delete(tenant.name);
    return undefined;
  },
};

function bridgesOf(tenant: Tenant, kind: VBridge['kind']): Map<string, VBridge> {
  return kind === 'vbridge' ? tenant.bridges : tenant.terminals;
}

function updateBridgeRpc(kind: VBridge['kind']): VtnRpc {
  const isBridge = kind === 'vbridge';
  return {
    module: isBridge ? 'vtn-vbridge' : 'vtn-vterminal',
    name: isBridge ? 'update-vbridge' : 'update-vterminal',
    input: isBridge
      ? { 'tenant-name': S.string, 'bridge-name': S.string, ...UPDATE_FIELDS, 'age-interval': S.int(10, 1000000) }
      : { 'tenant-name': S.string, 'terminal-name': S.string, ...UPDATE_FIELDS },
    run(state, input) {
      const path = bridgePath(input, kind, false);
      const bridges = bridgesOf(findTenant(state, path), kind);
      const existing = bridges.get(path.bridge);
      checkUpdateMode(input, existing !== undefined, pathString(path), DESCRIPTION[kind]);
      const config = isBridge
        ? mergeConfig(input, existing?.config, { ageInterval: DEFAULT_AGE_INTERVAL }, { description: get.str(input, 'description'), ageInterval: get.int(input, 'age-interval') })
        : mergeConfig(input, existing?.config, {}, { description: get.str(input, 'description') });
      if (existing !== undefined) {
        const status = changed(existing.config, config);
        existing.config = config;
        return statusOutput(status);
      }
      bridges.set(path.bridge, { name: path.bridge, kind, config, interfaces: new Map(), input: new Map(), output: new Map() });
      return statusOutput('CREATED');
    },
  };
}

function removeBridgeRpc(kind: VBridge['kind']): VtnRpc {
  const isBridge = kind === 'vbridge';
  return {
    module: isBridge ? 'vtn-vbridge' : 'vtn-vterminal',
    name: isBridge ? 'remove-vbridge' : 'remove-vterminal',
    input: isBridge ? { 'tenant-name': S.string, 'bridge-name': S.string } : { 'tenant-name': S.string, 'terminal-name': S.string },
    run(state, input) {
      const path = bridgePath(input, kind, true);
      findBridge(state, path);
      // Interfaces, their port maps and filters go with the bridge.
      bridgesOf(findTenant(state, path), kind).delete(path.bridge);
      return undefined;
    },
  };
}

const INTERFACE_PATH_FIELDS = { 'tenant-name': S.string, 'bridge-name': S.string, 'terminal-name': S.string, 'interface-name': S.string };

const updateVinterface: VtnRpc = {
  module: 'vtn-vinterface',
  name: 'update-vinterface',
  input: { ...INTERFACE_PATH_FIELDS, ...UPDATE_FIELDS, enabled: S.bool },
  run(state, input: Node) {
    const path = interfacePath(input, false);
    const bridge = findBridge(state, path);
    const existing = bridge.interfaces.get(path.iface);
    checkUpdateMode(input, existing !== undefined, pathString(path), DESCRIPTION.iface);
    if (existing === undefined && bridge.kind === 'vterminal' && bridge.interfaces.size > 0) {
      throw conflict('vTerminal can have only one interface');
    }
    const config = mergeConfig(input, existing?.config, { enabled: true }, { description: get.str(input, 'description'), enabled: get.bool(input, 'enabled') });
    if (existing !== undefined) {
      const status = changed(existing.config, config);
      existing.config = config;
      return statusOutput(status);
    }
    bridge.interfaces.set(path.iface, { name: path.iface, config, portMap: undefined, input: new Map(), output: new Map() });
    return statusOutput('CREATED');
  },
};

const removeVinterface: VtnRpc = {
  module: 'vtn-vinterface',
  name: 'remove-vinterface',
  input: INTERFACE_PATH_FIELDS,
  run(state, input) {
    const path = interfacePath(input, true);
    findInterface(state, path);
    findBridge(state, path).interfaces.delete(path.iface);
    return undefined;
  },
};

/** Tenant, vBridge, vTerminal and vInterface RPCs. */
export const VNODE_RPCS: readonly VtnRpc[] = [
  updateVtn,
  removeVtn,
  updateBridgeRpc('vbridge'),
  removeBridgeRpc('vbridge'),
  updateBridgeRpc('vterminal'),
  removeBridgeRpc('vterminal'),
  updateVinterface,
  removeVinterface,
];
