import type { ServiceDto } from '../../contract/dto';
import { Losses, reportLosses, type NsrContext } from './context';
import type { NsrDocument } from './types';

interface Throughput {
  readonly guaranteed: number | null;
  readonly maximum: number | null;
}

/**
 * A Katana `wim_data` of the current generation (v2.3.6: `_id`, `connections[{radio, core}]`,
 * `slice_sla`, `probes`). A connection is point to point: the first PoP is the radio (edge) side,
 * the last the core side; a one-PoP chain is a core-only connection. The slice id, SLA and
 * probes come back from the attributes of a service imported from Katana. No segments, return
 * chain, VLANs, name, or PoPs between the two ends.
 */
export function katanaDocument(service: ServiceDto, ctx: NsrContext): NsrDocument {
  const losses = new Losses(service, 'a Katana wim_data');
  reportLosses(service, ctx, { reverse: false, segments: false, name: false, repeats: false }, losses);
  const { chain, attributes } = service;
  const first = chain[0];
  const last = chain[chain.length - 1];
  if (chain.length > 2) {
    losses.notCarried('PoPs between the two ends of the chain', chain.slice(1, -1).join(', '), 'A Katana connection joins one radio (edge) location and the core.');
  }
  if (chain.length > 1 && first !== undefined && last !== undefined && ctx.samePop(first, last)) {
    losses.add('warning', 'NSR_REPEATED_POP', `the chain starts and ends in PoP "${first}"; the Katana connection joins it to itself and the importer keeps one hop.`);
  }
  const connection = chain.length === 1 ? { core: first } : { radio: first, core: last };
  const sliceId = typeof attributes['sliceId'] === 'string' ? attributes['sliceId'] : service.id;
  return {
    document: {
      _id: sliceId,
      connections: first === undefined ? [] : [connection],
      slice_sla: sliceSla(attributes['sliceSla']),
      probes: Array.isArray(attributes['probes']) ? attributes['probes'].filter((p): p is string => typeof p === 'string') : [],
    },
    diagnostics: losses.list,
  };
}

/** The imported SLA (see core/import/katana/sla.ts) back in Katana's spelling; null fields stay null. */
function sliceSla(raw: unknown): Record<string, unknown> {
  const sla = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const throughput = (value: unknown): Throughput | null => {
    if (typeof value !== 'object' || value === null) return null;
    const t = value as Record<string, unknown>;
    return { guaranteed: numberOrNull(t['guaranteed']), maximum: numberOrNull(t['maximum']) };
  };
  return {
    network_DL_throughput: throughput(sla['downlinkThroughput']),
    network_UL_throughput: throughput(sla['uplinkThroughput']),
    mtu: numberOrNull(sla['mtu']),
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
