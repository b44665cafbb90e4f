import type { BridgeDto, Direction, PathDto, PlanDto, PortDto, RuleDto, ServiceDto } from '../../contract/dto';
import type { Findings } from './findings';
import { parseCanonicalPrefix, type CanonicalPrefix } from '../../net';
import type { TranslateInput } from './types';

/** A rule with everything it names looked up and checked. */
export interface ResolvedRule {
  readonly rule: RuleDto;
  /** JSON pointer of the rule in the export input (`/plans/0/forward/rules/1`). */
  readonly pointer: string;
  readonly bridge: BridgeDto;
  readonly inPort: PortDto;
  readonly outPort: PortDto;
  /** Bridge of `outPort` (normally `bridge`). */
  readonly outBridge: BridgeDto;
  readonly src: CanonicalPrefix;
  readonly dst: CanonicalPrefix;
  readonly family: 4 | 6;
  /** VLAN tag the packet carries when it enters `inPort` (it comes back from a PoP), or null. */
  readonly tagIn: number | null;
  /** VLAN tag the packet must carry when it leaves `outPort` (towards a PoP), or null. */
  readonly tagOut: number | null;
}

/** One direction of a plan, resolved. */
export interface ResolvedPath {
  readonly direction: Direction;
  readonly pointer: string;
  readonly condition: string;
  readonly rules: readonly ResolvedRule[];
}

/** A plan with its service and both directions resolved. */
export interface ResolvedPlan {
  readonly plan: PlanDto;
  readonly service: ServiceDto;
  readonly pointer: string;
  readonly paths: readonly [ResolvedPath, ResolvedPath];
}

/**
 * Looks up every bridge, port and prefix the plans name, checking what all translators rely on.
 *
 * Problems are recorded in `findings` (with JSON pointers into the export input); the rules
 * that could not be resolved are left out, so callers must check `findings.hasErrors`. A plan
 * carrying error diagnostics blocks an install but only warns on a teardown: what was pushed
 * earlier must stay removable.
 *
 * VLAN convention (T-NOVA style, as core/plan writes it): `rule.vlan` is the tag the packet
 * leaves `outPort` with (towards a PoP); the next rule of the path, when the PoP returns the
 * packet on that same port, matches that tag and removes it (or re-tags towards the next PoP).
 */
export function resolvePlans(input: TranslateInput, findings: Findings, purpose: 'install' | 'teardown' = 'install'): ResolvedPlan[] {
  const bridges = new Map(input.topology.bridges.map((b) => [b.id, b]));
  const ports = new Map(input.topology.ports.map((p) => [p.id, p]));
  const services = new Map(input.services.map((s) => [s.id, s]));
  const out: ResolvedPlan[] = [];
  const planned = new Set<string>();
  input.plans.forEach((plan, i) => {
    const pointer = `/plans/${i}`;
    if (planned.has(plan.serviceId)) {
      findings.error('DUPLICATE_PLAN', `Service "${plan.serviceId}" has more than one plan in the export`, {
        pointer: `${pointer}/serviceId`,
        hint: 'Export one plan per service.',
      });
      return;
    }
    planned.add(plan.serviceId);
    const service = services.get(plan.serviceId);
    if (!service) {
      findings.error('PLAN_WITHOUT_SERVICE', `Plan ${i} belongs to service "${plan.serviceId}", which is not in the export`, {
        pointer: `${pointer}/serviceId`,
        hint: 'Export the service together with its plan.',
      });
      return;
    }
    const planErrors = plan.diagnostics.filter((d) => d.severity === 'error');
    if (planErrors.length > 0) {
      const message = `The plan of service "${service.name}" has ${planErrors.length} error(s), e.g. ${planErrors[0]?.message ?? ''}`;
      const where = { pointer: `${pointer}/diagnostics`, elementId: service.id, hint: 'Fix the plan errors and plan again.' };
      if (purpose === 'install') {
        findings.error('PLAN_HAS_ERRORS', message, where);
        return;
      }
      findings.warn('PLAN_HAS_ERRORS', message, where);
    }
    const ctx: PathContext = { bridges, ports, findings, serviceId: plan.serviceId };
    out.push({
      plan,
      service,
      pointer,
      paths: [
        resolvePath(plan.forward, 'forward', `${pointer}/forward`, ctx),
        resolvePath(plan.reverse, 'reverse', `${pointer}/reverse`, ctx),
      ],
    });
  });
  return out;
}

interface PathContext {
  readonly bridges: ReadonlyMap<string, BridgeDto>;
  readonly ports: ReadonlyMap<string, PortDto>;
  readonly findings: Findings;
  readonly serviceId: string;
}

