import { isObject, peekObject, present, type JsonObject } from '../shared/json-object';

/** Confidence that a document is an OSM NS record (bare, or bundled with its VNFRs). */
export function detectOsm(doc: unknown): number {
  if (!isObject(doc)) return 0;
  const nsr = peekObject(doc, 'nsr');
  if (nsr) return Math.max(0.6, nsrScore(nsr));
  return nsrScore(doc);
}

function nsrScore(obj: JsonObject): number {
  const strong = ['constituent-vnfr-ref', 'nsd-ref', 'nsd-id', 'instantiate_params', 'nsd-name-ref'];
  const weak = ['_id', 'nsState', 'operational-status', 'config-status', 'datacenter', 'vld', 'nsd', 'vnffgd'];
  const s = strong.filter((k) => present(obj, k)).length;
  const w = weak.filter((k) => present(obj, k)).length;
  if (s >= 2) return 0.95;
  if (s === 1 && w >= 2) return 0.9;
  if (s === 1 || w >= 4) return 0.7;
  return w * 0.1;
}
