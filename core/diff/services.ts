import type { ServiceDiffDto } from '../contract/diff-dto';
import type { PlanDto, ServiceDto } from '../contract/dto';
import { fieldChanges, pairItems, type Item } from './match';
import { SideNames } from './names';
import type { PlannedSide } from './side';
import { byName } from './topology';

/** A service's fields: chain, segments, state, and what planning allocates it. */
function serviceItem(s: ServiceDto, plan: PlanDto | undefined, n: SideNames): Item {
  const rules = plan ? [...plan.forward.rules, ...plan.reverse.rules] : [];
  const errors = plan ? plan.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code) : [];
  return {
    id: s.id,
    key: s.name,
    name: s.name,
    fields: [
      ['name', s.name],
      ['inSegment', s.inSegment],
      ['outSegment', s.outSegment],
      ['chain', [...s.chain]],
      ['reverseChain', s.reverseChain === null ? null : [...s.reverseChain]],
      ['state', s.state],
      ['planErrors', errors],
      ['filterIndices', rules.map((r) => `${n.port(r.inPortId)} #${r.filterIndex} ${r.direction}`)],
      ['vlans', rules.filter((r) => r.vlan !== null).map((r) => `${n.port(r.outPortId)} ${r.vlan} ${r.direction}`)],
    ],
  };
}

/** Services added, removed or changed (matched by id, then by name), sorted by name. */
export function diffServices(a: PlannedSide, b: PlannedSide): ServiceDiffDto[] {
  const na = new SideNames(a.topology);
  const nb = new SideNames(b.topology);
  const as = a.services.map((s) => serviceItem(s, a.plans.get(s.id), na));
  const bs = b.services.map((s) => serviceItem(s, b.plans.get(s.id), nb));
  const out: ServiceDiffDto[] = [];
  for (const pair of pairItems(as, bs)) {
    const fields = fieldChanges(pair.a, pair.b);
    if (pair.a && pair.b && fields.length === 0) continue;
    const change = pair.a === null ? 'added' : pair.b === null ? 'removed' : 'changed';
    out.push({ change, name: (pair.b ?? pair.a)!.name, aId: pair.a?.id ?? null, bId: pair.b?.id ?? null, fields });
  }
  return out.sort(byName);
}
