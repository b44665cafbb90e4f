import { distinctBy } from '../shared/collections';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv } from '../shared/run-parse';
import { isObject, own, type JsonObject } from '../shared/json-object';

/** Where one VNF record runs, and what it exposes (for the service's attributes). */
export interface VnfPlacement {
  /** The PoP (VIM name) of the VNF, or undefined when it cannot be told (an error was reported). */
  readonly pop: string | undefined;
  /** Pointer of the value that named the PoP. */
  readonly pointer: string;
  readonly hostnames: readonly string[];
  readonly privateIps: readonly string[];
  readonly floatingIps: readonly string[];
}

interface VduPlacement {
  readonly pop: string;
  readonly pointer: string;
}

/**
 * The PoP of a VNF from its VDUs: `vimInstanceName` (string in OB ≤1.x, list since 2.0,
 * `vim:az` with the zone stripped); several candidates are narrowed with the deployed VNFC's
 * `vim_id`; none falls back to that `vim_id`. A VNF whose VDUs sit in different PoPs is reported.
 */
export function placeVnf(vnfName: string, vnfr: JsonObject, base: string, env: ParseEnv): VnfPlacement {
  const { read, sink } = env;
  const vdus = read.member(vnfr, 'vdu', base, 'array') ?? [];
  const hostnames: string[] = [];
  const privateIps: string[] = [];
  const floatingIps: string[] = [];
  const placements: VduPlacement[] = [];
  vdus.forEach((vdu, j) => {
    const vduPtr = childPointer(base, 'vdu', j);
    const vduObj = read.object(vdu, vduPtr, `VDU ${j} of VNF "${vnfName}"`);
    if (!vduObj) return;
    const instances = collectInstances(vduObj, vduPtr, hostnames, privateIps, floatingIps);
    const placement = placeVdu(vnfName, vduObj, vduPtr, instances, env);
    if (placement) placements.push(placement);
  });
  if (vdus.length === 0) {
    sink.error(
      'NO_VDU',
      childPointer(base, 'vdu'),
      `VNF "${vnfName}" has no VDU, so its PoP is unknown.`,
      'Export the NSR after instantiation; each VNF record lists its VDUs with vimInstanceName.',
    );
  }
  const distinct = distinctBy(placements, (p) => env.pops.identity(p.pop));
  const first = distinct[0];
  if (distinct.length > 1 && first) {
    sink.warning(
      'VNF_SPANS_POPS',
      childPointer(base, 'vdu'),
      `VNF "${vnfName}" has VDUs in several PoPs (${distinct.map((p) => p.pop).join(', ')}); the chain uses ${first.pop}.`,
      'Edit the chain if the traffic must visit the other PoPs too.',
    );
  }
  return { pop: first?.pop, pointer: first?.pointer ?? base, hostnames, privateIps, floatingIps };
}

interface VnfcInstance {
  readonly vimId: string | undefined;
  readonly pointer: string;
}

function collectInstances(
  vdu: JsonObject,
  vduPtr: string,
  hostnames: string[],
  privateIps: string[],
  floatingIps: string[],
): VnfcInstance[] {
  const raw = own(vdu, 'vnfc_instance');
  if (!Array.isArray(raw)) return [];
  const out: VnfcInstance[] = [];
  raw.forEach((inst, m) => {
    if (!isObject(inst)) return;
    const hostname = own(inst, 'hostname');
    if (typeof hostname === 'string') hostnames.push(hostname);
    for (const [key, list] of [
      ['ips', privateIps],
      ['floatingIps', floatingIps],
    ] as const) {
      const ips = own(inst, key);
      if (!Array.isArray(ips)) continue;
      for (const ip of ips) {
        const value = isObject(ip) ? own(ip, 'ip') : undefined;
        if (typeof value === 'string') list.push(value);
      }
    }
    const vimId = own(inst, 'vim_id');
    out.push({ vimId: typeof vimId === 'string' && vimId !== '' ? vimId : undefined, pointer: childPointer(vduPtr, 'vnfc_instance', m, 'vim_id') });
  });
  return out;
}

