import { distinctBy } from '../shared/collections';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv } from '../shared/run-parse';
import { isObject, own, peekArray, peekObject, type JsonObject } from '../shared/json-object';
import { vnfInstanceSchema } from './schema';

/** A VNF (or PNF) instance and the PoP it runs in. */
export interface NfInstance {
  readonly id: string;
  readonly name: string;
  /** VIM id (the PoP), or undefined for a VNF without placement (an error was reported). */
  readonly pop: string | undefined;
  readonly popPointer: string;
}

/** Look-ups built once per NsInstance: instances by id and external CPs → instance. */
export interface NsIndex {
  readonly instances: ReadonlyMap<string, NfInstance>;
  /** External CP instance id → owning VNF/PNF instance ids (several = ambiguous). */
  readonly cpOwners: ReadonlyMap<string, readonly string[]>;
  /** SAP id → its subnet or address (for segments when the NFP rule has none). */
  readonly sapSegments: ReadonlyMap<string, { readonly value: string; readonly pointer: string }>;
}

/** Builds the look-ups from `vnfInstance[]`, `pnfInfo[]`, `sapInfo[]` and `vnffgInfo[].nsCpHandle[]`. */
export function indexNsInstance(ns: JsonObject, env: ParseEnv): NsIndex {
  const instances = new Map<string, NfInstance>();
  const owners = new Map<string, Set<string>>();
  const addOwner = (cp: string, owner: string): void => {
    const set = owners.get(cp) ?? new Set<string>();
    set.add(owner);
    owners.set(cp, set);
  };
  const vnfs = env.read.member(ns, 'vnfInstance', '', 'array') ?? [];
  vnfs.forEach((raw, i) => {
    const pointer = childPointer('', 'vnfInstance', i);
    const vnf = env.read.schema(vnfInstanceSchema, raw, pointer, { what: 'A VNF instance' });
    if (!vnf) return;
    const { id } = vnf;
    const name = (typeof own(vnf, 'vnfInstanceName') === 'string' ? own(vnf, 'vnfInstanceName') : id) as string;
    const placement = placeVnf(vnf, pointer, name, env);
    instances.set(id, { id, name, pop: placement?.pop, popPointer: placement?.pointer ?? pointer });
    const extCps = peekArray(peekObject(vnf, 'instantiatedVnfInfo') ?? {}, 'extCpInfo') ?? [];
    for (const cp of extCps) {
      const cpId = isObject(cp) ? own(cp, 'id') : undefined;
      if (typeof cpId === 'string') addOwner(cpId, id);
    }
  });
  const pnfs = peekArray(ns, 'pnfInfo') ?? [];
  pnfs.forEach((raw, i) => {
    if (!isObject(raw)) return;
    const id = own(raw, 'pnfId');
    if (typeof id !== 'string') return;
    const name = typeof own(raw, 'pnfName') === 'string' ? (own(raw, 'pnfName') as string) : id;
    instances.set(id, { id, name, pop: id, popPointer: childPointer('', 'pnfInfo', i, 'pnfId') });
    for (const cp of peekArray(raw, 'cpInfo') ?? []) {
      const cpId = isObject(cp) ? (own(cp, 'cpInstanceId') ?? own(cp, 'id')) : undefined;
      if (typeof cpId === 'string') addOwner(cpId, id);
    }
  });
  // nsCpHandle pins a CP id to its owner, so it is authoritative over extCpInfo ids (unique per VNF only).
  const pinned = new Map<string, string>();
  for (const group of peekArray(ns, 'vnffgInfo') ?? []) {
    for (const handle of (isObject(group) ? peekArray(group, 'nsCpHandle') : undefined) ?? []) {
      if (!isObject(handle)) continue;
      const owner = own(handle, 'vnfInstanceId') ?? own(handle, 'pnfInfoId');
      const cp = own(handle, 'vnfExtCpInstanceId') ?? own(handle, 'pnfExtCpInstanceId');
      if (typeof owner === 'string' && typeof cp === 'string') pinned.set(cp, owner);
    }
  }
  const cpOwners = new Map<string, readonly string[]>([...owners].map(([cp, set]) => [cp, [...set]]));
  for (const [cp, owner] of pinned) cpOwners.set(cp, [owner]);
  return { instances, cpOwners, sapSegments: indexSaps(ns) };
}

