import { z } from 'zod';

/**
 * The T-NOVA WICM bodies (`/nap`, `/nfvi`, `/vnf-connectivity` and their replies). Unknown
 * members are kept: replies add status fields the import does not need.
 */

/** A switch port: an integer, or digits in a string (the WICM's own replies send both). */
const switchPort = z.preprocess(
  (value) => (isNumericString(value) ? Number(value) : value),
  z.int().refine((port) => port >= 0, { message: 'A switch port must not be negative.', params: { code: 'INVALID_PORT' } }),
);

/** Whether a port member is written as a string of digits (read as a number, with a note). */
export function isNumericString(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,9}$/.test(value);
}

const marketId = z.string().min(1);
const switchId = z.string().min(1);
/** `ce_transport` / `pe_transport`: checked further by the parser (type, VLAN range). */
const transport = z.looseObject({}).nullish();

/** A `/nap` body's `nap` (or one item of a `GET /nap` reply). */
export const napSchema = z.looseObject({
  mkt_id: marketId,
  switch: switchId,
  ce_port: switchPort,
  pe_port: switchPort,
  ce_transport: transport,
  pe_transport: transport,
});

/** A `/nfvi` body's `nfvi`, with the WICM code's `port`. */
export const nfviSchema = z.looseObject({ mkt_id: marketId, switch: switchId, port: switchPort });

/** An NFVI as in the T-NOVA README, with `ce_port` for `port`. */
export const readmeNfviSchema = z
  .looseObject({ mkt_id: marketId, switch: switchId, ce_port: switchPort })
  .transform(({ ce_port: port, ...rest }) => ({ ...rest, port }));

/** A `/vnf-connectivity` service: its chains are read hop by hop by the parser. */
export const serviceSchema = z.looseObject({
  ns_instance_id: z.string().min(1),
  nap_mkt_id: z.string().nullish(),
  ce_pe: z.array(z.unknown()),
  pe_ce: z.array(z.unknown()),
});

/** A service request, which must name its NAP (an `allocated` reply need not). */
export const serviceRequestSchema = serviceSchema.extend({ nap_mkt_id: z.string().min(1) });

/** Hints of the members people get wrong. */
export const TNOVA_HINTS: Readonly<Record<string, string>> = {
  switch: 'The switch id, e.g. "openflow:1".',
  ce_port: '"ce_port" is the switch port number.',
  pe_port: '"pe_port" is the switch port number.',
  port: '"port" is the switch port number.',
  nap_mkt_id: 'Every T-NOVA service is attached to one NAP.',
  ce_pe: 'T-NOVA requires "ce_pe", an ordered list of NFVI ids.',
  pe_ce: 'T-NOVA requires "pe_ce", an ordered list of NFVI ids.',
};
