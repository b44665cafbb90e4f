import type { GraphKind } from '../graph/elements';
import { toElements } from '../graph/elements';
import { decorate, type Highlight } from '../graph/overlay';
import { kindIndex } from '../lib/names';
import { searchTopology } from '../lib/search';
import { idSet } from '../lib/sets';
import { serviceFocus } from '../lib/service-focus';
import type { AppState, Selection } from './app.svelte';

/** What the graph draws, derived from the model and the view (the canvas only applies it). */
export class GraphState {
  private readonly app: AppState;
  /** Topology elements with positions (recomputed only when the snapshot changes). */
  base = $derived.by(() => this.app.topology ? toElements(this.app.topology, this.app.positions) : []);
  matches = $derived.by(() => this.app.topology ? searchTopology(this.app.topology, this.app.view.search) : []);
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

  kindOf(id: string): GraphKind | null {
    return this.kinds.get(id) ?? null;
  }

  exists(selection: NonNullable<Selection>): boolean {
    return this.kinds.get(selection.id) === selection.kind;
  }
}
