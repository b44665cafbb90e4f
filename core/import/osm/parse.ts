import type { ChainEntry, ServiceDraft } from '../shared/draft';
import { collapseConsecutive, singlePopDraft } from '../shared/draft';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv, ParseOutput } from '../shared/run-parse';
import { readSegment } from '../shared/segment';
import { isObject, own, peekArray, peekObject, peekString, present, type JsonObject } from '../shared/json-object';
import { readPaths, type OsmPath } from './paths';
import { idLike, placeMembers, type Placements } from './placement';
import type { z } from 'zod';
import { bundleSchema, nsrSchema } from './schema';

const NOTHING: ParseOutput = { drafts: [], deletions: [] };

/** NS states with running VNFs. */
const RUNNING = new Set(['READY', 'INSTANTIATED']);

/**
 * An OSM NS record, bare or bundled as `{nsr, vnfrs, vim_accounts_lookup|vim_accounts}`: the
 * chain follows each VNFFG path (sorted by `order`), members are placed on VIM accounts
 * (UUID → name via the bundled list) and segments come from the path's match attributes.
 */
export function parseOsm(doc: unknown, env: ParseEnv): ParseOutput {
  const { read, sink } = env;
  const root = read.object(doc, '', 'An OSM NS record');
  if (!root) return NOTHING;
  const bundled = present(root, 'nsr');
  const base = bundled ? '/nsr' : '';
  const bundle = bundled ? read.schema(bundleSchema, root, '') : undefined;
  if (bundled && !bundle) return NOTHING;
  const record = read.schema(nsrSchema, bundle ? bundle.nsr : root, base);
  if (!record) return NOTHING;
  const { nsr, id } = record;
  const state = own(nsr, 'nsState');
  if (typeof state === 'string' && state === 'DEGRADED') {
    sink.warning('NS_DEGRADED', childPointer(base, 'nsState'), `NS "${id}" is DEGRADED: it runs, but some VNFs or charms report problems.`);
  } else if (state !== undefined && !(typeof state === 'string' && RUNNING.has(state))) {
    sink.error(
      'NS_NOT_READY',
      childPointer(base, 'nsState'),
      `NS "${id}" is ${typeof state === 'string' ? state : 'in no valid state'}, not READY; it has no running chain.`,
      'Import the record once OSM reports the NS as READY.',
    );
    return NOTHING;
  }

  const errorsBefore = sink.errorCount;
  const vnfrs = readVnfrs(bundle, id, env);
  if (vnfrs === undefined && present(nsr, 'constituent-vnfr-ref')) {
    sink.warning(
      'VNFRS_NOT_EMBEDDED',
      childPointer(base, 'constituent-vnfr-ref'),
      'The NS record does not embed its VNF records; VNFs were placed from the instantiation parameters (per-VNF vimAccountId, else the NS default VIM).',
      'Bundle the VNF records (GET /osm/nslcm/v1/vnf_instances?nsr-id-ref=<id>) as "vnfrs" for exact placement.',
    );
  }
  const placements = placeMembers(nsr, base, vnfrs, readAccounts(root, env), env);
  reportWimConnections(nsr, base, placements, env);
  if (sink.errorCount > errorsBefore) return NOTHING;

  const name = peekString(nsr, 'name') ?? id;
  const paths = readPaths(nsr, base, env);
  if (sink.errorCount > errorsBefore) return NOTHING;
  const common = {
    nsrId: id,
    ...(peekString(nsr, 'nsd-ref') ? { nsdRef: peekString(nsr, 'nsd-ref') } : {}),
    vnfs: [...placements.byMember.values()].map((p) => ({ member: p.member, vnfd: p.vnfd, pop: p.pop, vimAccountId: p.vimAccountId })),
    ...wimAttribute(nsr, placements),
  };
  if (paths === undefined || paths.length === 0) return withoutVnffg(id, name, base, placements, common, env);

  const drafts: ServiceDraft[] = [];
  for (const path of paths) {
    const before = sink.errorCount;
    const draft = pathDraft(path, paths.length === 1 ? id : `${id}/${path.vnffgdId}/${path.pathId}`, id, name, placements, common, env);
    if (draft && sink.errorCount === before) drafts.push(draft);
  }
  return { drafts, deletions: [] };
}

function pathDraft(
  path: OsmPath,
  serviceId: string,
  nsrId: string,
  name: string,
  placements: Placements,
  attributes: Record<string, unknown>,
  env: ParseEnv,
): ServiceDraft | undefined {
  const entries: ChainEntry[] = [];
  for (const { member, pointer } of path.members) {
    const placement = placements.byMember.get(member);
    if (!placement) {
      env.sink.error(
        'UNKNOWN_MEMBER',
        pointer,
        `Path "${path.pathId}" visits VNF profile "${member}", which has no VNF record or VIM account in this NS.`,
        'Bundle the VNF records as "vnfrs", or check the member-vnf-index.',
      );
      return undefined;
    }
    entries.push({ pop: placement.pop, pointer, members: [member] });
  }
  const match = path.match;
  const matchPtr = match?.pointer ?? path.pointer;
  const inSegment = match ? readSegment(own(match.value, 'source-ip-address'), childPointer(matchPtr, 'source-ip-address'), 'Ingress segment', env.sink) : null;
  const outSegment = match ? readSegment(own(match.value, 'destination-ip-address'), childPointer(matchPtr, 'destination-ip-address'), 'Egress segment', env.sink) : null;
  if (inSegment === undefined || outSegment === undefined) return undefined;
  return {
    id: serviceId,
    name: serviceId === nsrId ? name : `${name} ${path.pathId}`,
    recordId: nsrId,
    inSegment,
    outSegment,
    chain: collapseConsecutive(entries, env.pops),
    reverseChain: null,
    pointer: path.pointer,
    attributes: { ...attributes, vnffgd: path.vnffgdId, path: path.pathId },
  };
}

