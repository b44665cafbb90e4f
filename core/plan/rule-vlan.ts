import type { RuleDto } from '../contract/dto';

/**
 * The VLAN tag a rule's traffic arrives with: the tag the previous rule of the same path sent
 * it to a PoP with, when that PoP hairpins it back on this rule's input port; else null
 * (untagged). `rules` is the rule's path in `seq` order.
 */
export function ruleInVlan(rules: readonly RuleDto[], rule: RuleDto): number | null {
  const previous = rule.seq > 0 ? rules[rule.seq - 1] : undefined;
  return previous !== undefined && previous.outPortId === rule.inPortId ? previous.vlan : null;
}
