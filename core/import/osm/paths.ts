import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv } from '../shared/run-parse';
import { isObject, own, peekArray, peekString, type JsonObject } from '../shared/json-object';
import { idLike } from './placement';
import { pathElement, vnffgdSchema } from './schema';

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
    const vnffgd = env.read.schema(vnffgdSchema, raw, vPtr, { what: 'A VNFFG descriptor' });
    if (!vnffgd) return;
    const vnffgdId = idLike(own(vnffgd, 'id')) ?? String(v);
    (vnffgd.nfpd ?? []).forEach((nfpd, k) => paths.push(readNfpd(vnffgdId, nfpd, childPointer(vPtr, 'nfpd', k), env)));
    const classifiers = peekArray(vnffgd, 'classifier') ?? [];
    (vnffgd.rsp ?? []).forEach((rsp, r) => {
      paths.push(readRsp(vnffgdId, rsp, childPointer(vPtr, 'rsp', r), classifiers, childPointer(vPtr, 'classifier'), env));
    });
  });
  return paths;
}

/** Where a path element of one OSM form names its member, and the schema that requires it. */
interface ElementForm {
  readonly key: string;
  readonly schema: ReturnType<typeof pathElement>;
}

const NFPD_ELEMENT = elementForm('constituent-base-element-id', 'The path element has no constituent-base-element-id (the VNF profile it visits).');
const RSP_ELEMENT = elementForm('member-vnf-index-ref', 'The path element has no member-vnf-index-ref.');

function elementForm(key: string, message: string): ElementForm {
  return { key, schema: pathElement(key, message) };
}

/** Adds the path element at `pointer` to `elements`, in list order, when it names its member. */
function addElement(elements: Ordered[], form: ElementForm, value: unknown, pointer: string, env: ParseEnv): void {
  const checked = env.read.schema(form.schema, value, pointer);
  const member = checked && idLike(own(checked, form.key));
  if (!checked || member === undefined) return;
  const order = own(checked, 'order');
  elements.push({ member, pointer: childPointer(pointer, form.key), order: typeof order === 'number' ? order : undefined, index: elements.length });
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
        addElement(elements, NFPD_ELEMENT, el, childPointer(cPtr, 'constituent-profile-elements', e), env);
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
    addElement(elements, RSP_ELEMENT, ref, childPointer(pointer, 'vnfd-connection-point-ref', i), env);
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
