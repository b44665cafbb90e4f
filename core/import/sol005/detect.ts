import { isObject, peekArray, present } from '../shared/json-object';

/** Confidence that a document is an ETSI SOL005 NsInstance. */
export function detectSol005(doc: unknown): number {
  if (!isObject(doc)) return 0;
  const markers = ['nsInstanceName', 'nsdId', 'nsdInfoId', 'vnfInstance', 'vnffgInfo', 'sapInfo', 'nsState'];
  const hits = markers.filter((k) => present(doc, k)).length;
  const vnffg = peekArray(doc, 'vnffgInfo');
  const hasNfp = vnffg?.some((g) => isObject(g) && present(g, 'nfpInfo')) ?? false;
  if (hits >= 4 && (vnffg || peekArray(doc, 'vnfInstance'))) return hasNfp ? 0.97 : 0.9;
  if (hits >= 3) return 0.75;
  // An OSM record also has nsState, but with hyphenated keys; a lone nsState is weak evidence.
  return hits === 2 ? 0.45 : hits * 0.15;
}
