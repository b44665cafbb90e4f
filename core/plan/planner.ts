import type {
  DiagnosticDto,
  Direction,
  PathDto,
  PlanDto,
  RuleDto,
  ServiceDto,
  TopologyDto,
} from '../contract/dto';
import { DEFAULT_VLAN_POOL } from '../contract/dto';
import { TopologyIndex } from '../model';
import { AllocationState, withHoldings } from './allocations';
import type { Allocations, ConditionAllocation, FilterIndexAllocation, ServiceHoldings, VlanAllocation } from './allocations';
import { diag } from './diagnostics';
import { lintWith } from './lint';
import type { LintContext } from './lint';
import { LinkPaths } from './link-paths';
import { conditionName, conditionNamePrefix } from './naming';
import { ServiceResolver } from './resolve';
import type { ResolvedService } from './resolve';
import { claimedIndex, claimedTag, heldName, inPool, isFree, nthHeldIndex, nthHeldTag, type Range } from './holdings';
import { drafts, failedPlan, toHops, type Draft } from './drafts';
import { SegmentIndex } from './segment-index';
import { Walker } from './walk';
import type { Stop, WalkResult } from './walk';

export { DEFAULT_VLAN_POOL } from '../contract/dto';

/** VTN drops a packet redirected more than this many times. */
export const MAX_REDIRECTIONS = 100;

interface DirectionDraft {
  readonly direction: Direction;
  readonly src: string;
  readonly dst: string;
  readonly stops: readonly Stop[];
  readonly drafts: readonly Draft[];
  /** Per stop: whether it is a PoP visit that gets a VLAN tag; null when none does. */
  readonly tagged: readonly boolean[] | null;
}

/** A service walked and checked, waiting only for allocations. */
interface Prepared {
  readonly service: ServiceDto;
  readonly diagnostics: readonly DiagnosticDto[];
  readonly directions: readonly [DirectionDraft, DirectionDraft];
}

/** What a service gets: its holdings, and per direction the condition, indices and tags. */
interface Allocated {
  readonly holdings: ServiceHoldings;
  readonly conditions: readonly [string, string];
  /** Per direction, filter index of each draft. */
  readonly indices: readonly [number[], number[]];
  /** Per direction, VLAN tag of each stop (0 = none). */
  readonly tags: readonly [number[], number[]];
}

/**
 * Plans services over one topology snapshot.
 *
 * Builds the segment LPM table, PoP / uplink look-ups and link paths once; each `plan` is then
 * a few look-ups. Error policy: planning never throws for a service's own problems (unknown
 * PoP, unreachable segment, missing uplink, self redirection, loop, exhausted indices or
 * VLANs…). It returns a plan whose `diagnostics` hold `severity: 'error'` entries naming the
 * element (elementId + JSON pointer into the service + hint), with no rules, and leaves the
 * service's previous allocations untouched. `assertPlanOk` turns such a plan into a CoreError.
 * Malformed `allocations` (double holders, out-of-range values) throw CoreError INVALID_INPUT
 * (`plan` checks the entries it reads; `planAll` all of them).
 */
export class Planner {
  private readonly index: TopologyIndex;
  private readonly resolver: ServiceResolver;
  private readonly walker: Walker;
  private readonly links: LinkPaths;
  private readonly pools = new Map<string, Range[]>();
  /** Full indexes of allocation snapshots seen twice by `plan` (null: seen once). */
  private readonly snapshots = new WeakMap<Allocations, AllocationState | null>();

  constructor(topology: TopologyDto) {
    this.index = new TopologyIndex(topology);
    this.resolver = new ServiceResolver(this.index, new SegmentIndex(this.index));
    this.links = new LinkPaths(this.index);
    this.walker = new Walker(this.index, this.links);
    for (const pool of topology.vlanPools) {
      const list = this.pools.get(pool.portId);
      const range = { first: Math.max(1, pool.first), last: Math.min(4094, pool.last) };
      if (list) list.push(range);
      else this.pools.set(pool.portId, [range]);
    }
    for (const list of this.pools.values()) list.sort((a, b) => a.first - b.first);
  }

  /**
   * Plans one service against the project's allocations; returns the updated allocations (the
   * same object when the plan fails). Allocations are immutable values: the first call with an
   * allocations object indexes only the entries the service could collide with (a scan of the
   * arrays); a second call with the same object indexes it fully once and reuses that index,
   * so previews against one snapshot stay cheap.
   */
  plan(service: ServiceDto, allocations: Allocations): { readonly plan: PlanDto; readonly allocations: Allocations } {
    const prepared = this.prepare(service, allocations);
    if (!('directions' in prepared)) return { plan: prepared, allocations };
    const state = this.stateFor(allocations, prepared);
    // `allocate` only reads the state, so a snapshot's index stays valid for the next call.
    const allocated = this.allocate(prepared, state);
    if ('errors' in allocated) return { plan: this.failed(prepared, allocated.errors, state), allocations };
    return { plan: this.build(prepared, allocated), allocations: withHoldings(allocations, service.id, allocated.holdings, state.holdings(service.id)) };
  }

