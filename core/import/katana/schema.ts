import { z } from 'zod';

/**
 * Katana's WIM messages: the Kafka envelope and the `wim_data` of each generation. Unknown
 * members are kept (Katana adds slice bookkeeping the import does not read); unknown connection
 * roles are reported by the parser as warnings, not refused.
 */

/** The Kafka envelope: `{action, data}`. */
export const envelopeSchema = z.looseObject({ action: z.string().min(1) });

/** `terminate`: the slice id as `data`. */
export const terminateSchema = z.looseObject({ data: z.string().min(1) });

/** `create`: the `wim_data` as `data`. */
export const createSchema = z.looseObject({ data: z.looseObject({}) });

const location = z.string().nullish();

/** v2.3.6 `connections[{core, radio}]`: a location per role. */
export const connectionSchema = z.looseObject({ core: location, radio: location });

/** v2.2 `core_connections[{core?, radio?}]`: a role's NS placements and PNFs. */
export const coreConnectionSchema = z.looseObject({ core: z.looseObject({}).nullish(), radio: z.looseObject({}).nullish() });

/** `ns[{location, vim}]`: where one NS of the slice runs; at least one of the two is needed. */
export const placementSchema = z
  .looseObject({ location, vim: location })
  .refine((p) => p.vim != null || p.location != null, {
    message: 'The NS placement has neither "vim" nor "location".',
    params: { code: 'MISSING_FIELD' },
  });

/** v2.0 `end_points{vims[], pdus[], probes[]}`. */
export const endPointsSchema = z.looseObject({ vims: z.array(z.string().min(1)) });

/** Hints of the members people get wrong. */
export const KATANA_HINTS: Readonly<Record<string, string>> = {
  data: 'A terminate message carries the slice id as "data"; a create message the wim_data.',
};
