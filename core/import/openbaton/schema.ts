import { z } from 'zod';

/**
 * Open Baton's NFVO events and the NSR they carry. Unknown members are kept (an NSR has dozens
 * the import does not read); the VNF placement (`vimInstanceName`, string or list by release) is
 * read by `vnf-placement.ts`.
 */

/** `{"action", "payload"}`, as posted to demi-wicm `/nfvo/init` and `/nfvo/delete`. */
export const eventSchema = z.looseObject({ action: z.string().min(1), payload: z.looseObject({}) });

/** The NSR members every event needs: its id. */
export const nsrSchema = z.looseObject({ id: z.string().min(1) });

/** One `vnfr` record: its name is what dependencies refer to. */
export const vnfrSchema = z.looseObject({ name: z.string().min(1) });

/** One `vnf_dependency`: the target VNF and its sources (`idType` keys). */
export const dependencySchema = z.looseObject({ target: z.string().min(1), idType: z.looseObject({}) });

/** Hints of the members people get wrong. */
export const OPENBATON_HINTS: Readonly<Record<string, string>> = {
  id: 'The NSR id identifies the service.',
};
