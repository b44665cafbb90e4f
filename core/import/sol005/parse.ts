import type { ChainEntry, ServiceDraft } from '../shared/draft';
import { collapseConsecutive, singlePopDraft } from '../shared/draft';
import { distinctBy } from '../shared/collections';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv, ParseOutput } from '../shared/run-parse';
import { readSegment } from '../shared/segment';
import { own, peekString, type JsonObject } from '../shared/json-object';
import { nfpSchema, nsInstanceSchema, vnffgInfoSchema } from './schema';
import { indexNsInstance, type NsIndex } from './vnf-index';

const NOTHING: ParseOutput = { drafts: [], deletions: [] };

/** One enabled network forwarding path, read. */
interface ForwardingPath {
  readonly id: string;
  readonly pointer: string;
  readonly chain: readonly ChainEntry[];
  readonly inSegment: string | null;
  readonly outSegment: string | null;
}

/**
 * An ETSI SOL005 NsInstance: each enabled `vnffgInfo[].nfpInfo[]` gives a chain in `cpGroup`
 * order (CP → VNF instance → VIM); two NFPs with mirrored rules are one service's forward and
 * return paths. Segments come from `nfpRule` prefixes, else from the end SAPs.
 */
export function parseSol005(doc: unknown, env: ParseEnv): ParseOutput {
  const { read, sink } = env;
  const ns = read.schema(nsInstanceSchema, doc, '', { what: 'An NsInstance' });
  if (!ns) return NOTHING;
  const { id } = ns;
  const state = own(ns, 'nsState');
  if (state !== undefined && state !== 'INSTANTIATED') {
    sink.error(
      'NS_NOT_INSTANTIATED',
      '/nsState',
      `NS instance "${id}" is ${typeof state === 'string' ? state : 'in no valid state'}, not INSTANTIATED; it has no running chain.`,
      'Import the NsInstance after instantiation.',
    );
    return NOTHING;
  }
  const errorsBefore = sink.errorCount;
  const index = indexNsInstance(ns, env);
  if (sink.errorCount > errorsBefore) return NOTHING;
  const name = peekString(ns, 'nsInstanceName') ?? id;
  const common = { nsInstanceId: id, ...(peekString(ns, 'nsdId') ? { nsdId: peekString(ns, 'nsdId') } : {}) };

  const nfps = collectNfps(ns, env);
  if (nfps === undefined) return NOTHING;
  if (nfps.length === 0) return withoutNfpInfo(id, name, index, common, env);

  const paths: ForwardingPath[] = [];
  for (const { nfp, pointer } of nfps) {
    const nfpId = peekString(nfp, 'id') ?? pointer;
    const nfpState = own(nfp, 'nfpState');
    if (nfpState !== undefined && nfpState !== 'ENABLED') {
      sink.warning('NFP_NOT_ENABLED', childPointer(pointer, 'nfpState'), `Forwarding path "${nfpId}" is ${String(nfpState)}; it was skipped.`);
      continue;
    }
    const before = sink.errorCount;
    const path = readPath(nfpId, nfp, pointer, index, env);
    if (path && sink.errorCount === before) paths.push(path);
  }
  if (paths.length === 0) {
    if (sink.errorCount === errorsBefore) {
      sink.error('NO_ENABLED_NFP', '/vnffgInfo', `NS instance "${id}" has no ENABLED forwarding path.`, 'Enable a path (nfpState ENABLED) and export again.');
    }
    return NOTHING;
  }
  const [a, b] = paths;
  if (paths.length === 2 && a && b && mirrored(a, b)) {
    sink.info('RETURN_PATH_PAIRED', b.pointer, `Forwarding paths "${a.id}" and "${b.id}" have mirrored rules; "${b.id}" is the return path.`);
    return {
      drafts: [draft(id, name, a, b, { ...common, forwardNfp: a.id, returnNfp: b.id })],
      deletions: [],
    };
  }
  return {
    drafts: paths.map((p) => {
      sink.info('MIRRORED_RETURN', p.pointer, `Forwarding path "${p.id}" has no mirrored return path; the return chain mirrors it.`);
      return draft(paths.length === 1 ? id : `${id}/${p.id}`, paths.length === 1 ? name : `${name} ${p.id}`, p, null, { ...common, forwardNfp: p.id });
    }),
    deletions: [],
  };
}

