import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv } from '../shared/run-parse';
import { isObject, own, peekArray, peekObject, peekString, type JsonObject } from '../shared/json-object';

/** Where one VNF profile (member-vnf-index) runs. */
export interface MemberPlacement {
  readonly member: string;
  /** PoP name: the VIM account name when known, else its UUID. */
  readonly pop: string;
  readonly vimAccountId: string;
  readonly pointer: string;
  readonly vnfd: string | null;
}

/** Member index → placement, plus the VIM account UUID → name look-up used. */
export interface Placements {
  readonly byMember: ReadonlyMap<string, MemberPlacement>;
  readonly vimName: (accountId: string) => string;
}

/**
 * Places each VNF profile: its VNFR's `vim-account-id` (per-VDU `vim_info` checked), else
 * `instantiate_params.vnf[].vimAccountId`, else the NS default (`datacenter`). UUIDs become
 * PoP names through the VIM account list when the document carries one.
 */
export function placeMembers(
  nsr: JsonObject,
  base: string,
  vnfrs: readonly { vnfr: JsonObject; pointer: string }[] | undefined,
  accounts: ReadonlyMap<string, string>,
  env: ParseEnv,
): Placements {
  const unresolved = new Set<string>();
  const vimName = (id: string): string => {
    const name = accounts.get(id);
    if (name === undefined && !unresolved.has(id)) {
      unresolved.add(id);
      env.sink.info(
        'VIM_ACCOUNT_UNRESOLVED',
        base,
        `VIM account ${id} is not in the document's VIM account list; the UUID is used as the PoP name.`,
        'Add the UUID as an alias of the PoP, or import the NSR bundled with GET /osm/admin/v1/vim_accounts.',
      );
    }
    return name ?? id;
  };
  const byMember = new Map<string, MemberPlacement>();
  const params = peekObject(nsr, 'instantiate_params');
  const defaultVim = peekString(nsr, 'datacenter') ?? (params ? peekString(params, 'vimAccountId') : undefined);
  const defaultPtr = peekString(nsr, 'datacenter') ? childPointer(base, 'datacenter') : childPointer(base, 'instantiate_params', 'vimAccountId');
  const overrides = new Map<string, { vim: string; pointer: string }>();
  (params ? (peekArray(params, 'vnf') ?? []) : []).forEach((v, i) => {
    const member = idLike(isObject(v) ? own(v, 'member-vnf-index') : undefined);
    const vim = isObject(v) ? own(v, 'vimAccountId') : undefined;
    if (member !== undefined && typeof vim === 'string') {
      overrides.set(member, { vim, pointer: childPointer(base, 'instantiate_params', 'vnf', i, 'vimAccountId') });
    }
  });

  for (const { vnfr, pointer } of vnfrs ?? []) {
    const member = idLike(own(vnfr, 'member-vnf-index-ref'));
    if (member === undefined) {
      env.read.member(vnfr, 'member-vnf-index-ref', pointer, 'string', { required: true });
      continue;
    }
    if (byMember.has(member)) {
      env.sink.warning('DUPLICATE_VNFR', pointer, `Several VNF records have member-vnf-index-ref "${member}"; the first one is used.`);
      continue;
    }
    const vnfd = peekString(vnfr, 'vnfd-ref') ?? peekString(vnfr, 'vnfd-id') ?? null;
    const account = env.read.member(vnfr, 'vim-account-id', pointer, 'string');
    const vduVims = vduAccounts(vnfr);
    if (account === undefined) {
      const kdus = peekArray(vnfr, 'kdur') ?? [];
      if (kdus.length > 0 && vduVims.length === 0) {
        env.sink.error(
          'KNF_WITHOUT_VIM',
          pointer,
          `VNF "${member}" is a Kubernetes function (kdur) with no VIM account, so it has no PoP.`,
          'Map its k8s cluster to a PoP and enter the chain by hand.',
        );
        continue;
      }
    }
    const vim = account ?? vduVims[0] ?? overrides.get(member)?.vim ?? defaultVim;
    if (vim === undefined) {
      env.sink.error('NO_VIM', pointer, `VNF "${member}" has no vim-account-id and the NS has no default VIM account.`);
      continue;
    }
    const others = vduVims.filter((v) => v !== vim);
    if (others.length > 0) {
      env.sink.warning(
        'VNF_SPANS_POPS',
        childPointer(pointer, 'vdur'),
        `VNF "${member}" has VDUs on other VIMs (${others.map(vimName).join(', ')}) than its own (${vimName(vim)}); the chain uses ${vimName(vim)}.`,
        'Edit the chain if the traffic must visit the other PoPs too.',
      );
    }
    byMember.set(member, { member, pop: vimName(vim), vimAccountId: vim, pointer: childPointer(pointer, 'vim-account-id'), vnfd });
  }

  // Members without an (embedded) VNFR: place them from the instantiation parameters.
  for (const member of memberIds(nsr)) {
    if (byMember.has(member)) continue;
    const override = overrides.get(member);
    const vim = override?.vim ?? defaultVim;
    if (vim === undefined) continue;
    byMember.set(member, { member, pop: vimName(vim), vimAccountId: vim, pointer: override?.pointer ?? defaultPtr, vnfd: null });
  }
  return { byMember, vimName };
}

/** VIM accounts of a VNFR's VDUs (`vdur[].vim_info` keys `vim:<account>`), distinct. */
function vduAccounts(vnfr: JsonObject): string[] {
  const out = new Set<string>();
  for (const vdur of peekArray(vnfr, 'vdur') ?? []) {
    const info = isObject(vdur) ? peekObject(vdur, 'vim_info') : undefined;
    for (const key of Object.keys(info ?? {})) if (key.startsWith('vim:') && key.length > 4) out.add(key.slice(4));
  }
  return [...out];
}

/** Member VNF indices the NS declares (NSD vnf-profiles, instantiation parameters). */
export function memberIds(nsr: JsonObject): string[] {
  const out = new Set<string>();
  const nsd = peekObject(nsr, 'nsd');
  for (const df of (nsd ? peekArray(nsd, 'df') : undefined) ?? []) {
    for (const profile of (isObject(df) ? peekArray(df, 'vnf-profile') : undefined) ?? []) {
      const id = isObject(profile) ? own(profile, 'id') : undefined;
      if (typeof id === 'string') out.add(id);
    }
  }
  for (const vnf of (nsd ? peekArray(nsd, 'constituent-vnfd') : undefined) ?? []) {
    const id = idLike(isObject(vnf) ? own(vnf, 'member-vnf-index') : undefined);
    if (id !== undefined) out.add(id);
  }
  const params = peekObject(nsr, 'instantiate_params');
  for (const vnf of (params ? peekArray(params, 'vnf') : undefined) ?? []) {
    const id = idLike(isObject(vnf) ? own(vnf, 'member-vnf-index') : undefined);
    if (id !== undefined) out.add(id);
  }
  return [...out];
}

/** An id given as a non-empty string or (old OSM IM) a number. */
export function idLike(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}
