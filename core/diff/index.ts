/**
 * The diff of two projects or topology files: topology elements, services and the rules each
 * side's plans install, matched by id and else by name, shown by name. Pure; the host reads
 * the files and hands over the sides.
 */
import type { ProjectDiffDto } from '../contract/diff-dto';
import { diffRules } from './rules';
import { diffServices } from './services';
import { planSide, type DiffSide, type PlannedSide } from './side';
import { diffTopology } from './topology';

export type { DiffSide, PlannedSide } from './side';
export { planSide } from './side';
export { diffText } from './text';

/** Compares side A (before) with side B (after). Both sides are planned with core/plan. */
export function diffProjects(a: DiffSide, b: DiffSide): ProjectDiffDto {
  return diffPlanned(planSide(a), planSide(b));
}

/** Compares two sides already planned (`planSide`). */
export function diffPlanned(pa: PlannedSide, pb: PlannedSide): ProjectDiffDto {
  const [a, b] = [pa, pb];
  const topology = diffTopology(a.topology, b.topology, pa.names, pb.names);
  const services = diffServices(pa, pb);
  const rules = diffRules(pa, pb);
  const ruleCount = rules.reduce((sum, g) => sum + g.rules.length, 0);
  return {
    a: { label: a.label, kind: a.kind },
    b: { label: b.label, kind: b.kind },
    identical: topology.length === 0 && services.length === 0 && ruleCount === 0,
    topology,
    services,
    rules,
    counts: { topology: topology.length, services: services.length, rules: ruleCount },
  };
}
