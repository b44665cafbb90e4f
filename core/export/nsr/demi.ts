import type { ServiceDto } from '../../contract/dto';
import { Losses, reportLosses, type NsrContext } from './context';
import type { NsrDocument } from './types';

/**
 * A demi-wicm flow request (`POST /api/v1/flows`): `instance_id`, `in_seg`, `out_seg` and
 * `vims[{port, order}]`. A segment left to the project default is written as that default (the
 * flow API needs both); with no default it is left out, with a warning. No name, return chain
 * or VLANs: demi-wicm mirrors the chain.
 */
export function demiDocument(service: ServiceDto, ctx: NsrContext): NsrDocument {
  const losses = new Losses(service, 'a demi-wicm flow');
  reportLosses(service, ctx, { reverse: false, segments: true, name: false, repeats: true }, losses);
  const segment = (value: string | null, fallback: string | null, key: string): Record<string, string> => {
    if (value !== null) return { [key]: value };
    if (fallback) {
      losses.add('info', 'NSR_DEFAULT_SEGMENT', `${key} is the project default ${fallback}, written as such.`);
      return { [key]: fallback };
    }
    losses.add('warning', 'NSR_NO_SEGMENT', `${key} is left to the project default, and the project has none; demi-wicm requires it.`, 'Set the segment on the service or a project default.');
    return {};
  };
  const { defaults } = ctx.topology;
  return {
    document: {
      instance_id: service.id,
      ...segment(service.inSegment, defaults.sourceSegment, 'in_seg'),
      ...segment(service.outSegment, defaults.targetSegment, 'out_seg'),
      vims: service.chain.map((port, order) => ({ port, order })),
    },
    diagnostics: losses.list,
  };
}