function placeVdu(
  vnfName: string,
  vdu: JsonObject,
  vduPtr: string,
  instances: readonly VnfcInstance[],
  env: ParseEnv,
): VduPlacement | undefined {
  const { sink, pops } = env;
  const raw = own(vdu, 'vimInstanceName');
  const namePtr = childPointer(vduPtr, 'vimInstanceName');
  const listed: { name: string; pointer: string }[] = [];
  if (typeof raw === 'string') {
    listed.push({ name: raw, pointer: namePtr });
  } else if (Array.isArray(raw)) {
    raw.forEach((v, k) => {
      if (typeof v === 'string') listed.push({ name: v, pointer: childPointer(namePtr, k) });
      else sink.error('WRONG_TYPE', childPointer(namePtr, k), `VIM name at ${childPointer(namePtr, k)} must be a string.`);
    });
  } else if (raw !== undefined && raw !== null) {
    sink.error(
      'WRONG_TYPE',
      namePtr,
      `vimInstanceName at ${namePtr} must be a string or a list of strings.`,
      'Open Baton 0.9–1.x sends a string, 2.0 and later a list.',
    );
    return undefined;
  }
  const candidates = distinctBy(
    listed
      .map((c) => ({ ...c, name: stripAvailabilityZone(c.name) }))
      .filter((c) => c.name !== ''),
    (c) => c.name.toLowerCase(),
  );
  if (listed.some((c) => c.name.includes(':'))) {
    sink.info('AVAILABILITY_ZONE_STRIPPED', namePtr, `The availability zone after ":" in the VIM name of VNF "${vnfName}" was ignored.`);
  }
  const only = candidates[0];
  if (candidates.length === 1 && only) return { pop: only.name, pointer: only.pointer };
  if (candidates.length > 1 && only) {
    const chosen = candidates.find((c) =>
      instances.some(
        (i) =>
          i.vimId !== undefined &&
          (i.vimId.toLowerCase() === c.name.toLowerCase() ||
            (pops.isKnown(i.vimId) && pops.identity(i.vimId) === pops.identity(c.name))),
      ),
    );
    if (chosen) {
      sink.info('VIM_CHOSEN_BY_INSTANCE', chosen.pointer, `VNF "${vnfName}" lists several VIMs; the deployed VNFC runs in ${chosen.name}.`);
      return { pop: chosen.name, pointer: chosen.pointer };
    }
    sink.warning(
      'AMBIGUOUS_VIM',
      namePtr,
      `VNF "${vnfName}" lists several candidate VIMs (${candidates.map((c) => c.name).join(', ')}) and the deployed VNFC does not tell which was used; using ${only.name}.`,
      'Add the VIM ids (vnfc_instance vim_id) as PoP aliases so the used VIM can be recognised, or edit the chain.',
    );
    return { pop: only.name, pointer: only.pointer };
  }
  const deployed = instances.find((i) => i.vimId !== undefined);
  if (deployed?.vimId !== undefined) {
    sink.warning(
      'VIM_FROM_INSTANCE',
      deployed.pointer,
      `VNF "${vnfName}" names no VIM (the NFVO picked one); using the VIM id ${deployed.vimId} of its deployed VNFC.`,
      'Add that VIM id as an alias of the PoP it belongs to.',
    );
    return { pop: deployed.vimId, pointer: deployed.pointer };
  }
  sink.error(
    'NO_VIM',
    namePtr,
    `VNF "${vnfName}" names no VIM and has no deployed VNFC with a vim_id, so its PoP is unknown.`,
    'Set vimInstanceName in the VNFD, or import the NSR after the VNF is deployed.',
  );
  return undefined;
}

/** `"vim:zone"` → `"vim"` (the NFVO splits VIM names on ':'). */
export function stripAvailabilityZone(name: string): string {
  const colon = name.indexOf(':');
  return (colon === -1 ? name : name.slice(0, colon)).trim();
}
