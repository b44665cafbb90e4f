import { isObject, own, peekArray, peekObject, present, type JsonObject } from '../shared/json-object';

/** Confidence that a document is a Katana `wim_data` body (any generation) or its Kafka envelope. */
export function detectKatana(doc: unknown): number {
  if (!isObject(doc)) return 0;
  const action = own(doc, 'action');
  if (typeof action === 'string' && present(doc, 'data')) {
    const data = own(doc, 'data');
    const known = action === 'create' || action === 'terminate';
    if (typeof data === 'string') return known ? 0.9 : 0.3;
    const wim = isObject(data) && wimDataScore(data) > 0;
    return known ? (wim ? 0.98 : 0.6) : wim ? 0.7 : 0;
  }
  return wimDataScore(doc);
}

function wimDataScore(doc: JsonObject): number {
  const sla = present(doc, 'slice_sla') || present(doc, 'probes');
  const connections = peekArray(doc, 'connections');
  if (connections && connections.some((c) => isObject(c) && (present(c, 'core') || present(c, 'radio')))) return 0.95;
  if (peekArray(doc, 'core_connections') || peekArray(doc, 'extra_ns')) return 0.95;
  const endPoints = peekObject(doc, 'end_points');
  if (endPoints && (present(endPoints, 'vims') || present(endPoints, 'pdus'))) return 0.9;
  if (present(doc, 'services-segment') && present(doc, 'link_params')) return 0.8;
  if (connections && sla) return 0.7;
  return sla && present(doc, '_id') ? 0.5 : 0;
}
