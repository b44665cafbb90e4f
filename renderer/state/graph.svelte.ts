import type { GraphKind } from '../graph/elements';
import { toElements } from '../graph/elements';
import { decorate, type Highlight } from '../graph/overlay';
import { kindIndex } from '../lib/names';
import { addressMatch, looksLikeAddress, searchTopology, type SearchMatch } from '../lib/search';
import { RpcError } from '../lib/rpc/client';
import { idSet } from '../lib/sets';
import { serviceFocus } from '../lib/service-focus';
import type { AppState, Selection } from './app.svelte';

/** What the graph draws, derived from the model and the view (the canvas only applies it). */
export class GraphState {
  private readonly app: AppState;
  /** Topology elements with positions (recomputed only when the snapshot changes). */
  base = $derived.by(() => this.app.topology ? toElements(this.app.topology, this.app.positions) : []);
  /** The engine's longest-prefix answer for an address typed in the search box, at a revision. */
  private addressHit = $state.raw<{ readonly query: string; readonly revision: number; readonly match: SearchMatch | null } | null>(null);
  /** Where the address in the search box lands, once the engine has answered for this revision. */
  addressAnswer = $derived.by(() => {
    const hit = this.addressHit;
    return hit && hit.query === this.app.view.search && hit.revision === this.app.project?.revision ? hit.match : null;
  });
  matches = $derived.by(() => {
    const local = this.app.topology ? searchTopology(this.app.topology, this.app.view.search) : [];
    const answer = this.addressAnswer;
    return answer ? [answer, ...local.filter((m) => m.id !== answer.id)] : local;
  });
  /** Model id → kind, for lint findings and search results that carry only an id. */
  kinds = $derived.by(() => kindIndex(this.app.topology));
  focus = $derived.by(() => {
    const t = this.app.topology;
    const id = this.app.view.filterServiceId;
    const service = this.app.snapshot?.services.find((s) => s.id === id);
    if (!t || !service) return null;
    return serviceFocus(t, service, this.app.plans?.plans.find((p) => p.serviceId === service.id) ?? null);
  });
  highlight = $derived.by((): Highlight => {
    const plan = this.app.planView.plan;
    const trace = this.app.trace.result;
    return {
      paths: plan ? [plan.forward, plan.reverse] : [],
      currentHop: plan ? { direction: this.app.planView.direction, index: this.app.planView.hopIndex } : null,
      trace: trace ? { hops: trace.hops, delivered: trace.disposition === 'DELIVERED' } : null,
      down: this.app.trace.down,
      matches: idSet(this.matches),
      focus: this.focus,
      flagged: this.app.view.flagged,
    };
  });
  elements = $derived(decorate(this.base, this.highlight));

  constructor(app: AppState) {
    this.app = app;
  }

  /**
   * Asks the engine where an address typed in the search box lands (longest prefix match) and
   * reveals that segment; text that is no whole address asks nothing.
   */
  async lookupAddress(query: string): Promise<void> {
    const revision = this.app.project?.revision ?? -1;
    if (!looksLikeAddress(query) || !this.app.topology) {
      this.addressHit = null;
      return;
    }
    try {
      const lookup = await this.app.client.call('topology.lookup', { address: query.trim() });
      const topology = this.app.topology;
      const match = topology ? addressMatch(lookup, topology) : null;
      this.addressHit = { query, revision, match };
      if (match && this.app.view.search === query) this.app.view.revealElements([match.id]);
    } catch (e) {
      // Out-of-range text ("10.0.0.300") is no address: the local matches stand alone.
      this.addressHit = { query, revision, match: null };
      if (!(e instanceof RpcError && e.code === 'INVALID_INPUT')) this.app.errors.post('Address lookup failed', e);
    }
  }

  kindOf(id: string): GraphKind | null {
    return this.kinds.get(id) ?? null;
  }

  exists(selection: NonNullable<Selection>): boolean {
    return this.kinds.get(selection.id) === selection.kind;
  }
}
