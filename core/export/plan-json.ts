import type { PlanDto } from '../contract/dto';
import { Findings } from '../drivers/translate';
import { PLAN_SCHEMA, type Allocations, type PlanDocument } from '../store/documents';
import type { ExportInput, ExportOptions } from './types';

/**
 * Builds the plan JSON document (read back by core/store/documents `parsePlanJson`); throws
 * `INVALID_INPUT` when a plan has no service.
 */
export function planDocument(input: ExportInput, options: ExportOptions = {}): PlanDocument {
  const findings = new Findings();
  const serviceIds = new Set(input.services.map((s) => s.id));
  input.plans.forEach((plan, i) => {
    if (!serviceIds.has(plan.serviceId)) {
      findings.error('PLAN_WITHOUT_SERVICE', `Plan ${i} belongs to service "${plan.serviceId}", which is not in the export`, {
        pointer: `/plans/${i}/serviceId`,
      });
    }
  });
  findings.throwIfErrors('export the plans');
  return {
    schema: PLAN_SCHEMA,
    ...(options.generatedAt !== undefined ? { generatedAt: options.generatedAt } : {}),
    services: input.services,
    plans: input.plans,
    allocations: allocationsOf(input.plans),
    ...(input.lint !== undefined ? { lint: input.lint } : {}),
  };
}

/** The filter indices and VLAN tags the plans use, sorted by port. */
export function allocationsOf(plans: readonly PlanDto[]): Allocations {
  const rules = plans.flatMap((p) => [...p.forward.rules, ...p.reverse.rules]);
  const filters = rules
    .map((r) => ({ portId: r.inPortId, filterIndex: r.filterIndex, serviceId: r.serviceId, direction: r.direction }))
    .sort((a, b) => compare(a.portId, b.portId) || a.filterIndex - b.filterIndex);
  const vlans = rules
    .flatMap((r) => (r.vlan === null ? [] : [{ portId: r.outPortId, vlan: r.vlan, serviceId: r.serviceId, direction: r.direction }]))
    .sort((a, b) => compare(a.portId, b.portId) || a.vlan - b.vlan);
  return { filters, vlans };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
