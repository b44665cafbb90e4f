import { z } from 'zod';

/**
 * The parts of an ETSI SOL005 NsInstance the import relies on. Everything else (and every member
 * a later SOL005 version adds) is kept as it is: the objects are loose. Placement members
 * (`vimId`, `vimConnectionInfo`, VNFC compute resources) and SAP addresses are optional
 * look-ups, read leniently by `vnf-index.ts`.
 */

/** The NsInstance root: its id names the service. */
export const nsInstanceSchema = z.looseObject({ id: z.string().min(1) });

/** One `vnfInstance[]` entry: CPs and NFPs refer to it by id. */
export const vnfInstanceSchema = z.looseObject({ id: z.string().min(1) });

/** `vnffgInfo[].nfpInfo[]`: the forwarding paths. */
export const vnffgInfoSchema = z.looseObject({
  vnffgInfo: z.array(z.looseObject({ nfpInfo: z.array(z.looseObject({})).nullish() })).nullish(),
});

const cpIds = z.array(z.string().min(1)).nullish();

/** One `cpPairInfo[]` entry: the CPs (or SAPs) at one position of the path. */
const cpPairSchema = z.looseObject({ vnfExtCpIds: cpIds, pnfExtCpIds: cpIds, sapIds: z.array(z.unknown()).nullish() });

/** One `cpGroup[]` entry: one position of the path, possibly load-balanced over several pairs. */
const cpGroupSchema = z.looseObject({ cpPairInfo: z.array(cpPairSchema) });

/** One forwarding path: its positions in order, and the rule with the traffic's prefixes. */
export const nfpSchema = z.looseObject({ cpGroup: z.array(cpGroupSchema), nfpRule: z.looseObject({}).nullish() });