  /**
   * Plans services in order (each sees the allocations of those before it) and lints them;
   * `options.lint: false` skips the lint (then `lint` is empty).
   */
  planAll(
    services: readonly ServiceDto[],
    allocations: Allocations,
    options: { readonly lint?: boolean } = {},
  ): { readonly plans: readonly PlanDto[]; readonly allocations: Allocations; readonly lint: readonly DiagnosticDto[] } {
    const state = new AllocationState(allocations);
    const { plans, lint } = this.planInto(services, state, options);
    return { plans, allocations: state.toAllocations(), lint };
  }

  /**
   * Plans services in order into a live allocation index (each sees those before it): a
   * successful plan's holdings are committed to `state`, a failed one leaves the service's
   * previous holdings. Costs the services' own hops, whatever `state` holds.
   */
  planInto(services: readonly ServiceDto[], state: AllocationState, options: { readonly lint?: boolean } = {}): { readonly plans: readonly PlanDto[]; readonly lint: readonly DiagnosticDto[] } {
    const plans = services.map((service) => {
      const prepared = this.prepare(service, state);
      if (!('directions' in prepared)) return prepared;
      const allocated = this.allocate(prepared, state);
      if ('errors' in allocated) return this.failed(prepared, allocated.errors, state);
      state.commit(service.id, allocated.holdings, true);
      return this.build(prepared, allocated);
    });
    return { plans, lint: options.lint === false ? [] : this.lint(plans, services) };
  }

  /** The allocation index `plan` reads: scoped to the service on first sight of a snapshot, full after. */
  private stateFor(allocations: Allocations, p: Prepared): AllocationState {
    const known = this.snapshots.get(allocations);
    if (known) return known;
    if (known === null) {
      const full = new AllocationState(allocations);
      this.snapshots.set(allocations, full);
      return full;
    }
    this.snapshots.set(allocations, null);
    const filterPorts = new Set<string>();
    const vlanPorts = new Set<string>();
    for (const d of p.directions) {
      for (const x of d.drafts) filterPorts.add(x.from.port.id);
      d.stops.forEach((stop, i) => {
        if (d.tagged?.[i] === true) vlanPorts.add(stop.port.id);
      });
    }
    return new AllocationState(allocations, { serviceId: p.service.id, filterPorts, vlanPorts, namePrefix: conditionNamePrefix(p.service.id) });
  }

  /** Lint findings over planned services (see `lintPlans`). */
  lint(plans: readonly PlanDto[], services: readonly ServiceDto[]): DiagnosticDto[] {
    const context: LintContext = {
      index: this.index,
      resolve: (service) => this.resolver.resolve(service).resolved,
      linked: (a, b) => this.links.between(a, b) !== null,
    };
    return lintWith(context, plans, services);
  }

  /** Resolves, walks and checks a service: a failed plan, or what allocation needs. */
  private prepare(service: ServiceDto, held: Allocations | AllocationState): PlanDto | Prepared {
    const resolution = this.resolver.resolve(service);
    const r = resolution.resolved;
    if (!r) {
      return failedPlan(service.id, resolution.diagnostics, [
        { src: service.inSegment ?? '', dst: service.outSegment ?? '', condition: heldName(held, service.id, 'forward'), hops: [] },
        { src: service.outSegment ?? '', dst: service.inSegment ?? '', condition: heldName(held, service.id, 'reverse'), hops: [] },
      ]);
    }
    const walks = this.walkBoth(service, r);
    const diagnostics = [...resolution.diagnostics, ...walks.forward.notes, ...walks.reverse.notes];
    const S = r.src.parsed.prefix;
    const D = r.dst.parsed.prefix;
    if (!walks.forward.ok || !walks.reverse.ok) {
      const errors = [walks.forward, walks.reverse].flatMap((w) => (w.ok ? [] : [w.error]));
      return failedPlan(service.id, [...diagnostics, ...errors], [
        { src: S, dst: D, condition: heldName(held, service.id, 'forward'), hops: walks.forward.ok ? toHops(walks.forward.stops) : [] },
        { src: D, dst: S, condition: heldName(held, service.id, 'reverse'), hops: walks.reverse.ok ? toHops(walks.reverse.stops) : [] },
      ]);
    }
    const vlans = service.attributes['vlans'] === true;
    const draft = (direction: Direction, src: string, dst: string, stops: readonly Stop[]): DirectionDraft => {
      const tagged = stops.map((s) => s.role === 'pop' && (vlans || this.pools.has(s.port.id)));
      return { direction, src, dst, stops, drafts: drafts(stops), tagged: tagged.includes(true) ? tagged : null };
    };
    const prepared: Prepared = {
      service,
      diagnostics,
      directions: [draft('forward', S, D, walks.forward.stops), draft('reverse', D, S, walks.reverse.stops)],
    };
    const shapeErrors = this.checkShape(service, prepared.directions[0]).concat(this.checkShape(service, prepared.directions[1]));
    return shapeErrors.length > 0 ? this.failed(prepared, shapeErrors, held) : prepared;
  }