function draft(id: string, name: string, forward: ForwardingPath, back: ForwardingPath | null, attributes: Record<string, unknown>): ServiceDraft {
  return {
    id,
    name,
    recordId: attributes.nsInstanceId as string,
    inSegment: forward.inSegment,
    outSegment: forward.outSegment,
    chain: forward.chain,
    reverseChain: back ? back.chain : null,
    pointer: forward.pointer,
    attributes,
  };
}

function mirrored(a: ForwardingPath, b: ForwardingPath): boolean {
  return a.inSegment !== null && a.outSegment !== null && a.inSegment === b.outSegment && a.outSegment === b.inSegment;
}

function collectNfps(ns: JsonObject, env: ParseEnv): { nfp: JsonObject; pointer: string }[] | undefined {
  const checked = env.read.schema(vnffgInfoSchema, ns, '');
  if (!checked) return undefined;
  return (checked.vnffgInfo ?? []).flatMap((group, g) =>
    (group.nfpInfo ?? []).map((nfp, k) => ({ nfp, pointer: childPointer('', 'vnffgInfo', g, 'nfpInfo', k) })),
  );
}

/** Without `nfpInfo` the order is only in the NSD; usable only when every VNF is in one PoP. */
function withoutNfpInfo(id: string, name: string, index: NsIndex, attributes: Record<string, unknown>, env: ParseEnv): ParseOutput {
  const placed = [...index.instances.values()].filter((v) => v.pop !== undefined);
  const pops = new Map(placed.map((v) => [env.pops.identity(v.pop as string), v]));
  const only = [...pops.values()][0];
  if (pops.size === 1 && only?.pop !== undefined) {
    env.sink.info('NO_NFP_INFO', '/vnffgInfo', `NS instance "${id}" has no nfpInfo, but all its VNFs run in ${only.pop}, so the chain is that PoP.`);
    return { drafts: [singlePopDraft(id, name, '', { pop: only.pop, pointer: only.popPointer, members: placed.map((v) => v.name) }, attributes)], deletions: [] };
  }
  env.sink.error(
    'NO_NFP_INFO',
    '/vnffgInfo',
    `NS instance "${id}" has no vnffgInfo[].nfpInfo, so the order of its ${pops.size} PoPs is unknown (vnffgInfo.vnfInstanceId is not ordered).`,
    "Take the order from the NSD's nfpd (GET /nsd/v1/ns_descriptors/{nsdInfoId}/nsd) and enter the chain by hand.",
  );
  return NOTHING;
}

