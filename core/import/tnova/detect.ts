import { isObject, own, peekObject, present, type JsonObject } from '../shared/json-object';

/** Confidence that a document is a T-NOVA WICM body (`/nap`, `/nfvi`, `/vnf-connectivity`). */
export function detectTnova(doc: unknown): number {
  if (Array.isArray(doc)) {
    const scores = doc.slice(0, 8).map((d) => (isObject(d) ? bodyScore(d) : 0));
    return scores.length > 0 && scores.every((s) => s > 0) ? 0.95 * Math.max(...scores) : 0;
  }
  return isObject(doc) ? bodyScore(doc) : 0;
}

function bodyScore(doc: JsonObject): number {
  const service = peekObject(doc, 'service');
  if (service && (present(service, 'ns_instance_id') || present(service, 'ce_pe') || present(service, 'pe_ce'))) return 0.97;
  const nap = peekObject(doc, 'nap');
  if (nap && (present(nap, 'mkt_id') || present(nap, 'ce_port'))) return 0.95;
  const nfvi = peekObject(doc, 'nfvi');
  if (nfvi && (present(nfvi, 'mkt_id') || present(nfvi, 'switch'))) return 0.95;
  for (const key of ['allocated', 'deleted', 'activated']) {
    const inner = peekObject(doc, key);
    if (inner && present(inner, 'ns_instance_id')) return key === 'allocated' ? 0.92 : 0.85;
  }
  for (const [key, marker] of [
    ['services', 'ns_instance_id'],
    ['naps', 'mkt_id'],
    ['nfvis', 'mkt_id'],
  ] as const) {
    const list = own(doc, key);
    if (Array.isArray(list) && (list.length === 0 || (isObject(list[0]) && present(list[0], marker)))) {
      return list.length === 0 ? 0.6 : 0.9;
    }
  }
  return 0;
}
