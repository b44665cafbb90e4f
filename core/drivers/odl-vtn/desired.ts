import { asNumber, record } from '../canonical';
import { SHARED_OWNER, type DesiredInput, type DesiredObject, type DriverRequest } from '../driver';
import { vtnRequests, type VtnRequest } from './requests';
import { conditionContent, filterContent, interfaceFields, matchText, portMapContent, redirectText, rpc, rpcInput, rpcName, vtnIds, type InterfaceRef } from './objects';

function str(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function interfaceOf(input: Readonly<Record<string, unknown>>): InterfaceRef {
  return { tenant: str(input['tenant-name']), bridge: str(input['bridge-name']), iface: str(input['interface-name']) };
}

function asDriverRequest(request: VtnRequest): DriverRequest {
  return { method: request.method, path: request.path, body: request.body };
}

/** The VTN nodes of the vBridges: controller id → `openflow:N` datapath (what the port maps need). */
function vtnNodes(input: DesiredInput): Record<string, string> {
  return Object.fromEntries(
    input.topology.bridges.flatMap((b) => (b.datapathId && /^openflow:\d+$/.test(b.datapathId) ? [[b.controllerId, b.datapathId]] : [])),
  );
}

/** Turns one VTN request into the object it creates. */
function objectOf(request: VtnRequest, serviceId: string, rank: number | undefined): DesiredObject | undefined {
  const input = rpcInput(request);
  const create = asDriverRequest(request);
  const shared = { serviceId: SHARED_OWNER, create, chain: undefined };
  switch (rpcName(create)) {
    case 'vtn:update-vtn': {
      const tenant = str(input['tenant-name']);
      return { ...shared, id: vtnIds.tenant(tenant), kind: 'vtn', summary: `VTN tenant ${tenant}`, content: {}, after: [], remove: rpc('vtn:remove-vtn', { 'tenant-name': tenant }) };
    }
    case 'vtn-vbridge:update-vbridge': {
      const tenant = str(input['tenant-name']);
      const bridge = str(input['bridge-name']);
      return {
        ...shared,
        id: vtnIds.bridge(tenant, bridge),
        kind: 'vbridge',
        summary: `vBridge ${tenant}/${bridge}`,
        content: {},
        after: [vtnIds.tenant(tenant)],
        remove: rpc('vtn-vbridge:remove-vbridge', { 'tenant-name': tenant, 'bridge-name': bridge }),
      };
    }
    case 'vtn-vinterface:update-vinterface': {
      const r = interfaceOf(input);
      return {
        ...shared,
        id: vtnIds.iface(r),
        kind: 'vinterface',
        summary: `vInterface ${r.bridge}/${r.iface}`,
        content: {},
        after: [vtnIds.bridge(r.tenant, r.bridge)],
        remove: rpc('vtn-vinterface:remove-vinterface', interfaceFields(r)),
      };
    }
    case 'vtn-port-map:set-port-map': {
      const r = interfaceOf(input);
      return {
        ...shared,
        id: vtnIds.portMap(r),
        kind: 'port-map',
        summary: `port map ${r.bridge}/${r.iface} -> ${str(input.node)} port ${str(input['port-id'])}`,
        content: portMapContent(input),
        after: [vtnIds.iface(r)],
        remove: rpc('vtn-port-map:remove-port-map', interfaceFields(r)),
      };
    }
    case 'vtn-flow-condition:set-flow-condition': {
      const name = str(input.name);
      const content = conditionContent(input['vtn-flow-match']);
      return {
        id: vtnIds.condition(name),
        serviceId,
        kind: 'condition',
        summary: `flow condition ${name} (${matchText(content)})`,
        content,
        after: [],
        create,
        remove: rpc('vtn-flow-condition:remove-flow-condition', { name }),
      };
    }
    case 'vtn-flow-filter:set-flow-filter': {
      const r = interfaceOf(input);
      const filter = record((input['vtn-flow-filter'] as unknown[] | undefined)?.[0]);
      const index = asNumber(filter.index) ?? 0;
      const condition = str(filter.condition);
      const content = filterContent(filter);
      // The destination must exist (and be port-mapped) too, or VTN discards what is redirected to it.
      const destination = record(record(filter['vtn-redirect-filter'])['redirect-destination']);
      const target = typeof destination['bridge-name'] === 'string' ? { tenant: r.tenant, bridge: destination['bridge-name'], iface: str(destination['interface-name']) } : undefined;
      return {
        id: vtnIds.filter(r, index),
        serviceId,
        kind: 'filter',
        summary: `redirect filter ${r.bridge}/${r.iface}#${index} -> ${redirectText(content)} (${condition})`,
        content,
        after: [vtnIds.condition(condition), vtnIds.iface(r), ...(target === undefined ? [] : [vtnIds.iface(target)])],
        ...(rank === undefined ? {} : { chain: { key: condition, rank } }),
        create,
        remove: rpc('vtn-flow-filter:remove-flow-filter', { ...interfaceFields(r), output: false, indices: [index] }),
      };
    }
    default:
      return undefined;
  }
}

/**
 * The VTN objects of the plans, built from the VTN requests (`vtnRequests` in requests.ts),
 * one plan at a time so each object knows its service. Filters are ranked along their chain:
 * `vtnRequests` sends a direction's filters from the last hop back, so the last one sent is the
 * ingress (rank 0).
 */
export function vtnDesired(input: DesiredInput, tenant: string): DesiredObject[] {
  const nodes = vtnNodes(input);
  return input.plans.flatMap((plan) => {
    const { requests } = vtnRequests(
      { topology: input.topology, services: input.services, plans: [plan] },
      { tenant, ...(input.provision ? { labPrelude: true, vtnNodes: nodes } : {}) },
    );
    const filtersPerCondition = new Map<string, number>();
    for (const r of requests) {
      if (rpcName(asDriverRequest(r)) !== 'vtn-flow-filter:set-flow-filter') continue;
      const condition = str(record((rpcInput(asDriverRequest(r))['vtn-flow-filter'] as unknown[] | undefined)?.[0]).condition);
      filtersPerCondition.set(condition, (filtersPerCondition.get(condition) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    return requests.flatMap((r) => {
      const request = asDriverRequest(r);
      const isFilter = rpcName(request) === 'vtn-flow-filter:set-flow-filter';
      const condition = isFilter ? str(record((rpcInput(request)['vtn-flow-filter'] as unknown[] | undefined)?.[0]).condition) : '';
      const position = seen.get(condition) ?? 0;
      if (isFilter) seen.set(condition, position + 1);
      const rank = isFilter ? (filtersPerCondition.get(condition) ?? 1) - 1 - position : undefined;
      const object = objectOf(r, plan.serviceId, rank);
      return object === undefined ? [] : [object];
    });
  });
}