function resolvePath(path: PathDto, direction: Direction, pointer: string, ctx: PathContext): ResolvedPath {
  if (path.direction !== direction) {
    ctx.findings.error('PATH_DIRECTION', `The ${direction} path says it is "${path.direction}"`, {
      pointer: `${pointer}/direction`,
    });
  }
  const sorted = path.rules
    .map((rule, j) => ({ rule, pointer: `${pointer}/rules/${j}` }))
    .sort((a, b) => a.rule.seq - b.rule.seq);
  const rules: ResolvedRule[] = [];
  sorted.forEach(({ rule, pointer: rulePointer }, k) => {
    const previous = k > 0 ? sorted[k - 1]?.rule : undefined;
    const resolved = resolveRule(rule, rulePointer, direction, previous, ctx);
    if (resolved) rules.push(resolved);
  });
  return { direction, pointer, condition: path.condition, rules };
}

function resolveRule(
  rule: RuleDto,
  pointer: string,
  direction: Direction,
  previous: RuleDto | undefined,
  ctx: PathContext,
): ResolvedRule | undefined {
  const { findings } = ctx;
  const before = findings.all.length;
  if (rule.direction !== direction || rule.serviceId !== ctx.serviceId) {
    findings.error('RULE_MISMATCH', `Rule ${rule.seq} says service "${rule.serviceId}", ${rule.direction}`, {
      pointer,
      hint: `Rules of this path belong to service "${ctx.serviceId}", ${direction}.`,
    });
  }
  const bridge = ctx.bridges.get(rule.bridgeId);
  if (!bridge) findings.error('UNKNOWN_BRIDGE', `Unknown bridge "${rule.bridgeId}"`, { pointer: `${pointer}/bridgeId` });
  const inPort = lookupPort(rule.inPortId, `${pointer}/inPortId`, ctx);
  const outPort = lookupPort(rule.outPortId, `${pointer}/outPortId`, ctx);
  if (bridge && inPort && inPort.bridgeId !== bridge.id) {
    findings.error('PORT_NOT_ON_BRIDGE', `Port "${inPort.name}" is not on bridge "${bridge.name}"`, {
      pointer: `${pointer}/inPortId`,
      elementId: inPort.id,
    });
  }
  const outBridge = outPort ? ctx.bridges.get(outPort.bridgeId) : undefined;
  if (outPort && !outBridge) {
    findings.error('UNKNOWN_BRIDGE', `Port "${outPort.name}" is on unknown bridge "${outPort.bridgeId}"`, {
      pointer: `${pointer}/outPortId`,
      elementId: outPort.id,
    });
  }
  const src = prefixAt(rule.match.src, `${pointer}/match/src`, findings);
  const dst = prefixAt(rule.match.dst, `${pointer}/match/dst`, findings);
  if (src && dst && src.family !== dst.family) {
    findings.error('MIXED_FAMILY', `Rule ${rule.seq} matches IPv${src.family} ${src.text} to IPv${dst.family} ${dst.text}`, {
      pointer: `${pointer}/match`,
    });
  }
  if (rule.vlan !== null && !(Number.isInteger(rule.vlan) && rule.vlan >= 1 && rule.vlan <= 4094)) {
    findings.error('INVALID_VLAN', `VLAN id ${rule.vlan} is outside 1..4094`, { pointer: `${pointer}/vlan` });
  }
  if (findings.all.length > before || !bridge || !inPort || !outPort || !outBridge || !src || !dst) return undefined;
  // The planner's convention (core/plan ruleInVlan): a rule tags towards the PoP it sends to,
  // and the next rule takes that tag back off when the PoP returns the packet on its port.
  const tagOut = rule.vlan;
  const tagIn = previous !== undefined && previous.outPortId === inPort.id ? previous.vlan : null;
  return { rule, pointer, bridge, inPort, outPort, outBridge, src, dst, family: src.family, tagIn, tagOut };
}

function lookupPort(id: string, pointer: string, ctx: PathContext): PortDto | undefined {
  const port = ctx.ports.get(id);
  if (!port) ctx.findings.error('UNKNOWN_PORT', `Unknown port "${id}"`, { pointer });
  return port;
}

function prefixAt(text: string, pointer: string, findings: Findings): CanonicalPrefix | undefined {
  const parsed = parseCanonicalPrefix(text);
  if (parsed.ok) return parsed.prefix;
  findings.error(parsed.code, parsed.message, { pointer, hint: 'Plan the service again to get canonical prefixes.' });
  return undefined;
}

/** Every resolved rule of the plans, forward path before reverse, in path order. */
export function allRules(plans: readonly ResolvedPlan[]): ResolvedRule[] {
  return plans.flatMap((p) => p.paths.flatMap((path) => path.rules));
}

/** Bridges a plan's rules enter or leave by, in first-use order (forward path first). */
export function bridgesOf(plan: ResolvedPlan): BridgeDto[] {
  const seen = new Map<string, BridgeDto>();
  for (const rule of plan.paths.flatMap((p) => p.rules)) {
    if (!seen.has(rule.bridge.id)) seen.set(rule.bridge.id, rule.bridge);
    if (!seen.has(rule.outBridge.id)) seen.set(rule.outBridge.id, rule.outBridge);
  }
  return [...seen.values()];
}