  private walkBoth(service: ServiceDto, r: ResolvedService): { readonly forward: WalkResult; readonly reverse: WalkResult } {
    return {
      forward: this.walker.walk(service.name, 'forward', r.src, r.dst, r.forward),
      reverse: this.walker.walk(service.name, 'reverse', r.dst, r.src, r.reverse),
    };
  }

  /** LOOP: one direction must not filter the same (port, visit) twice; REDIRECT_LIMIT: ≤ 100 rules. */
  private checkShape(service: ServiceDto, d: DirectionDraft): DiagnosticDto[] {
    const errors: DiagnosticDto[] = [];
    const same = (a: Draft, b: Draft): boolean =>
      // With VLANs each PoP visit arrives on its own tag, so only untagged arrivals can collide.
      a.from.port.id === b.from.port.id && d.tagged?.[a.fromAt] !== true && d.tagged?.[b.fromAt] !== true;
    for (let i = 1; i < d.drafts.length && errors.length === 0; i++) {
      const x = d.drafts[i]!;
      let earlier: Draft | undefined;
      for (let j = 0; j < i && !earlier; j++) if (same(d.drafts[j]!, x)) earlier = d.drafts[j];
      if (earlier) {
        const bridge = this.index.bridgeById.get(x.from.port.bridgeId)?.name ?? x.from.port.bridgeId;
        errors.push(
          diag('error', 'LOOP', `${d.direction}: traffic of service '${service.name}' enters port '${x.from.port.name}' of bridge '${bridge}' twice with the same match (first redirected to '${earlier.to.port.name}', then to '${x.to.port.name}'); the first filter always wins, so the packet loops until VTN drops it after ${MAX_REDIRECTIONS} redirections`, {
            elementId: x.from.port.id,
            hint: x.from.pop
              ? `enable VLANs for the service (attributes.vlans = true or a VLAN pool on PoP '${x.from.pop.name}''s port) so each visit is told apart, or reorder the chain`
              : 'reorder the chain so the path does not pass this port twice, or link the bridges so transit avoids it',
          }),
        );
      }
    }
    if (d.drafts.length > MAX_REDIRECTIONS) {
      errors.push(
        diag('error', 'REDIRECT_LIMIT', `${d.direction}: service '${service.name}' needs ${d.drafts.length} redirections; VTN drops a packet after ${MAX_REDIRECTIONS}`, {
          elementId: service.id,
          pointer: d.direction === 'forward' ? '/chain' : '/reverseChain',
          hint: 'shorten the PoP chain or link the bridges directly',
        }),
      );
    }
    return errors;
  }

