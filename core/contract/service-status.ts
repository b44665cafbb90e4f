import type { PlanDto, ServiceState } from './dto';

/**
 * What a service's badge says. The stored state keeps one `failed`; the plan tells which step
 * failed: a service whose plan has error diagnostics (or no plan) failed planning, one with a
 * good plan failed its push (the push was rolled back, the plan is still there).
 */
export type ServiceStatusDto = 'draft' | 'planned' | 'plan-failed' | 'pushed' | 'push-failed' | 'drifted';

/** The badge status of a service from its stored state and its plan (if any). */
export function serviceStatus(state: ServiceState, plan: PlanDto | undefined): ServiceStatusDto {
  if (state !== 'failed') return state;
  const planned = plan !== undefined && !plan.diagnostics.some((d) => d.severity === 'error');
  return planned ? 'push-failed' : 'plan-failed';
}

/** How a status reads on a badge. */
export const SERVICE_STATUS_LABEL: Readonly<Record<ServiceStatusDto, string>> = {
  draft: 'draft',
  planned: 'planned',
  'plan-failed': 'plan failed',
  pushed: 'pushed',
  'push-failed': 'push failed',
  drifted: 'drifted',
};
