import { pathSegments, type LabBehaviour, type LabHttpRequest, type LabHttpResponse } from '../lab-behaviour';
import type { LabTopology } from '../seed-topology';
import { routeFlows } from './flow-routes';
import { encodeFlowEntry, FlowStore } from './flow-store';
import { itemNotFound, MESSAGES, onosError, OnosError } from './onos-error';
import { encodeDevice, encodeDevicePorts, encodeHost, encodeLink, filterLinks, hostId } from './topology-views';

const NOT_FOUND = onosError(404, 'HTTP 404 Not Found');
const METHOD_NOT_ALLOWED = onosError(405, 'HTTP 405 Method Not Allowed');

function routeTopology(topology: LabTopology, resource: string, rest: readonly string[], query: URLSearchParams): LabHttpResponse {
  switch (resource) {
    case 'devices': {
      if (rest.length === 0) return { status: 200, json: { devices: topology.devices.map(encodeDevice) } };
      const device = topology.devices.find((d) => d.id === rest[0]);
      if (rest.length > 2 || (rest.length === 2 && rest[1] !== 'ports')) return NOT_FOUND;
      if (device === undefined) throw itemNotFound(MESSAGES.deviceNotFound);
      return { status: 200, json: rest.length === 2 ? encodeDevicePorts(device) : encodeDevice(device) };
    }
    case 'links':
      return rest.length === 0 ? { status: 200, json: { links: filterLinks(topology, query).map(encodeLink) } } : NOT_FOUND;
    case 'hosts': {
      if (rest.length === 0) return { status: 200, json: { hosts: topology.hosts.map(encodeHost) } };
      if (rest.length > 2) return NOT_FOUND;
      // `/hosts/{id}` with the id `MAC/VLAN` encoded, or `/hosts/{mac}/{vlan}`.
      const id = rest.join('/').toUpperCase();
      const host = topology.hosts.find((h) => hostId(h).toUpperCase() === id);
      if (host === undefined) throw itemNotFound(MESSAGES.hostNotFound);
      return { status: 200, json: encodeHost(host) };
    }
    default:
      return NOT_FOUND;
  }
}

/**
 * ONOS REST API stand-in (`/onos/v1`): flow rules per device with application ids, and
 * devices / ports / links / hosts served from the seed topology. Errors as `{"code","message"}`.
 */
export function createOnosBehaviour(topology: LabTopology): LabBehaviour {
  const store = new FlowStore(new Set(topology.devices.map((d) => d.id)));

  const route = (request: LabHttpRequest): LabHttpResponse => {
    const segments = pathSegments(request.pathname);
    if (segments === undefined || segments[0] !== 'onos' || segments[1] !== 'v1') return NOT_FOUND;
    const [, , resource, ...rest] = segments;
    if (resource === undefined) return NOT_FOUND;
    if (resource === 'flows') return routeFlows(store, request, rest);
    if (!['devices', 'links', 'hosts'].includes(resource)) return NOT_FOUND;
    return request.method === 'GET' ? routeTopology(topology, resource, rest, request.query) : METHOD_NOT_ALLOWED;
  };

  return {
    handle(request) {
      try {
        return route(request);
      } catch (e) {
        if (e instanceof OnosError) return e.toResponse();
        throw e;
      }
    },
    unauthorized: () => ({ ...onosError(401, 'Unauthorized'), headers: { 'www-authenticate': 'Basic realm="karaf"' } }),
    tooLarge: (limit) => onosError(413, `Request body larger than ${limit} bytes`),
    injected: (status) => onosError(status, `Injected fault: HTTP ${status}`),
    snapshot: () => {
      const now = Date.now();
      return { flows: store.all().map((f) => encodeFlowEntry(f, now)), applications: store.applications() };
    },
    reset: () => store.reset(),
  };
}