  /** Condition names, VLAN tags (forward first, visits in order) and filter indices. */
  private allocate(p: Prepared, state: AllocationState): Allocated | { readonly errors: readonly DiagnosticDto[] } {
    const id = p.service.id;
    const held = state.holdings(id);
    const conditionHoldings: ConditionAllocation[] = [];
    const vlanHoldings: VlanAllocation[] = [];
    const indexHoldings: FilterIndexAllocation[] = [];
    const names: string[] = [];
    const tags: [number[], number[]] = [[], []];
    const indices: [number[], number[]] = [[], []];

    for (const { direction } of p.directions) {
      const kept = held.conditions.find((c) => c.direction === direction)?.name;
      let name = kept ?? conditionName(id, direction);
      for (let attempt = 1; kept === undefined && !isFree(state.conditionHolder(name), id); attempt++) {
        name = conditionName(id, direction, attempt);
      }
      names.push(name);
      conditionHoldings.push({ name, serviceId: id, direction });
    }

    for (const k of [0, 1] as const) {
      const d = p.directions[k];
      for (let at = 0; d.tagged !== null && at < d.stops.length; at++) {
        const stop = d.stops[at]!;
        if (d.tagged?.[at] !== true) {
          tags[k].push(0);
          continue;
        }
        const pop = stop.pop!;
        const pool = this.pools.get(stop.port.id) ?? [DEFAULT_VLAN_POOL];
        const previous = nthHeldTag(held.vlans, vlanHoldings, stop.port.id, d.direction, pop.id);
        const tag =
          previous !== undefined && this.tagUsable(state, id, vlanHoldings, pool, stop.port.id, previous)
            ? previous
            : this.lowestTag(state, vlanHoldings, pool, stop.port.id);
        if (tag === undefined) {
          const ranges = pool.map((r) => `${r.first}–${r.last}`).join(', ');
          return {
            errors: [
              diag('error', 'VLAN_EXHAUSTED', `${d.direction}: no free VLAN on port '${stop.port.name}' of PoP '${pop.name}' (pool ${ranges} is fully allocated)`, {
                elementId: stop.port.id,
                hint: `widen the VLAN pool of port '${stop.port.name}' or delete services using PoP '${pop.name}'`,
              }),
            ],
          };
        }
        tags[k].push(tag);
        vlanHoldings.push({ portId: stop.port.id, tag, serviceId: id, direction: d.direction, popId: pop.id });
      }
    }

    for (const k of [0, 1] as const) {
      const d = p.directions[k];
      for (const x of d.drafts) {
        const portId = x.from.port.id;
        const previous = nthHeldIndex(held.filterIndices, indexHoldings, portId, d.direction);
        const index =
          previous !== undefined && !claimedIndex(indexHoldings, portId, previous) && isFree(state.filterHolder(portId, previous), id)
            ? previous
            : state.lowestFreeIndex(portId, indexHoldings);
        if (index === undefined) {
          return {
            errors: [
              diag('error', 'FILTER_INDEX_EXHAUSTED', `${d.direction}: all 65535 flow-filter indices of port '${x.from.port.name}' are taken`, {
                elementId: portId,
                hint: 'delete services that use this port',
              }),
            ],
          };
        }
        indices[k].push(index);
        indexHoldings.push({ portId, index, serviceId: id, direction: d.direction });
      }
    }
    return {
      holdings: { filterIndices: indexHoldings, vlans: vlanHoldings, conditions: conditionHoldings },
      conditions: [names[0]!, names[1]!],
      indices,
      tags,
    };
  }

  private tagUsable(state: AllocationState, id: string, claimed: readonly VlanAllocation[], pool: readonly Range[], portId: string, tag: number): boolean {
    return inPool(pool, tag) && isFree(state.vlanHolder(portId, tag), id) && !claimedTag(claimed, portId, tag);
  }

  /** Lowest tag of the pool nobody holds (the service's own old tags stay for their visits). */
  private lowestTag(state: AllocationState, claimed: readonly VlanAllocation[], pool: readonly Range[], portId: string): number | undefined {
    for (const range of pool) {
      for (let t = range.first; t <= range.last; t++) {
        if (state.vlanHolder(portId, t) === undefined && !claimedTag(claimed, portId, t)) return t;
      }
    }
    return undefined;
  }

  private build(p: Prepared, a: Allocated): PlanDto {
    const id = p.service.id;
    const path = (k: 0 | 1): PathDto => {
      const d = p.directions[k];
      const condition = a.conditions[k];
      const match = { src: d.src, dst: d.dst };
      const rules: RuleDto[] = [];
      d.drafts.forEach((x, seq) => {
        const tag = a.tags[k][x.toAt] ?? 0;
        rules.push({
          serviceId: id,
          direction: d.direction,
          seq,
          bridgeId: x.from.port.bridgeId,
          inPortId: x.from.port.id,
          outPortId: x.to.port.id,
          match,
          condition,
          filterIndex: a.indices[k][seq]!,
          vlan: tag === 0 ? null : tag,
        });
      });
      return { direction: d.direction, src: d.src, dst: d.dst, condition, hops: toHops(d.stops), rules };
    };
    return { serviceId: id, forward: path(0), reverse: path(1), diagnostics: p.diagnostics };
  }

  private failed(p: Prepared, errors: readonly DiagnosticDto[], held: Allocations | AllocationState): PlanDto {
    const id = p.service.id;
    return failedPlan(
      id,
      [...p.diagnostics, ...errors],
      p.directions.map((d) => ({ src: d.src, dst: d.dst, condition: heldName(held, id, d.direction), hops: toHops(d.stops) })),
    );
  }
}

/** Lint over services and their plans, on a fresh planner (see `Planner.lint`). */
export function lintPlans(topology: TopologyDto, plans: readonly PlanDto[], services: readonly ServiceDto[]): DiagnosticDto[] {
  return new Planner(topology).lint(plans, services);
}