/** Without a VNFFG the NSR gives no order (VLD membership is symmetric): one PoP only. */
function withoutVnffg(id: string, name: string, base: string, placements: Placements, attributes: Record<string, unknown>, env: ParseEnv): ParseOutput {
  const members = [...placements.byMember.values()];
  const pops = new Map(members.map((m) => [env.pops.identity(m.pop), m]));
  const only = members[0];
  if (pops.size === 1 && only) {
    env.sink.info('NO_VNFFG', base, `NS "${id}" has no VNFFG, but all its VNFs run in ${only.pop}, so the chain is that PoP.`);
    return { drafts: [singlePopDraft(id, name, base, { pop: only.pop, pointer: only.pointer, members: members.map((m) => m.member) }, attributes)], deletions: [] };
  }
  env.sink.error(
    'NO_VNFFG',
    base,
    pops.size === 0
      ? `NS "${id}" has no VNFFG and no placed VNF, so it has no chain.`
      : `NS "${id}" has no VNFFG, so the order of its ${pops.size} PoPs (${[...pops.values()].map((m) => m.pop).join(', ')}) is unknown.`,
    'Add a vnffgd to the NSD, or enter the chain by hand.',
  );
  return NOTHING;
}

function readVnfrs(bundle: z.infer<typeof bundleSchema> | undefined, nsrId: string, env: ParseEnv): { vnfr: JsonObject; pointer: string }[] | undefined {
  if (bundle?.vnfrs === undefined) return undefined;
  return (bundle.vnfrs ?? []).flatMap((vnfr, i) => {
    const pointer = childPointer('', 'vnfrs', i);
    const parent = own(vnfr, 'nsr-id-ref');
    if (typeof parent === 'string' && parent !== nsrId) {
      env.sink.warning('FOREIGN_VNFR', childPointer(pointer, 'nsr-id-ref'), `VNF record ${i} belongs to NS "${parent}", not "${nsrId}"; it was ignored.`);
      return [];
    }
    return [{ vnfr, pointer }];
  });
}

/** VIM account UUID → name from `vim_accounts_lookup.items[]` or `vim_accounts[]`. */
function readAccounts(root: JsonObject, env: ParseEnv): Map<string, string> {
  const lookup = peekObject(root, 'vim_accounts_lookup');
  const list = (lookup ? peekArray(lookup, 'items') : undefined) ?? peekArray(root, 'vim_accounts') ?? [];
  const out = new Map<string, string>();
  const listPtr = lookup ? '/vim_accounts_lookup/items' : '/vim_accounts';
  list.forEach((item, i) => {
    const accountId = isObject(item) ? (idLike(own(item, '_id')) ?? idLike(own(item, 'id'))) : undefined;
    const name = isObject(item) ? own(item, 'name') : undefined;
    if (accountId === undefined || typeof name !== 'string' || name === '') {
      env.sink.warning('INVALID_VIM_ACCOUNT', childPointer(listPtr, i), `VIM account entry ${i} needs "_id" and "name"; it was ignored.`);
      return;
    }
    if (!out.has(accountId)) out.set(accountId, name);
  });
  return out;
}

interface WimConnection {
  readonly vld: string;
  readonly wimAccountId: string;
  readonly type: string | null;
  readonly pops: readonly string[];
  readonly pointer: string;
}

function wimConnections(nsr: JsonObject, base: string, placements: Placements): WimConnection[] {
  return (peekArray(nsr, 'vld') ?? []).flatMap((vld, i) => {
    const info = isObject(vld) ? peekObject(vld, 'vim_info') : undefined;
    if (!info || !isObject(vld)) return [];
    return Object.keys(info)
      .filter((key) => key.startsWith('wim:'))
      .map((key) => {
        const wim = peekObject(info, key) ?? {};
        const targets = (peekArray(wim, 'target_vims') ?? []).filter((t): t is string => typeof t === 'string');
        return {
          vld: idLike(own(vld, 'id')) ?? String(i),
          wimAccountId: key.slice(4),
          type: peekString(wim, 'type') ?? null,
          pops: targets.map((t) => placements.vimName(t.startsWith('vim:') ? t.slice(4) : t)),
          pointer: childPointer(base, 'vld', i, 'vim_info', key),
        };
      });
  });
}

function reportWimConnections(nsr: JsonObject, base: string, placements: Placements, env: ParseEnv): void {
  for (const wim of wimConnections(nsr, base, placements)) {
    env.sink.warning(
      'WIM_ALREADY_CONNECTED',
      wim.pointer,
      `OSM already asked WIM account ${wim.wimAccountId} for a WAN link${wim.type ? ` (${wim.type})` : ''} between ${wim.pops.join(' and ') || 'its VIMs'} (VLD "${wim.vld}").`,
      'Make sure the WICM redirections do not duplicate or conflict with that WAN link.',
    );
  }
}

function wimAttribute(nsr: JsonObject, placements: Placements): Record<string, unknown> {
  const list = wimConnections(nsr, '', placements).map(({ pointer: _pointer, ...rest }) => rest);
  return list.length > 0 ? { wimConnections: list } : {};
}
