import type { BridgeRulesDiffDto, RuleDiffDto } from '../contract/diff-dto';
import type { PlanDto, RuleDto } from '../contract/dto';
import type { SideNames } from './names';
import type { PlannedSide } from './side';

type RuleView = Omit<RuleDiffDto, 'change'> & { readonly bridge: string };

/** Per service name, the rules of its plans (services of one name pooled). */
function rulesByService(side: PlannedSide): Map<string, RuleDto[]> {
  const out = new Map<string, RuleDto[]>();
  for (const service of side.services) {
    const plan: PlanDto | undefined = side.plans.get(service.id);
    if (!plan) continue;
    const list = out.get(service.name);
    if (list) list.push(...plan.forward.rules, ...plan.reverse.rules);
    else out.set(service.name, [...plan.forward.rules, ...plan.reverse.rules]);
  }
  return out;
}

function sameRule(x: RuleDto, nx: SideNames, y: RuleDto, ny: SideNames): boolean {
  return (
    x.direction === y.direction &&
    x.match.src === y.match.src &&
    x.match.dst === y.match.dst &&
    x.vlan === y.vlan &&
    nx.port(x.inPortId) === ny.port(y.inPortId) &&
    nx.port(x.outPortId) === ny.port(y.outPortId) &&
    nx.bridge(x.bridgeId) === ny.bridge(y.bridgeId)
  );
}

function view(service: string, r: RuleDto, n: SideNames): RuleView {
  return { bridge: n.bridge(r.bridgeId), service, direction: r.direction, src: r.match.src, dst: r.match.dst, inPort: n.port(r.inPortId), outPort: n.port(r.outPortId), vlan: r.vlan };
}

/** The stable key of a rule: bridge, direction, match and ports by name (no ids, no indices). */
function ruleKey(r: RuleView): string {
  return `${r.bridge}\u0000${r.direction}\u0000${r.src}\u0000${r.dst}\u0000${r.inPort}\u0000${r.outPort}\u0000${r.vlan ?? ''}`;
}

/** Multiset difference of one service's rules on the two sides. */
function serviceRuleChanges(service: string, as: readonly RuleDto[], na: SideNames, bs: readonly RuleDto[], nb: SideNames, out: (RuleDiffDto & { bridge: string })[]): void {
  const counts = new Map<string, { rule: RuleView; count: number }>();
  for (const r of as) {
    const v = view(service, r, na);
    const key = ruleKey(v);
    const seen = counts.get(key);
    if (seen) seen.count += 1;
    else counts.set(key, { rule: v, count: 1 });
  }
  for (const r of bs) {
    const v = view(service, r, nb);
    const key = ruleKey(v);
    const seen = counts.get(key);
    if (seen) seen.count -= 1;
    else counts.set(key, { rule: v, count: -1 });
  }
  for (const { rule, count } of counts.values()) {
    for (let k = 0; k < Math.abs(count); k++) out.push({ change: count > 0 ? 'removed' : 'added', ...rule });
  }
}

/**
 * What side B's plans add and remove compared with side A's, per bridge (sorted by name). A rule
 * is identified by service name, bridge, direction, match and ports by name, so a rule differs
 * only within its service: services whose rules read the same are skipped without keys.
 */
export function diffRules(a: PlannedSide, b: PlannedSide): BridgeRulesDiffDto[] {
  const ra = rulesByService(a);
  const rb = rulesByService(b);
  const changes: (RuleDiffDto & { bridge: string })[] = [];
  for (const [service, as] of ra) {
    const bs = rb.get(service) ?? [];
    if (as.length === bs.length && as.every((r, i) => sameRule(r, a.names, bs[i]!, b.names))) continue;
    serviceRuleChanges(service, as, a.names, bs, b.names, changes);
  }
  for (const [service, bs] of rb) if (!ra.has(service)) serviceRuleChanges(service, [], a.names, bs, b.names, changes);
  const byBridge = new Map<string, RuleDiffDto[]>();
  for (const { bridge, ...rule } of changes) {
    const list = byBridge.get(bridge);
    if (list) list.push(rule);
    else byBridge.set(bridge, [rule]);
  }
  const aIds = new Map(a.topology.bridges.map((x) => [x.name, x.id]));
  const bIds = new Map(b.topology.bridges.map((x) => [x.name, x.id]));
  return [...byBridge.keys()].sort().map((bridge) => ({ bridge, aId: aIds.get(bridge) ?? null, bId: bIds.get(bridge) ?? null, rules: byBridge.get(bridge)!.sort(byRule) }));
}

function byRule(x: RuleDiffDto, y: RuleDiffDto): number {
  return (
    cmp(x.service, y.service) ||
    cmp(x.direction, y.direction) ||
    cmp(x.change === 'removed' ? 0 : 1, y.change === 'removed' ? 0 : 1) ||
    cmp(x.src, y.src) ||
    cmp(x.dst, y.dst) ||
    cmp(x.inPort, y.inPort) ||
    cmp(x.outPort, y.outPort) ||
    cmp(x.vlan ?? -1, y.vlan ?? -1)
  );
}

function cmp<T extends string | number>(x: T, y: T): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
