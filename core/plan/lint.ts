import type { DiagnosticDto, PlanDto, RuleDto, ServiceDto } from '../contract/dto';
import type { TopologyIndex } from '../model';
import { cachedPrefixKeys, keyContains, keysOverlap } from '../net';
import type { PrefixKey } from '../net';
import { diag } from './diagnostics';
import { ruleInVlan } from './rule-vlan';
import type { ResolvedService } from './resolve';

/** What the lint needs from a planner built on the same topology. */
export interface LintContext {
  readonly index: TopologyIndex;
  resolve(service: ServiceDto): ResolvedService | null;
  /** Whether explicit links join two bridges. */
  linked(a: string, b: string): boolean;
}

/**
 * Findings across all services:
 * - OVERLAPPING_CONDITIONS: rules of different services (or of the two directions of one)
 *   filter the same input port (and tag) with overlapping (src, dst): the lower index wins;
 * - ASYMMETRIC_PATH: without an explicit reverse chain, the reverse rules are not the mirror of
 *   the forward ones (a stale plan, or a hand-edited one);
 * - MISSING_UPLINK: a bridge without uplink that some service must leave or enter by the WAN;
 * - POP_REPEATED: a chain visiting the same PoP twice in a row (merged into one visit).
 */
export function lintWith(context: LintContext, plans: readonly PlanDto[], services: readonly ServiceDto[]): DiagnosticDto[] {
  return [
    ...overlaps(context.index, plans, new Map(services.map((s) => [s.id, s.name]))),
    ...asymmetries(plans, services),
    ...missingUplinks(context, services),
    ...repeatedPops(context.index, services),
  ];
}

interface Filter {
  readonly rule: RuleDto;
  /** Which service direction the rule belongs to: a number, cheap to compare. */
  readonly owner: number;
  readonly src: PrefixKey;
  readonly dst: PrefixKey;
}

function overlaps(index: TopologyIndex, plans: readonly PlanDto[], names: ReadonlyMap<string, string>): DiagnosticDto[] {
  const nameOf = (id: string): string => names.get(id) ?? id;
  const key = cachedPrefixKeys();
  // Rules on one port with different VLAN tags never see each other's packets.
  const groups = new Map<string, Filter[]>();
  let owner = 0;
  for (const plan of plans) {
    for (const path of [plan.forward, plan.reverse]) {
      owner++;
      if (path.rules.length === 0) continue;
      const src = key(path.rules[0]!.match.src);
      const dst = key(path.rules[0]!.match.dst);
      for (const rule of path.rules) {
        const tag = ruleInVlan(path.rules, rule);
        const g = tag === null ? rule.inPortId : `${rule.inPortId}\u0000${tag}`;
        const filter: Filter = {
          rule,
          owner,
          src: rule.match.src === path.rules[0]!.match.src ? src : key(rule.match.src),
          dst: rule.match.dst === path.rules[0]!.match.dst ? dst : key(rule.match.dst),
        };
        const list = groups.get(g);
        if (list) list.push(filter);
        else groups.set(g, [filter]);
      }
    }
  }
  const out: DiagnosticDto[] = [];
  for (const filters of groups.values()) {
    if (filters.length < 2) continue;
    for (const component of overlappingComponents(filters)) {
      const ordered = [...component].sort((a, b) => a.rule.filterIndex - b.rule.filterIndex);
      const winner = ordered[0]!.rule;
      const port = index.portById.get(winner.inPortId);
      const bridge = index.bridgeById.get(winner.bridgeId);
      const listed = ordered.slice(0, 5).map((f) => `'${nameOf(f.rule.serviceId)}' ${f.rule.direction} (index ${f.rule.filterIndex}: ${f.rule.match.src} → ${f.rule.match.dst})`);
      const more = ordered.length > 5 ? ` and ${ordered.length - 5} more` : '';
      out.push(
        diag('warning', 'OVERLAPPING_CONDITIONS', `port '${port?.name ?? winner.inPortId}' of bridge '${bridge?.name ?? winner.bridgeId}' filters overlapping traffic for ${listed.join(', ')}${more}; a packet matching several is redirected by the lowest index only ('${nameOf(winner.serviceId)}' ${winner.direction})`, {
          elementId: winner.inPortId,
          hint: 'make the services\u2019 source/destination segments disjoint, or route them over different ports',
        }),
      );
    }
  }
  return out;
}

/**
 * Groups of filters of different owners whose matches overlap (transitively).
 *
 * Prefixes nest or are disjoint, so sorting by address then length and keeping the chain of
 * enclosing source prefixes on a stack yields every overlapping source pair without testing
 * all pairs; the destination is then checked per pair.
 */
