import type { GraphKind } from '../graph/elements';
import { toElements } from '../graph/elements';
import { collapseBridges } from '../graph/collapse';
import { firstCut } from '../graph/facts';
import { decorate, type BrokenPath, type Highlight } from '../graph/overlay';
import { kindIndex } from '../lib/names';
import { addressMatch, looksLikeAddress, searchTopology, type SearchMatch } from '../lib/search';
import { RpcError } from '../lib/rpc/client';
import { idSet } from '../lib/sets';
import { serviceFocus } from '../lib/service-focus';
import type { CompareState } from './compare.svelte';
import type { EngineContext, ProjectContext, Selection } from './context';
import type { PlanViewState } from './plan.svelte';
import type { TraceState } from './trace.svelte';
import type { ViewState } from './view.svelte';

/** What the graph state derives from. */
export interface GraphContext {
  readonly engine: EngineContext;
  readonly project: Pick<ProjectContext, 'snapshot' | 'plans' | 'info' | 'topology' | 'positions'>;
  readonly planView: Pick<PlanViewState, 'plan' | 'direction' | 'hopIndex'>;
  readonly trace: Pick<TraceState, 'result' | 'down' | 'impacts'>;
  readonly view: Pick<ViewState, 'search' | 'filterServiceId' | 'flagged' | 'revealElements' | 'collapsed'>;
  readonly compare: Pick<CompareState, 'marks'>;
}

/** What the graph draws, derived from the model and the view (the canvas only applies it). */
export class GraphState {
  private readonly ctx: GraphContext;
  /** Topology elements with positions (recomputed only when the snapshot changes). */
  base = $derived.by(() => this.ctx.project.topology ? toElements(this.ctx.project.topology, this.ctx.project.positions) : []);
  /** The engine's longest-prefix answer for an address typed in the search box, at a revision. */
  private addressHit = $state.raw<{ readonly query: string; readonly revision: number; readonly match: SearchMatch | null } | null>(null);
  /** Where the address in the search box lands, once the engine has answered for this revision. */
  addressAnswer = $derived.by(() => {
    const hit = this.addressHit;
    return hit && hit.query === this.ctx.view.search && hit.revision === this.ctx.project.info?.revision ? hit.match : null;
  });
  matches = $derived.by(() => {
    const local = this.ctx.project.topology ? searchTopology(this.ctx.project.topology, this.ctx.view.search) : [];
    const answer = this.addressAnswer;
    return answer ? [answer, ...local.filter((m) => m.id !== answer.id)] : local;
  });
  /** Model id → kind, for lint findings and search results that carry only an id. */
  kinds = $derived.by(() => kindIndex(this.ctx.project.topology));
  focus = $derived.by(() => {
    const t = this.ctx.project.topology;
    const id = this.ctx.view.filterServiceId;
    const service = this.ctx.project.snapshot?.services.find((s) => s.id === id);
    if (!t || !service) return null;
    return serviceFocus(t, service, this.ctx.project.plans?.plans.find((p) => p.serviceId === service.id) ?? null);
  });
  /** What-if: the planned paths the down elements break, each cut where it first meets one. */
  broken = $derived.by((): BrokenPath[] => {
    const t = this.ctx.project.topology;
    const impacts = this.ctx.trace.impacts;
    const plans = this.ctx.project.plans?.plans ?? [];
    if (!t || !impacts || impacts.length === 0) return [];
    const out: BrokenPath[] = [];
    for (const impact of impacts) {
      const path = plans.find((p) => p.serviceId === impact.serviceId)?.[impact.direction];
      if (!path) continue;
      const cutAt = firstCut(t, path.hops, this.ctx.trace.down);
      if (cutAt > 0) out.push({ serviceId: impact.serviceId, direction: impact.direction, hops: path.hops, cutAt });
    }
    return out;
  });
  highlight = $derived.by((): Highlight => {
    const plan = this.ctx.planView.plan;
    const trace = this.ctx.trace.result;
    return {
      paths: plan ? [plan.forward, plan.reverse] : [],
      currentHop: plan ? { direction: this.ctx.planView.direction, index: this.ctx.planView.hopIndex } : null,
      trace: trace ? { hops: trace.hops, delivered: trace.disposition === 'DELIVERED' } : null,
      down: this.ctx.trace.down,
      matches: idSet(this.matches),
      focus: this.focus,
      flagged: this.ctx.view.flagged,
      compare: this.ctx.compare.marks,
      broken: this.broken,
    };
  });
  /** The topology as drawn: collapsed bridges stand for their ports. */
  drawnBase = $derived.by(() => collapseBridges(this.base, this.ctx.view.collapsed));
  elements = $derived(decorate(this.drawnBase, this.highlight));

  constructor(ctx: GraphContext) {
    this.ctx = ctx;
  }

  /**
   * Asks the engine where an address typed in the search box lands (longest prefix match) and
   * reveals that segment; text that is no whole address asks nothing.
   */
  async lookupAddress(query: string): Promise<void> {
    const revision = this.ctx.project.info?.revision ?? -1;
    if (!looksLikeAddress(query) || !this.ctx.project.topology) {
      this.addressHit = null;
      return;
    }
    try {
      const lookup = await this.ctx.engine.rpc.call('topology.lookup', { address: query.trim() });
      const topology = this.ctx.project.topology;
      const match = topology ? addressMatch(lookup, topology) : null;
      this.addressHit = { query, revision, match };
      if (match && this.ctx.view.search === query) this.ctx.view.revealElements([match.id]);
    } catch (e) {
      // Out-of-range text ("10.0.0.300") is no address: the local matches stand alone.
      this.addressHit = { query, revision, match: null };
      if (!(e instanceof RpcError && e.code === 'INVALID_INPUT')) this.ctx.engine.toasts.post('Address lookup failed', e);
    }
  }

  kindOf(id: string): GraphKind | null {
    return this.kinds.get(id) ?? null;
  }

  exists(selection: NonNullable<Selection>): boolean {
    return this.kinds.get(selection.id) === selection.kind;
  }
}
