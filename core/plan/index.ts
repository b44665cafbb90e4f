/**
 * The redirect planner: resolves a service's segments (LPM) and PoP chain to ports, walks both
 * directions across bridges (uplinks or explicit links), allocates condition names, flow-filter
 * indices and VLAN tags, and lints the plans of a project.
 */
export type { Allocations, FilterIndexAllocation, VlanAllocation, ConditionAllocation, ServiceHoldings } from './allocations';
export { AllocationState } from './allocations';
export { emptyAllocations, releaseService, FILTER_INDEX_MIN, FILTER_INDEX_MAX } from './allocations';
export { Planner, lintPlans, DEFAULT_VLAN_POOL, MAX_REDIRECTIONS } from './planner';
export type { PlanDiagnosticCode } from './diagnostics';
export { planErrors, assertPlanOk } from './diagnostics';
export { conditionName } from './naming';
export { SegmentIndex } from './segment-index';
export type { SegmentMatch } from './segment-index';
export { LinkPaths } from './link-paths';
export type { LinkStep } from './link-paths';
export { ruleInVlan } from './rule-vlan';