interface Placement {
  readonly pop: string;
  readonly pointer: string;
}

/** SOL005 v2 `vimId`, else v3+ `vimConnectionInfo` values' `vimId`, else the VNFCs' compute resources. */
function placeVnf(vnf: JsonObject, pointer: string, name: string, env: ParseEnv): Placement | undefined {
  const found: Placement[] = [];
  const vimId = own(vnf, 'vimId');
  if (typeof vimId === 'string' && vimId !== '') found.push({ pop: vimId, pointer: childPointer(pointer, 'vimId') });
  const connections = own(vnf, 'vimConnectionInfo');
  const connectionEntries: [string, unknown][] = Array.isArray(connections)
    ? connections.map((c, i) => [String(i), c])
    : isObject(connections)
      ? Object.entries(connections)
      : [];
  for (const [key, info] of connectionEntries) {
    const id = isObject(info) ? own(info, 'vimId') : undefined;
    if (typeof id === 'string' && id !== '') found.push({ pop: id, pointer: childPointer(pointer, 'vimConnectionInfo', key, 'vimId') });
  }
  const vnfcs = peekArray(peekObject(vnf, 'instantiatedVnfInfo') ?? {}, 'vnfcResourceInfo') ?? [];
  vnfcs.forEach((vnfc, k) => {
    const compute = isObject(vnfc) ? peekObject(vnfc, 'computeResource') : undefined;
    const id = compute ? own(compute, 'vimId') : undefined;
    if (typeof id === 'string' && id !== '') {
      found.push({ pop: id, pointer: childPointer(pointer, 'instantiatedVnfInfo', 'vnfcResourceInfo', k, 'computeResource', 'vimId') });
    }
  });
  const distinct = distinctBy(found, (p) => env.pops.identity(p.pop));
  const first = distinct[0];
  if (!first) {
    env.sink.error(
      'NO_VIM',
      pointer,
      `VNF instance "${name}" has no vimId, vimConnectionInfo or VNFC compute resource, so its PoP is unknown.`,
      'SOL005 v2 gives vimId; v3+ gives vimConnectionInfo.{…}.vimId.',
    );
    return undefined;
  }
  if (distinct.length > 1) {
    env.sink.warning(
      'VNF_SPANS_POPS',
      pointer,
      `VNF instance "${name}" is placed in several VIMs (${distinct.map((p) => p.pop).join(', ')}); the chain uses ${first.pop}.`,
      'Edit the chain if the traffic must visit the other PoPs too.',
    );
  }
  return first;
}

function indexSaps(ns: JsonObject): Map<string, { value: string; pointer: string }> {
  const out = new Map<string, { value: string; pointer: string }>();
  (peekArray(ns, 'sapInfo') ?? []).forEach((sap, i) => {
    if (!isObject(sap) || typeof own(sap, 'id') !== 'string') return;
    (peekArray(sap, 'sapProtocolInfo') ?? []).forEach((proto, j) => {
      const addresses = peekArray(peekObject(isObject(proto) ? proto : {}, 'ipOverEthernet') ?? {}, 'ipAddresses') ?? [];
      addresses.forEach((addr, k) => {
        if (out.has(own(sap, 'id') as string) || !isObject(addr)) return;
        const base = childPointer('', 'sapInfo', i, 'sapProtocolInfo', j, 'ipOverEthernet', 'ipAddresses', k);
        const subnet = own(addr, 'subnetId');
        const first = peekArray(addr, 'addresses')?.[0];
        if (typeof subnet === 'string' && subnet.includes('/')) out.set(own(sap, 'id') as string, { value: subnet, pointer: childPointer(base, 'subnetId') });
        else if (typeof first === 'string') out.set(own(sap, 'id') as string, { value: first, pointer: childPointer(base, 'addresses', 0) });
      });
    });
  });
  return out;
}