function readPath(nfpId: string, body: JsonObject, pointer: string, index: NsIndex, env: ParseEnv): ForwardingPath | undefined {
  const { sink } = env;
  const nfp = env.read.schema(nfpSchema, body, pointer);
  if (!nfp) return undefined;
  const entries: ChainEntry[] = [];
  const saps: { id: string; afterVnf: boolean }[] = [];
  nfp.cpGroup.forEach((group, g) => {
    const gPtr = childPointer(pointer, 'cpGroup', g);
    const pairs = group.cpPairInfo;
    const position: ChainEntry[] = [];
    pairs.forEach((pair, p) => {
      const pPtr = childPointer(gPtr, 'cpPairInfo', p);
      for (const key of ['vnfExtCpIds', 'pnfExtCpIds'] as const) {
        const owners = new Set<string>();
        (pair[key] ?? []).forEach((cpId, c) => {
          const cpPtr = childPointer(pPtr, key, c);
          const owner = resolveCp(cpId, cpPtr, index, env);
          if (!owner) return;
          owners.add(owner.id);
          if (owners.size === 1 && owner.pop !== undefined) position.push({ pop: owner.pop, pointer: cpPtr, members: [owner.name] });
        });
        if (owners.size > 1) {
          sink.warning('CP_PAIR_SPLIT', pPtr, `The CP pair at ${pPtr} joins CPs of different instances (${[...owners].join(', ')}); the first one is used.`);
        }
      }
      for (const sap of pair.sapIds ?? []) if (typeof sap === 'string') saps.push({ id: sap, afterVnf: entries.length + position.length > 0 });
    });
    const distinct = distinctBy(position, (e) => env.pops.identity(e.pop));
    const first = distinct[0];
    if (!first) return;
    if (pairs.length > 1 || peekString(group, 'forwardingBehaviour') === 'LB') {
      const popsText = distinct.map((e) => e.pop).join(', ');
      if (distinct.length > 1) {
        sink.warning(
          'PARALLEL_POSITION',
          gPtr,
          `Position ${g + 1} of path "${nfpId}" balances over instances in several PoPs (${popsText}); the chain uses ${first.pop}.`,
          'A WICM chain visits one PoP per position; pick the PoP in the service editor.',
        );
      } else {
        sink.info('PARALLEL_POSITION', gPtr, `Position ${g + 1} of path "${nfpId}" has several instances, all in ${first.pop}.`);
      }
    }
    const firstIdentity = env.pops.identity(first.pop);
    const members = position.filter((e) => env.pops.identity(e.pop) === firstIdentity).flatMap((e) => e.members ?? []);
    entries.push({ ...first, members });
  });
  const segments = readPathSegments(nfp.nfpRule ?? undefined, pointer, saps, index, env);
  if (!segments) return undefined;
  return { id: nfpId, pointer, chain: collapseConsecutive(entries, env.pops), ...segments };
}

function resolveCp(cpId: string, pointer: string, index: NsIndex, env: ParseEnv): { id: string; name: string; pop: string | undefined } | undefined {
  const owners = index.cpOwners.get(cpId) ?? [];
  const ownerId = owners[0];
  const instance = ownerId === undefined ? undefined : index.instances.get(ownerId);
  if (!instance) {
    env.sink.error(
      'UNKNOWN_CP',
      pointer,
      `CP "${cpId}" belongs to no VNF or PNF instance of this NS (not in nsCpHandle, extCpInfo or pnfInfo.cpInfo).`,
    );
    return undefined;
  }
  if (owners.length > 1) {
    env.sink.warning('AMBIGUOUS_CP', pointer, `CP id "${cpId}" exists on several instances (${owners.join(', ')}); ${instance.id} was used.`, 'CP ids are unique per VNF only; nsCpHandle pins them.');
  }
  return instance;
}

function readPathSegments(
  rule: JsonObject | undefined,
  pointer: string,
  saps: readonly { id: string; afterVnf: boolean }[],
  index: NsIndex,
  env: ParseEnv,
): { inSegment: string | null; outSegment: string | null } | undefined {
  const rulePtr = childPointer(pointer, 'nfpRule');
  const ingressSap = saps.find((s) => !s.afterVnf) ?? saps[0];
  const egressSap = [...saps].reverse().find((s) => s.afterVnf);
  const side = (key: string, sap: { id: string } | undefined, label: string): string | null | undefined => {
    if (rule && own(rule, key) !== undefined && own(rule, key) !== null) {
      return readSegment(own(rule, key), childPointer(rulePtr, key), label, env.sink);
    }
    const found = sap ? index.sapSegments.get(sap.id) : undefined;
    if (!found) return null;
    env.sink.info('SEGMENT_FROM_SAP', found.pointer, `${label} of the path taken from SAP "${sap?.id ?? ''}" (the NFP rule has no prefix).`);
    return readSegment(found.value, found.pointer, label, env.sink);
  };
  const inSegment = side('sourceIpAddressPrefix', ingressSap, 'Ingress segment');
  const outSegment = side('destinationIpAddressPrefix', egressSap, 'Egress segment');
  return inSegment === undefined || outSegment === undefined ? undefined : { inSegment, outSegment };
}
