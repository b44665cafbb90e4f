import type { FieldChangeDto, ServiceDiffDto } from '../contract/diff-dto';
import type { PlanDto, RuleDto, ServiceDto } from '../contract/dto';
import { fieldChanges, pairItems, type Item } from './match';
import type { SideNames } from './names';
import type { PlannedSide } from './side';
import { byName } from './topology';

/** A service's own fields (chain, segments, state) and whether it planned. */
function serviceItem(s: ServiceDto, plan: PlanDto | undefined): Item {
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
    ],
  };
}

function rulesOf(plan: PlanDto | undefined): readonly RuleDto[] {
  return plan ? [...plan.forward.rules, ...plan.reverse.rules] : [];
}

/** What planning allocates a service, by name: filter indices per input port, VLAN tags. */
function allocationFields(rules: readonly RuleDto[], n: SideNames): { filterIndices: string[]; vlans: string[] } {
  return {
    filterIndices: rules.map((r) => `${n.port(r.inPortId)} #${r.filterIndex} ${r.direction}`),
    vlans: rules.filter((r) => r.vlan !== null).map((r) => `${n.port(r.outPortId)} ${r.vlan} ${r.direction}`),
  };
}

function sameAllocations(x: readonly RuleDto[], nx: SideNames, y: readonly RuleDto[], ny: SideNames): boolean {
  return (
    x.length === y.length &&
    x.every((r, i) => {
      const s = y[i]!;
      return r.filterIndex === s.filterIndex && r.vlan === s.vlan && r.direction === s.direction && nx.port(r.inPortId) === ny.port(s.inPortId) && (r.vlan === null || nx.port(r.outPortId) === ny.port(s.outPortId));
    })
  );
}

/** Allocation field changes of a pair (every field when one side is missing). */
function allocationChanges(a: readonly RuleDto[] | null, na: SideNames, b: readonly RuleDto[] | null, nb: SideNames): FieldChangeDto[] {
  if (a && b && sameAllocations(a, na, b, nb)) return [];
  const x = a ? allocationFields(a, na) : null;
  const y = b ? allocationFields(b, nb) : null;
  const out: FieldChangeDto[] = [];
  for (const field of ['filterIndices', 'vlans'] as const) {
    const before = x?.[field] ?? null;
    const after = y?.[field] ?? null;
    if (before && after && before.length === after.length && before.every((v, i) => v === after[i])) continue;
    out.push({ field, before, after });
  }
  return out;
}

/** Services added, removed or changed (matched by id, then by name), sorted by name. */
export function diffServices(a: PlannedSide, b: PlannedSide): ServiceDiffDto[] {
  const as = a.services.map((s) => serviceItem(s, a.plans.get(s.id)));
  const bs = b.services.map((s) => serviceItem(s, b.plans.get(s.id)));
  const out: ServiceDiffDto[] = [];
  for (const pair of pairItems(as, bs)) {
    const ra = pair.a ? rulesOf(a.plans.get(pair.a.id!)) : null;
    const rb = pair.b ? rulesOf(b.plans.get(pair.b.id!)) : null;
    const fields = [...fieldChanges(pair.a, pair.b), ...allocationChanges(ra, a.names, rb, b.names)];
    if (pair.a && pair.b && fields.length === 0) continue;
    const change = pair.a === null ? 'added' : pair.b === null ? 'removed' : 'changed';
    out.push({ change, name: (pair.b ?? pair.a)!.name, aId: pair.a?.id ?? null, bId: pair.b?.id ?? null, fields });
  }
  return out.sort(byName);
}
