/**
 * The project's JSON documents as they are read back (topology JSON, plan JSON): zod schemas of
 * their shapes plus the cross-checks (references, duplicates). core/export writes them.
 */
export { parsePlanJson, PLAN_SCHEMA, type Allocations, type FilterAllocation, type PlanDocument, type VlanAllocation } from './plan-json';
export { parseTopologyJson, TOPOLOGY_SCHEMA, type TopologyDocument } from './topology-json';
export { isTopologyYaml, parseTopologyYaml } from './topology-yaml';
export { TOPOLOGY_YAML_SCHEMA } from './topology-yaml-names';
