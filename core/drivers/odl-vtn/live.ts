import type { ControllerTargetDto } from '../../contract/api';
import { asNumber, list, member, record } from '../canonical';
import type { LiveObject } from '../driver';
import type { HttpClient } from '../http';
import { readResource } from '../request';
import { conditionContent, filterContent, interfaceFields, matchText, portMapContent, redirectText, rpc, vtnIds, type InterfaceRef } from './objects';

const WHAT = 'an OpenDaylight controller with VTN Manager (odl-vtn-manager-rest)';

function str(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function conditionsOf(tree: unknown): LiveObject[] {
  const conditions = list(member(member(tree, 'vtn-flow-conditions'), 'vtn-flow-condition'));
  return conditions.map((c) => {
    const name = str(member(c, 'name'));
    const matches = list(member(c, 'vtn-flow-match'));
    const content = conditionContent(matches);
    return {
      id: vtnIds.condition(name),
      kind: 'condition',
      summary: `flow condition ${name} (${matchText(content)})`,
      content,
      after: [],
      restore: rpc('vtn-flow-condition:set-flow-condition', { name, operation: 'SET', 'vtn-flow-match': matches }),
      remove: rpc('vtn-flow-condition:remove-flow-condition', { name }),
    };
  });
}

function interfaceObjects(r: InterfaceRef, iface: unknown): LiveObject[] {
  const out: LiveObject[] = [
    {
      id: vtnIds.iface(r),
      kind: 'vinterface',
      summary: `vInterface ${r.bridge}/${r.iface}`,
      content: {},
      after: [vtnIds.bridge(r.tenant, r.bridge)],
      restore: rpc('vtn-vinterface:update-vinterface', { ...interfaceFields(r), 'update-mode': 'UPDATE' }),
      remove: rpc('vtn-vinterface:remove-vinterface', interfaceFields(r)),
    },
  ];
  const portMap = member(iface, 'port-map-config');
  if (portMap !== undefined) {
    const config = record(portMap);
    out.push({
      id: vtnIds.portMap(r),
      kind: 'port-map',
      summary: `port map ${r.bridge}/${r.iface} -> ${str(config.node)} port ${str(config['port-id'] ?? config['port-name'])}`,
      content: portMapContent(config),
      after: [vtnIds.iface(r)],
      restore: rpc('vtn-port-map:set-port-map', { ...interfaceFields(r), ...config }),
      remove: rpc('vtn-port-map:remove-port-map', interfaceFields(r)),
    });
  }
  for (const entry of list(member(member(iface, 'vinterface-input-filter'), 'vtn-flow-filter'))) {
    const index = asNumber(member(entry, 'index')) ?? 0;
    const condition = str(member(entry, 'condition'));
    const content = filterContent(entry);
    out.push({
      id: vtnIds.filter(r, index),
      kind: 'filter',
      summary: `redirect filter ${r.bridge}/${r.iface}#${index} -> ${redirectText(content)} (${condition})`,
      content,
      after: [vtnIds.condition(condition), vtnIds.iface(r)],
      restore: rpc('vtn-flow-filter:set-flow-filter', { ...interfaceFields(r), output: false, 'vtn-flow-filter': [entry] }),
      remove: rpc('vtn-flow-filter:remove-flow-filter', { ...interfaceFields(r), output: false, indices: [index] }),
    });
  }
  return out;
}

function tenantObjects(tree: unknown, tenantName: string): LiveObject[] {
  const tenant = list(member(member(tree, 'vtns'), 'vtn')).find((t) => member(t, 'name') === tenantName);
  if (tenant === undefined) return [];
  const objects: LiveObject[] = [
    {
      id: vtnIds.tenant(tenantName),
      kind: 'vtn',
      summary: `VTN tenant ${tenantName}`,
      content: {},
      after: [],
      restore: rpc('vtn:update-vtn', { 'tenant-name': tenantName, 'update-mode': 'UPDATE' }),
      remove: rpc('vtn:remove-vtn', { 'tenant-name': tenantName }),
    },
  ];
  for (const bridge of list(member(tenant, 'vbridge'))) {
    const bridgeName = str(member(bridge, 'name'));
    objects.push({
      id: vtnIds.bridge(tenantName, bridgeName),
      kind: 'vbridge',
      summary: `vBridge ${tenantName}/${bridgeName}`,
      content: {},
      after: [vtnIds.tenant(tenantName)],
      restore: rpc('vtn-vbridge:update-vbridge', { 'tenant-name': tenantName, 'bridge-name': bridgeName, 'update-mode': 'UPDATE' }),
      remove: rpc('vtn-vbridge:remove-vbridge', { 'tenant-name': tenantName, 'bridge-name': bridgeName }),
    });
    for (const iface of list(member(bridge, 'vinterface'))) {
      objects.push(...interfaceObjects({ tenant: tenantName, bridge: bridgeName, iface: str(member(iface, 'name')) }, iface));
    }
  }
  return objects;
}

/**
 * Reads the VTN state the driver manages: the tenant's vBridges, vInterfaces, port maps and
 * vInterface input filters (`operational/vtn:vtns`) and the global flow conditions
 * (`operational/vtn-flow-condition:vtn-flow-conditions`). A 404 (empty container) reads as none.
 */
export async function readVtnLive(http: HttpClient, target: ControllerTargetDto, tenant: string): Promise<LiveObject[]> {
  const [vtns, conditions] = await Promise.all([
    readResource(http, target, '/restconf/operational/vtn:vtns', WHAT),
    readResource(http, target, '/restconf/operational/vtn-flow-condition:vtn-flow-conditions', WHAT),
  ]);
  return [...tenantObjects(vtns, tenant), ...conditionsOf(conditions)];
}

/** Parses a VTN object id (`vtnIds`) into what locates it. */
function parseId(id: string): { kind: string; tenant?: string; bridge?: string; iface?: string; name?: string; index?: number } | undefined {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (kind === 'cond') return { kind, name: rest };
  if (kind === 'vtn') return { kind, tenant: rest };
  const hash = rest.lastIndexOf('#');
  const [tenant, bridge, iface] = (kind === 'filter' ? rest.slice(0, hash) : rest).split('/');
  if (kind === 'vbridge') return { kind, tenant, bridge };
  if (kind === 'vinterface' || kind === 'port-map') return { kind, tenant, bridge, iface };
  if (kind === 'filter') return { kind, tenant, bridge, iface, index: Number(rest.slice(hash + 1)) };
  return undefined;
}

const seg = encodeURIComponent;

type ParsedId = NonNullable<ReturnType<typeof parseId>>;

/** The tenant, vBridge and vInterface above an object: RESTCONF finds an object only below all of them. */
function ancestorIds(p: ParsedId): string[] {
  if (p.tenant === undefined) return [];
  const up = p.kind === 'vtn' ? [] : [vtnIds.tenant(p.tenant)];
  if (p.bridge !== undefined && p.kind !== 'vbridge') up.push(vtnIds.bridge(p.tenant, p.bridge));
  if (p.iface !== undefined && p.kind !== 'vinterface') up.push(vtnIds.iface({ tenant: p.tenant, bridge: p.bridge ?? '', iface: p.iface }));
  return up;
}

/** Tenants, vBridges and vInterfaces: objects that are only there or not (no content). */
const isNode = (p: ParsedId): boolean => p.kind === 'vtn' || p.kind === 'vbridge' || p.kind === 'vinterface';

/**
 * Reads only the objects `ids` names, each by its own RESTCONF path (a condition, one filter
 * entry, a vInterface's config and port map, a vBridge's or tenant's config), so the cost
 * of a service's read-back does not grow with the fleet. Absent objects are left out.
 * Contents come first; a tenant, vBridge or vInterface that a present object below it proves
 * there is not read again (a push of a flow over six port-mapped vInterfaces reads 9 fewer paths).
 */
export async function readVtnObjects(http: HttpClient, target: ControllerTargetDto, ids: readonly string[]): Promise<LiveObject[]> {
  const parsed = [...new Set(ids)].flatMap((id) => {
    const p = parseId(id);
    return p === undefined ? [] : [{ id, p }];
  });
  const readAll = (wanted: typeof parsed) => Promise.all(wanted.map(async (entry) => ({ entry, found: await readVtnObject(http, target, entry.id, entry.p) })));
  const contents = await readAll(parsed.filter(({ p }) => !isNode(p)));
  const proven = new Set(contents.filter(({ found }) => found.length > 0).flatMap(({ entry }) => ancestorIds(entry.p)));
  const nodes = parsed.filter(({ p }) => isNode(p));
  const unproven = await readAll(nodes.filter(({ id }) => !proven.has(id)));
  const provenNodes = nodes.filter(({ id }) => proven.has(id)).flatMap(({ id, p }) => nodeObject(id, p));
  return [...contents.flatMap(({ found }) => found), ...provenNodes, ...unproven.flatMap(({ found }) => found)];
}

/** The live object of a tenant, vBridge or vInterface known to be there. */
function nodeObject(id: string, p: ParsedId): LiveObject[] {
  const tenant = p.tenant ?? '';
  if (p.kind === 'vinterface') return interfaceObjects({ tenant, bridge: p.bridge ?? '', iface: p.iface ?? '' }, {}).filter((o) => o.id === id);
  const tree = { vtns: { vtn: [{ name: tenant, ...(p.kind === 'vbridge' ? { vbridge: [{ name: p.bridge }] } : {}) }] } };
  return tenantObjects(tree, tenant).filter((o) => o.id === id);
}

/** Reads one object by its own path; [] when it is absent. */
async function readVtnObject(http: HttpClient, target: ControllerTargetDto, id: string, p: ParsedId): Promise<LiveObject[]> {
  const read = (path: string): Promise<unknown> => readResource(http, target, path, WHAT);
  const vtns = '/restconf/operational/vtn:vtns/vtn';
  const ifacePath = (r: InterfaceRef): string => `${vtns}/${seg(r.tenant)}/vbridge/${seg(r.bridge)}/vinterface/${seg(r.iface)}`;
  if (p.kind === 'cond') {
    const tree = await read(`/restconf/operational/vtn-flow-condition:vtn-flow-conditions/vtn-flow-condition/${seg(p.name ?? '')}`);
    return tree === undefined ? [] : conditionsOf({ 'vtn-flow-conditions': tree });
  }
  if (p.kind === 'vtn' || p.kind === 'vbridge') {
    const path = p.kind === 'vtn' ? `${vtns}/${seg(p.tenant ?? '')}/vtenant-config` : `${vtns}/${seg(p.tenant ?? '')}/vbridge/${seg(p.bridge ?? '')}/vbridge-config`;
    return (await read(path)) === undefined ? [] : nodeObject(id, p);
  }
  const r: InterfaceRef = { tenant: p.tenant ?? '', bridge: p.bridge ?? '', iface: p.iface ?? '' };
  if (p.kind === 'filter') {
    const tree = await read(`${ifacePath(r)}/vinterface-input-filter/vtn-flow-filter/${String(p.index)}`);
    if (tree === undefined) return [];
    return interfaceObjects(r, { 'vinterface-input-filter': tree }).filter((o) => o.id === id);
  }
  if (p.kind === 'vinterface') return (await read(`${ifacePath(r)}/vinterface-config`)) === undefined ? [] : nodeObject(id, p);
  const portMap = await read(`${ifacePath(r)}/port-map-config`);
  return portMap === undefined ? [] : interfaceObjects(r, portMap).filter((o) => o.id === id);
}
