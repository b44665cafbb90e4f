import { pathSegments, type LabBehaviour, type LabHttpRequest, type LabHttpResponse } from '../lab-behaviour';
import { openflowNodeId, type LabTopology } from '../seed-topology';
import { FLOW_CONDITION_RPCS } from './flow-condition-rpcs';
import { FLOW_FILTER_RPCS } from './flow-filter-rpcs';
import { PORT_MAP_RPCS } from './port-map-rpcs';
import { injectedError, NO_DATA_MESSAGE, RestconfError, errorEnvelope } from './restconf-error';
import { VNODE_RPCS } from './vnode-rpcs';
import { readOperational, renderOperational } from './vtn-reads';
import type { VtnInventory, VtnRpc } from './vtn-rpc';
import { emptyVtnState } from './vtn-state';
import { parseRpcInput } from './yang-input';

/** The YANG modules the stand-in reports in `GET /restconf/modules` (Boron revisions). */
export const VTN_MODULES: readonly { readonly name: string; readonly revision: string; readonly namespace: string }[] = [
  { name: 'vtn', revision: '2015-03-28', namespace: 'urn:opendaylight:vtn' },
  { name: 'vtn-types', revision: '2015-02-09', namespace: 'urn:opendaylight:vtn:types' },
  { name: 'vtn-vbridge', revision: '2015-09-07', namespace: 'urn:opendaylight:vtn:vbridge' },
  { name: 'vtn-vterminal', revision: '2015-09-07', namespace: 'urn:opendaylight:vtn:vterminal' },
  { name: 'vtn-vinterface', revision: '2015-09-07', namespace: 'urn:opendaylight:vtn:vinterface' },
  { name: 'vtn-port-map', revision: '2015-09-07', namespace: 'urn:opendaylight:vtn:mapping:port' },
  { name: 'vtn-flow-condition', revision: '2015-03-13', namespace: 'urn:opendaylight:vtn:flow:cond' },
  { name: 'vtn-flow-filter', revision: '2015-09-07', namespace: 'urn:opendaylight:vtn:flow:filter' },
  { name: 'vtn-flow-action', revision: '2015-04-10', namespace: 'urn:opendaylight:vtn:flow:action' },
];

const MODULE_NAMES: ReadonlySet<string> = new Set(VTN_MODULES.map((m) => m.name));

const RPCS: ReadonlyMap<string, VtnRpc> = new Map(
  [...VNODE_RPCS, ...PORT_MAP_RPCS, ...FLOW_CONDITION_RPCS, ...FLOW_FILTER_RPCS].map((rpc) => [`${rpc.module}:${rpc.name}`, rpc]),
);

function inventoryOf(topology: LabTopology): VtnInventory {
  const nodes = new Map(topology.devices.map((d) => [openflowNodeId(d), d.ports]));
  return {
    findPort: (node, portId, portName) =>
      nodes.get(node)?.find((p) => (portId === undefined || String(p.number) === portId) && (portName === undefined || p.name === portName)),
  };
}

const methodNotAllowed = (allow: string): LabHttpResponse => ({ status: 405, headers: { allow } });
const notFoundPage: LabHttpResponse = { status: 404, text: 'Not Found' };

/**
 * OpenDaylight VTN Manager (Boron RESTCONF) stand-in.
 *
 * `POST /restconf/operations/<module>:<rpc>`, `GET /restconf/operational/vtn:vtns[/…]` and
 * `…/vtn-flow-condition:vtn-flow-conditions[/…]`, `GET /restconf/modules`. Errors in the
 * RESTCONF envelope with VTN's tags and messages.
 */
export function createVtnBehaviour(topology: LabTopology): LabBehaviour {
  let state = emptyVtnState();
  const inventory = inventoryOf(topology);

  const invoke = (identifier: string, body: string): LabHttpResponse => {
    const colon = identifier.indexOf(':');
    const module = colon > 0 ? identifier.slice(0, colon) : '';
    if (!MODULE_NAMES.has(module)) {
      throw new RestconfError('unknown-element', module === '' ? `RPC name must be qualified with its module: ${identifier}` : `The module named '${module}' does not exist.`);
    }
    const rpc = RPCS.get(identifier);
    if (rpc === undefined) throw new RestconfError('unknown-element', 'RPC does not exist.');
    const output = rpc.run(state, parseRpcInput(body, module, rpc.input, MODULE_NAMES), inventory);
    // RPCs without an output answer 200 with an empty body (Boron).
    return output === undefined ? { status: 200 } : { status: 200, json: { output } };
  };

  const route = (request: LabHttpRequest): LabHttpResponse => {
    const segments = pathSegments(request.pathname);
    if (segments === undefined) throw new RestconfError('malformed-message', `Malformed percent-encoding in ${request.pathname}`);
    if (segments[0] !== 'restconf') return notFoundPage;
    const [, area, ...rest] = segments;
    switch (area) {
      case 'modules':
        if (request.method !== 'GET') return methodNotAllowed('GET');
        return rest.length === 0 ? { status: 200, json: { modules: { module: VTN_MODULES } } } : notFoundPage;
      case 'operations':
        if (request.method !== 'POST') return methodNotAllowed('POST');
        return rest.length === 1 ? invoke(rest[0] ?? '', request.body) : notFoundPage;
      case 'operational':
        if (request.method !== 'GET') return methodNotAllowed('GET');
        return { status: 200, json: readOperational(state, inventory, rest, MODULE_NAMES) };
      case 'config':
        // The VTN containers are `config false`: nothing of theirs lives in the config datastore.
        if (request.method !== 'GET') return methodNotAllowed('GET');
        return { status: 404, json: errorEnvelope('data-missing', NO_DATA_MESSAGE) };
      default:
        return notFoundPage;
    }
  };

  return {
    handle(request) {
      try {
        return route(request);
      } catch (e) {
        if (e instanceof RestconfError) return e.toResponse();
        throw e;
      }
    },
    unauthorized: () => ({ status: 401, headers: { 'www-authenticate': 'Basic realm="opendaylight"' } }),
    tooLarge: (limit) => ({ status: 413, json: errorEnvelope('malformed-message', `Request body larger than ${limit} bytes`) }),
    injected: injectedError,
    snapshot: () => renderOperational(state, inventory),
    reset: () => {
      state = emptyVtnState();
    },
  };
}
