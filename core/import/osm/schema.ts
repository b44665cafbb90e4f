import { z } from 'zod';
import { isObject, own } from '../shared/json-object';
import { idLike } from './placement';

/**
 * The parts of an OSM NS record (and its bundle) the import relies on. OSM records carry far
 * more, and each release adds members: the objects are loose. Placement data (instantiation
 * parameters, VDU accounts, VIM account lists) are optional look-ups read by `placement.ts`.
 */

/** `{nsr, vnfrs, vim_accounts_lookup | vim_accounts}`, as `wicm-studio` bundles a record. */
export const bundleSchema = z.looseObject({ nsr: z.looseObject({}), vnfrs: z.array(z.looseObject({})).nullish() });

/** The NS record and its id: `_id` (NBI) or `id` (descriptor-style exports). */
export const nsrSchema = z.looseObject({}).transform((nsr, ctx) => {
  const id = idLike(own(nsr, '_id')) ?? idLike(own(nsr, 'id'));
  if (id !== undefined) return { nsr, id };
  ctx.addIssue({
    code: 'custom',
    message: 'The NS record has no "_id" or "id".',
    params: { code: 'MISSING_FIELD', hint: 'Export the record as returned by GET /osm/nslcm/v1/ns_instances/{id}.' },
  });
  return z.NEVER;
});

/** One VNFFG descriptor: SOL006 `nfpd[]` (release 9+) and/or the older `rsp[]`. */
export const vnffgdSchema = z.looseObject({
  nfpd: z.array(z.looseObject({})).nullish(),
  rsp: z.array(z.looseObject({})).nullish(),
});

/** An element of a path that must name the VNF profile it visits, by `key`. */
export function pathElement(key: string, message: string): z.ZodType<{ readonly [key: string]: unknown }> {
  return z.custom<{ readonly [key: string]: unknown }>((el) => isObject(el) && idLike(own(el, key)) !== undefined, {
    message,
    params: { code: 'MISSING_FIELD' },
  });
}
