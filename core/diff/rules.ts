import type { BridgeRulesDiffDto, RuleDiffDto } from '../contract/diff-dto';
import { SideNames } from './names';
import type { PlannedSide } from './side';

type RuleView = Omit<RuleDiffDto, 'change'>;

/** Per bridge name: the side's bridge id and its planned rules by stable key. */
interface SideRules {
  readonly bridgeIds: Map<string, string>;
  readonly rules: Map<string, Map<string, { rule: RuleView; count: number }>>;
}

/** The stable key of a rule: service, direction, match and ports by name (no ids, no indices). */
function ruleKey(r: RuleView): string {
  return `${r.service}\u0000${r.direction}\u0000${r.src}\u0000${r.dst}\u0000${r.inPort}\u0000${r.outPort}\u0000${r.vlan ?? ''}`;
}

function sideRules(side: PlannedSide): SideRules {
  const n = new SideNames(side.topology);
  const bridgeIds = new Map<string, string>();
  for (const b of side.topology.bridges) bridgeIds.set(b.name, b.id);
  const rules = new Map<string, Map<string, { rule: RuleView; count: number }>>();
  for (const service of side.services) {
    const plan = side.plans.get(service.id);
    if (!plan) continue;
    for (const path of [plan.forward, plan.reverse]) {
      for (const r of path.rules) {
        const bridge = n.bridge(r.bridgeId);
        const rule: RuleView = { service: service.name, direction: r.direction, src: r.match.src, dst: r.match.dst, inPort: n.port(r.inPortId), outPort: n.port(r.outPortId), vlan: r.vlan };
        let perBridge = rules.get(bridge);
        if (!perBridge) rules.set(bridge, (perBridge = new Map()));
        const key = ruleKey(rule);
        const seen = perBridge.get(key);
        if (seen) seen.count += 1;
        else perBridge.set(key, { rule, count: 1 });
      }
    }
  }
  return { bridgeIds, rules };
}

/** What side B's plans add and remove compared with side A's, per bridge (sorted by name). */
export function diffRules(a: PlannedSide, b: PlannedSide): BridgeRulesDiffDto[] {
  const ra = sideRules(a);
  const rb = sideRules(b);
  const bridges = [...new Set([...ra.rules.keys(), ...rb.rules.keys()])].sort();
  const out: BridgeRulesDiffDto[] = [];
  for (const bridge of bridges) {
    const before = ra.rules.get(bridge) ?? new Map<string, { rule: RuleView; count: number }>();
    const after = rb.rules.get(bridge) ?? new Map<string, { rule: RuleView; count: number }>();
    const rules: RuleDiffDto[] = [];
    for (const [key, { rule, count }] of before) {
      for (let k = after.get(key)?.count ?? 0; k < count; k++) rules.push({ change: 'removed', ...rule });
    }
    for (const [key, { rule, count }] of after) {
      for (let k = before.get(key)?.count ?? 0; k < count; k++) rules.push({ change: 'added', ...rule });
    }
    if (rules.length === 0) continue;
    out.push({ bridge, aId: ra.bridgeIds.get(bridge) ?? null, bId: rb.bridgeIds.get(bridge) ?? null, rules: rules.sort(byRule) });
  }
  return out;
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
