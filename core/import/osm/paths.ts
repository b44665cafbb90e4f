import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv } from '../shared/run-parse';
import { isObject, own, peekArray, peekString, type JsonObject } from '../shared/json-object';
import { idLike } from './placement';

/** One forwarding path of an OSM VNFFG: members in order, plus its classifier. */
export interface OsmPath {
  readonly vnffgdId: string;
  readonly pathId: string;
  readonly pointer: string;
  readonly members: readonly { readonly member: string; readonly pointer: string }[];
  /** The first match-attributes entry with addresses, and where it is. */
  readonly match: { readonly value: JsonObject; readonly pointer: string } | undefined;
}

interface Ordered {
  readonly member: string;
  readonly pointer: string;
  readonly order: number | undefined;
  readonly index: number;
}

/**
 * Paths of `vnffgd[]` (the NSR's copy, else the NSD's): SOL006 `nfpd[].position-desc-id[]
 * .cp-profile-id[].constituent-profile-elements[]` or the release 5–8 `rsp[]` with its
 * `classifier[]`, each sorted by OSM's `order` (list order when absent).
 */
export function readPaths(nsr: JsonObject, base: string, env: ParseEnv): OsmPath[] | undefined {
  const nsd = own(nsr, 'nsd');
  const nsrList = peekArray(nsr, 'vnffgd');
  const fromNsd = isObject(nsd) ? peekArray(nsd, 'vnffgd') : undefined;
  const list = nsrList ?? fromNsd;
  if (!list || list.length === 0) return undefined;
  const listPtr = nsrList ? childPointer(base, 'vnffgd') : childPointer(base, 'nsd', 'vnffgd');
  const paths: OsmPath[] = [];
  list.forEach((raw, v) => {
    const vPtr = childPointer(listPtr, v);
    const vnffgd = env.read.object(raw, vPtr, 'A VNFFG descriptor');
    if (!vnffgd) return;
    const vnffgdId = idLike(own(vnffgd, 'id')) ?? String(v);
    const nfpds = env.read.member(vnffgd, 'nfpd', vPtr, 'array') ?? [];
    nfpds.forEach((nfpd, k) => {
      const ptr = childPointer(vPtr, 'nfpd', k);
      const obj = env.read.object(nfpd, ptr, 'An NFP descriptor');
      if (obj) paths.push(readNfpd(vnffgdId, obj, ptr, env));
    });
    const rsps = env.read.member(vnffgd, 'rsp', vPtr, 'array') ?? [];
    const classifiers = peekArray(vnffgd, 'classifier') ?? [];
    rsps.forEach((rsp, r) => {
      const ptr = childPointer(vPtr, 'rsp', r);
      const obj = env.read.object(rsp, ptr, 'A rendered service path');
      if (obj) paths.push(readRsp(vnffgdId, obj, ptr, classifiers, childPointer(vPtr, 'classifier'), env));
    });
  });
  return paths;
}

function readNfpd(vnffgdId: string, nfpd: JsonObject, pointer: string, env: ParseEnv): OsmPath {
  const elements: Ordered[] = [];
  let match: OsmPath['match'];
  (env.read.member(nfpd, 'position-desc-id', pointer, 'array') ?? []).forEach((pos, p) => {
    const pPtr = childPointer(pointer, 'position-desc-id', p);
    if (!isObject(pos)) return;
    (peekArray(pos, 'cp-profile-id') ?? []).forEach((cpp, c) => {
      const cPtr = childPointer(pPtr, 'cp-profile-id', c);
      (isObject(cpp) ? (peekArray(cpp, 'constituent-profile-elements') ?? []) : []).forEach((el, e) => {
        const ePtr = childPointer(cPtr, 'constituent-profile-elements', e);
        const member = isObject(el) ? idLike(own(el, 'constituent-base-element-id')) : undefined;
        if (!isObject(el) || member === undefined) {
          env.sink.error('MISSING_FIELD', ePtr, `Path element at ${ePtr} has no constituent-base-element-id (the VNF profile it visits).`);
          return;
        }
        const order = own(el, 'order');
        elements.push({ member, pointer: childPointer(ePtr, 'constituent-base-element-id'), order: typeof order === 'number' ? order : undefined, index: elements.length });
      });
    });
    match ??= firstMatch(peekArray(pos, 'match-attributes'), childPointer(pPtr, 'match-attributes'));
  });
  const pathId = idLike(own(nfpd, 'id')) ?? pointer;
  return { vnffgdId, pathId, pointer, members: sortByOrder(elements, pathId, pointer, env), match };
}

function readRsp(
  vnffgdId: string,
  rsp: JsonObject,
  pointer: string,
  classifiers: readonly unknown[],
  classifierPtr: string,
  env: ParseEnv,
): OsmPath {
  const pathId = idLike(own(rsp, 'id')) ?? pointer;
  const elements: Ordered[] = [];
  (env.read.member(rsp, 'vnfd-connection-point-ref', pointer, 'array') ?? []).forEach((ref, i) => {
    const rPtr = childPointer(pointer, 'vnfd-connection-point-ref', i);
    const member = isObject(ref) ? idLike(own(ref, 'member-vnf-index-ref')) : undefined;
    if (!isObject(ref) || member === undefined) {
      env.sink.error('MISSING_FIELD', rPtr, `Path element at ${rPtr} has no member-vnf-index-ref.`);
      return;
    }
    const order = own(ref, 'order');
    elements.push({ member, pointer: childPointer(rPtr, 'member-vnf-index-ref'), order: typeof order === 'number' ? order : undefined, index: elements.length });
  });
  const c = classifiers.findIndex((cl) => isObject(cl) && idLike(own(cl, 'rsp-id-ref')) === pathId);
  const classifier = classifiers[c];
  const match = isObject(classifier) ? firstMatch(peekArray(classifier, 'match-attributes'), childPointer(classifierPtr, c, 'match-attributes')) : undefined;
  return { vnffgdId, pathId, pointer, members: sortByOrder(elements, pathId, pointer, env), match };
}

function sortByOrder(elements: Ordered[], pathId: string, pointer: string, env: ParseEnv): { member: string; pointer: string }[] {
  if (elements.some((e) => e.order === undefined) && elements.length > 1) {
    env.sink.info('ORDER_MISSING', pointer, `Some elements of path "${pathId}" have no "order"; the list order was used for them.`);
  }
  const sorted = [...elements].sort((a, b) => (a.order ?? a.index) - (b.order ?? b.index) || a.index - b.index);
  return sorted.map((e) => ({ member: e.member, pointer: e.pointer }));
}

function firstMatch(list: readonly unknown[] | undefined, pointer: string): OsmPath['match'] {
  const i = (list ?? []).findIndex((m) => isObject(m) && (peekString(m, 'source-ip-address') !== undefined || peekString(m, 'destination-ip-address') !== undefined));
  const value = list?.[i];
  return isObject(value) ? { value, pointer: childPointer(pointer, i) } : undefined;
}
