import { childPointer } from '../../contract/json-pointer';
import { isObject, own, present } from '../shared/json-object';

/** One flow body found in a document, with its pointer. */
export interface FlowLocation {
  readonly value: unknown;
  readonly pointer: string;
}

/** Deepest wrapper nesting followed (`[ {flows: [ {data: …} ]}, 200 ]` is 3). */
const MAX_WRAPPERS = 4;

/**
 * The flow bodies of a demi-wicm document: a `POST /api/v1/flows` request, a `{data}` record,
 * a `{flows:[…]}` or `{flow:…}` response, or Flask's `[body, status]` array around any of them.
 */
export function findFlows(doc: unknown, pointer = '', depth = 0): FlowLocation[] {
  if (depth > MAX_WRAPPERS) return [{ value: doc, pointer }];
  if (Array.isArray(doc)) {
    if (isResponseArray(doc)) return findFlows(doc[0], childPointer(pointer, 0), depth + 1);
    return doc.flatMap((item, i) => findFlows(item, childPointer(pointer, i), depth + 1));
  }
  if (!isObject(doc) || isFlow(doc)) return [{ value: doc, pointer }];
  for (const key of ['flows', 'flow', 'data']) {
    if (present(doc, key)) return findFlows(own(doc, key), childPointer(pointer, key), depth + 1);
  }
  return [{ value: doc, pointer }];
}

/** `jsonify(obj, 200)` in demi-wicm serialises `[obj, 200]`. */
export function isResponseArray(doc: readonly unknown[]): boolean {
  return doc.length === 2 && typeof doc[1] === 'number' && (isObject(doc[0]) || Array.isArray(doc[0]));
}

/** Whether an object is a flow body itself. */
export function isFlow(obj: { readonly [key: string]: unknown }): boolean {
  return present(obj, 'instance_id') || present(obj, 'vims') || present(obj, 'VIM list');
}