function overlappingComponents(filters: readonly Filter[]): Filter[][] {
  const parent: number[] = [];
  for (let i = 0; i < filters.length; i++) parent.push(i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const order = parent.slice().sort((a, b) => compareKeys(filters[a]!.src, filters[b]!.src));
  const stack: number[] = [];
  let merged = false;
  for (const i of order) {
    const f = filters[i]!;
    while (stack.length > 0 && !keyContains(filters[stack[stack.length - 1]!]!.src, f.src)) stack.pop();
    for (const j of stack) {
      const g = filters[j]!;
      if (g.owner !== f.owner && keysOverlap(g.dst, f.dst)) {
        parent[find(i)] = find(j);
        merged = true;
      }
    }
    stack.push(i);
  }
  if (!merged) return [];
  const byRoot = new Map<number, Filter[]>();
  filters.forEach((f, i) => {
    const root = find(i);
    const list = byRoot.get(root);
    if (list) list.push(f);
    else byRoot.set(root, [f]);
  });
  return [...byRoot.values()].filter((c) => c.length > 1 && c.some((f) => f.owner !== c[0]!.owner));
}

function compareKeys(a: PrefixKey, b: PrefixKey): number {
  if (a.family !== b.family) return a.family - b.family;
  for (let w = 0; w < a.words.length; w++) {
    const d = (a.words[w]! >>> 0) - (b.words[w]! >>> 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function asymmetries(plans: readonly PlanDto[], services: readonly ServiceDto[]): DiagnosticDto[] {
  const byId = new Map(services.map((s) => [s.id, s]));
  const out: DiagnosticDto[] = [];
  for (const plan of plans) {
    const service = byId.get(plan.serviceId);
    if (!service || service.reverseChain !== null) continue;
    if (plan.forward.rules.length === 0 || plan.reverse.rules.length === 0) continue;
    const same = isMirror(plan.forward.rules, plan.reverse.rules);
    if (!same) {
      out.push(
        diag('warning', 'ASYMMETRIC_PATH', `the reverse path of service '${service.name}' is not the mirror of its forward path, though the service has no explicit reverse chain`, {
          elementId: service.id,
          pointer: '/reverseChain',
          hint: 're-plan the service, or set an explicit reverse chain if the asymmetry is intended',
        }),
      );
    }
  }
  return out;
}

/** Whether the reverse rules are the forward ones backwards: same bridges, in and out swapped. */
function isMirror(forward: readonly RuleDto[], reverse: readonly RuleDto[]): boolean {
  if (forward.length !== reverse.length) return false;
  const n = forward.length;
  let inOrder = true;
  for (let i = 0; i < n && inOrder; i++) {
    const f = forward[i]!;
    const r = reverse[n - 1 - i]!;
    inOrder = f.bridgeId === r.bridgeId && f.inPortId === r.outPortId && f.outPortId === r.inPortId;
  }
  if (inOrder) return true;
  // Same redirects in another order still mirror each other.
  const mirrored = new Set(forward.map((r) => `${r.bridgeId}\u0000${r.outPortId}\u0000${r.inPortId}`));
  return reverse.every((r) => mirrored.has(`${r.bridgeId}\u0000${r.inPortId}\u0000${r.outPortId}`));
}

function missingUplinks(context: LintContext, services: readonly ServiceDto[]): DiagnosticDto[] {
  const { index } = context;
  const needers = new Map<string, Set<string>>();
  const need = (bridgeId: string, serviceId: string): void => {
    if (index.uplinkOf(bridgeId) !== undefined) return;
    const set = needers.get(bridgeId) ?? new Set<string>();
    set.add(serviceId);
    needers.set(bridgeId, set);
  };
  for (const service of services) {
    const r = context.resolve(service);
    if (!r) continue;
    for (const [src, dst, visits] of [
      [r.src, r.dst, r.forward],
      [r.dst, r.src, r.reverse],
    ] as const) {
      const first = visits[0];
      const last = visits[visits.length - 1];
      if (!first || !last) continue;
      const bridges: string[] = [];
      if (src.match && !src.match.isDefault) bridges.push(src.match.port.bridgeId);
      else need(first.port.bridgeId, service.id);
      for (const v of visits) bridges.push(v.port.bridgeId);
      if (dst.match && !dst.match.isDefault) bridges.push(dst.match.port.bridgeId);
      else need(last.port.bridgeId, service.id);
      for (let i = 0; i + 1 < bridges.length; i++) {
        const a = bridges[i]!;
        const b = bridges[i + 1]!;
        if (a === b || context.linked(a, b)) continue;
        need(a, service.id);
        need(b, service.id);
      }
    }
  }
  return [...needers].map(([bridgeId, ids]) => {
    const name = index.bridgeById.get(bridgeId)?.name ?? bridgeId;
    const list = [...ids];
    const shown = list.slice(0, 5).map((s) => `'${s}'`).join(', ');
    return diag('error', 'MISSING_UPLINK', `bridge '${name}' has no uplink, but service${list.length > 1 ? 's' : ''} ${shown}${list.length > 5 ? ` and ${list.length - 5} more` : ''} must reach it over the WAN`, {
      elementId: bridgeId,
      hint: `give bridge '${name}' an uplink (a port with a 0.0.0.0/0 or ::/0 segment) or link it to the other bridges`,
    });
  });
}

function repeatedPops(index: TopologyIndex, services: readonly ServiceDto[]): DiagnosticDto[] {
  const out: DiagnosticDto[] = [];
  for (const service of services) {
    const chains: [string, readonly string[] | null][] = [
      ['/chain', service.chain],
      ['/reverseChain', service.reverseChain],
    ];
    for (const [pointer, chain] of chains) {
      chain?.forEach((name, i) => {
        if (i === 0) return;
        const pop = index.findPop(name);
        if (pop && index.findPop(chain[i - 1]!) === pop) {
          out.push(
            diag('warning', 'POP_REPEATED', `service '${service.name}' visits PoP '${pop.name}' twice in a row (${pointer}/${i - 1} and ${pointer}/${i}); the visits are merged into one`, {
              elementId: service.id,
              pointer: `${pointer}/${i}`,
              hint: `remove the repeated '${name}'`,
            }),
          );
        }
      });
    }
  }
  return out;
}
