import type { DiagnosticDto, PlanDto } from '../contract/dto';
import { CoreError } from '../util/core-error';

/**
 * Codes of the planner's findings.
 *
 * Errors (the plan has no rules): UNKNOWN_POP, POP_PORT_MISSING, MISSING_SEGMENT,
 * INVALID_PREFIX, FAMILY_MISMATCH, EMPTY_CHAIN, UNREACHABLE_SEGMENT, MISSING_UPLINK,
 * SELF_REDIRECT, LOOP, REDIRECT_LIMIT, FILTER_INDEX_EXHAUSTED, VLAN_EXHAUSTED.
 * Warnings / info: HOST_BITS_SET, AMBIGUOUS_SEGMENT, NO_MATCHING_SEGMENT, POPS_MERGED.
 * Lint (over all services): OVERLAPPING_CONDITIONS, ASYMMETRIC_PATH, MISSING_UPLINK, POP_REPEATED.
 */
export type PlanDiagnosticCode =
  | 'UNKNOWN_POP'
  | 'POP_PORT_MISSING'
  | 'MISSING_SEGMENT'
  | 'INVALID_PREFIX'
  | 'FAMILY_MISMATCH'
  | 'EMPTY_CHAIN'
  | 'UNREACHABLE_SEGMENT'
  | 'MISSING_UPLINK'
  | 'SELF_REDIRECT'
  | 'LOOP'
  | 'REDIRECT_LIMIT'
  | 'FILTER_INDEX_EXHAUSTED'
  | 'VLAN_EXHAUSTED'
  | 'HOST_BITS_SET'
  | 'AMBIGUOUS_SEGMENT'
  | 'NO_MATCHING_SEGMENT'
  | 'POPS_MERGED'
  | 'OVERLAPPING_CONDITIONS'
  | 'ASYMMETRIC_PATH'
  | 'POP_REPEATED';

/** A planner diagnostic. */
export function diag(
  severity: DiagnosticDto['severity'],
  code: PlanDiagnosticCode,
  message: string,
  where: { readonly elementId?: string; readonly pointer?: string; readonly hint?: string } = {},
): DiagnosticDto {
  return {
    severity,
    code,
    message,
    ...(where.pointer !== undefined ? { pointer: where.pointer } : {}),
    ...(where.elementId !== undefined ? { elementId: where.elementId } : {}),
    ...(where.hint !== undefined ? { hint: where.hint } : {}),
  };
}

/** The error diagnostics of a plan: when there is any, the plan has no rules. */
export function planErrors(plan: PlanDto): DiagnosticDto[] {
  return plan.diagnostics.filter((d) => d.severity === 'error');
}

const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['UNKNOWN_POP', 'POP_PORT_MISSING', 'MISSING_SEGMENT']);

/**
 * Throws the plan's first error as a CoreError (NOT_FOUND for missing PoPs / segments, else
 * INVALID_INPUT) with all error diagnostics in `details.diagnostics`; returns the plan otherwise.
 * For callers that want the throwing policy instead of reading `plan.diagnostics`.
 */
export function assertPlanOk(plan: PlanDto, serviceName: string = plan.serviceId): PlanDto {
  const errors = planErrors(plan);
  const first = errors[0];
  if (!first) return plan;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const code = NOT_FOUND_CODES.has(first.code) ? 'NOT_FOUND' : 'INVALID_INPUT';
  throw new CoreError(code, `Cannot plan service '${serviceName}': ${first.message}${more}`, {
    serviceId: plan.serviceId,
    diagnostics: errors,
  });
}
