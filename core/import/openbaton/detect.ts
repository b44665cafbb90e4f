import { isObject, peekArray, peekObject, peekString, present, type JsonObject } from '../shared/json-object';
import { OPENBATON_ACTIONS } from './actions';

/** Confidence that a document is an Open Baton NSR event (or a bare NSR). */
export function detectOpenBaton(doc: unknown): number {
  if (!isObject(doc)) return 0;
  const action = peekString(doc, 'action');
  const knownAction = action !== undefined && OPENBATON_ACTIONS.has(action);
  const payload = peekObject(doc, 'payload');
  if (payload) {
    const recordLike = nsrScore(payload) >= 0.5 || present(payload, 'parent_ns_id');
    if (knownAction && recordLike) return 0.98;
    if (knownAction) return 0.75;
    return recordLike ? 0.8 : 0.2;
  }
  if (knownAction) return 0.55;
  return nsrScore(doc);
}

function nsrScore(obj: JsonObject): number {
  const vnfr = peekArray(obj, 'vnfr');
  const vnfrLooksRight = vnfr !== undefined && vnfr.some((v) => isObject(v) && (present(v, 'vdu') || present(v, 'parent_ns_id')));
  const hasDeps = peekArray(obj, 'vnf_dependency') !== undefined;
  if (vnfrLooksRight && hasDeps) return 0.92;
  if (vnfrLooksRight) return 0.85;
  if (vnfr !== undefined && hasDeps) return 0.8;
  if (vnfr !== undefined && (present(obj, 'descriptor_reference') || present(obj, 'vnffgr'))) return 0.7;
  return 0;
}
