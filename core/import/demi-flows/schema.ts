import { z } from 'zod';

/**
 * The demi-wicm flow body (`POST /api/v1/flows` and the stored `data` records). Unknown members
 * are kept (demi-wicm adds bookkeeping fields); the segments are read by `readSegment`, which
 * also reports host bits and bare addresses.
 */

/** A number written as text ("1"), as scripts building JSON by hand send `order`, read as that number. */
const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

/** `vims[{port, order}]`: a PoP and its position in the chain; `order` a number or numeric text. */
export const vimsEntrySchema = z.looseObject({
  port: z.string().min(1),
  order: z.preprocess((v) => (typeof v === 'string' && NUMERIC_TEXT.test(v) ? Number(v) : v), z.number()),
});

/** A manual flow: `instance_id`, `vims`. */
export const vimsFlowSchema = z.looseObject({
  instance_id: z.string().min(1),
  vims: z.array(vimsEntrySchema),
});

/** A VIM name of a stored flow's `VIM list`; an empty name is a wrong value, not a missing one. */
const vimName = z.string().refine((name) => name !== '', { message: 'A VIM name must not be empty.', params: { code: 'WRONG_TYPE' } });

/** A stored flow: `instance_id`, `VIM list` (egress to ingress). */
export const vimListFlowSchema = z.looseObject({
  instance_id: z.string().min(1),
  'VIM list': z.array(vimName),
});

/** Hints of the members people get wrong. */
export const FLOW_HINTS: Readonly<Record<string, string>> = {
  vims: 'List the PoPs as "vims": [{"port": "<pop>", "order": 0}, …].',
  order: '"order" sorts the PoPs (ascending); give it as a number such as 0 or 1.',
};
