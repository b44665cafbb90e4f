/**
 * What every translator of plans into a controller's wire format shares: the input and options,
 * the findings list, and the resolution of a plan's bridges, ports and prefixes.
 */
export type { TranslateInput, TranslateOptions } from './types';
export { Findings } from './findings';
export { allRules, bridgesOf, resolvePlans, type ResolvedPath, type ResolvedPlan, type ResolvedRule } from './resolve';
