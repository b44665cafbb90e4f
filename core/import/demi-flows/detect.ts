import { isObject, own, peekArray, present, type JsonObject } from '../shared/json-object';
import { isResponseArray } from './unwrap';

/** Confidence that a document is a demi-wicm flow body, record or response. */
export function detectDemiFlows(doc: unknown, depth = 0): number {
  if (depth > 4) return 0;
  if (Array.isArray(doc)) {
    if (isResponseArray(doc)) return 0.97 * detectDemiFlows(doc[0], depth + 1);
    return doc.length > 0 ? 0.9 * detectDemiFlows(doc[0], depth + 1) : 0;
  }
  if (!isObject(doc)) return 0;
  const direct = flowScore(doc);
  if (direct > 0) return direct;
  for (const key of ['flows', 'flow', 'data']) {
    if (!present(doc, key)) continue;
    const inner = own(doc, key);
    const first = Array.isArray(inner) ? inner[0] : inner;
    return 0.95 * detectDemiFlows(first, depth + 1);
  }
  return 0;
}

function flowScore(obj: JsonObject): number {
  const hasId = present(obj, 'instance_id');
  const hasVims = peekArray(obj, 'vims') !== undefined || peekArray(obj, 'VIM list') !== undefined;
  const hasSegs = present(obj, 'in_seg') || present(obj, 'out_seg');
  if (hasId && hasVims) return 0.97;
  if (hasVims && hasSegs) return 0.9;
  if (hasId && hasSegs) return 0.75;
  if (hasVims) return 0.6;
  return 0;
}
