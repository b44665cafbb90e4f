import { z } from 'zod';
import type { DiagnosticDto, PlanDto, ServiceDto } from '../../contract/dto';
import { diagnosticSchema, directionSchema, integer, planSchema, schemaId, serviceSchema, textSchema } from './dto-schemas';
import { checkReference, checkUniqueIds, readJsonDocument } from './read-document';

/** Schema id of the plan JSON document. */
export const PLAN_SCHEMA = 'wicm-plan/1';

const filterAllocationSchema = z.strictObject({ portId: textSchema(), filterIndex: integer(1, 65535), serviceId: textSchema(), direction: directionSchema });
const vlanAllocationSchema = z.strictObject({ portId: textSchema(), vlan: integer(0, 4095), serviceId: textSchema(), direction: directionSchema });

/** A filter index in use on a port (VTN: the input filter list of that vInterface). */
export type FilterAllocation = Readonly<z.infer<typeof filterAllocationSchema>>;

/** A VLAN tag used towards a PoP port. */
export type VlanAllocation = Readonly<z.infer<typeof vlanAllocationSchema>>;

/** What the plans hold on each port, derived from their rules (informative). */
export interface Allocations {
  readonly filters: readonly FilterAllocation[];
  readonly vlans: readonly VlanAllocation[];
}

/**
 * The plan JSON document, schema `wicm-plan/1`:
 *
 * ```
 * {
 *   "schema": "wicm-plan/1",          required, exactly this string
 *   "generatedAt": "2024-…Z",         optional ISO-8601 time of the export
 *   "services": [ServiceDto…],        required; ids unique
 *   "plans": [PlanDto…],              required; each plan's serviceId names one of `services`,
 *                                     at most one plan per service; rules carry the plan's
 *                                     serviceId and their path's direction
 *   "allocations": {                  optional, derived from the plans' rules (informative;
 *     "filters": [{portId, filterIndex, serviceId, direction}…],   ignored when read back)
 *     "vlans":   [{portId, vlan, serviceId, direction}…]           (vlan = tag towards a PoP port)
 *   },
 *   "lint": [DiagnosticDto…]          optional project lint findings at export time
 * }
 * ```
 * DTO shapes are those of `core/contract/dto.ts`; prefixes are canonical CIDR strings; unknown
 * members are errors (a newer schema gets a new id). Objects are written with two-space
 * indentation and a final newline.
 */
export interface PlanDocument {
  readonly schema: typeof PLAN_SCHEMA;
  readonly generatedAt?: string;
  readonly services: readonly ServiceDto[];
  readonly plans: readonly PlanDto[];
  readonly allocations?: Allocations;
  readonly lint?: readonly DiagnosticDto[];
}

const documentSchema = z.strictObject({
  schema: schemaId(PLAN_SCHEMA),
  generatedAt: textSchema().optional(),
  services: z.array(serviceSchema),
  plans: z.array(planSchema),
  allocations: z.strictObject({ filters: z.array(filterAllocationSchema), vlans: z.array(vlanAllocationSchema) }).optional(),
  lint: z.array(diagnosticSchema).optional(),
});

/**
 * Reads a `wicm-plan/1` document, validating shapes, prefixes and references.
 *
 * Throws `PARSE_FAILED` for text that is not JSON and `INVALID_INPUT` otherwise, with every
 * problem (JSON pointer, message) in `details.diagnostics`.
 */
export function parsePlanJson(text: string): { services: ServiceDto[]; plans: PlanDto[] } {
  const doc = readJsonDocument(text, 'WICM plan file', documentSchema, crossCheck);
  return { services: doc.services, plans: doc.plans };
}

function crossCheck(value: { readonly services: readonly ServiceDto[]; readonly plans: readonly PlanDto[] }, out: DiagnosticDto[]): void {
  checkUniqueIds(value.services, '/services', out);
  const serviceIds = new Set(value.services.map((s) => s.id));
  const planned = new Set<string>();
  value.plans.forEach((plan, i) => {
    checkReference(plan.serviceId, serviceIds, 'service', `/plans/${i}/serviceId`, out);
    if (planned.has(plan.serviceId)) {
      out.push({ severity: 'error', code: 'DUPLICATE_PLAN', message: `Second plan for service "${plan.serviceId}"`, pointer: `/plans/${i}/serviceId` });
    }
    planned.add(plan.serviceId);
    for (const [key, path] of [['forward', plan.forward], ['reverse', plan.reverse]] as const) {
      if (path.direction !== key) {
        out.push({ severity: 'error', code: 'WRONG_VALUE', message: `The ${key} path says "${path.direction}"`, pointer: `/plans/${i}/${key}/direction` });
      }
      path.rules.forEach((rule, j) => {
        if (rule.serviceId !== plan.serviceId || rule.direction !== key) {
          out.push({
            severity: 'error',
            code: 'RULE_MISMATCH',
            message: `Rule says service "${rule.serviceId}", ${rule.direction}; its path is service "${plan.serviceId}", ${key}`,
            pointer: `/plans/${i}/${key}/rules/${j}`,
          });
        }
      });
    }
  });
}
