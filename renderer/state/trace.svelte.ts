import type { TraceDto, WhatIfImpactDto } from '../../core/contract/api';
import { sampleAddress } from '../lib/addresses';
import { feedbackFromError, noFeedback, type Feedback } from '../lib/forms';
import { RpcError } from '../lib/rpc/client';
import { noIds, toggled } from '../lib/sets';
import type { EngineContext, ProjectContext } from './context';
import type { PlanViewState } from './plan.svelte';
import type { ViewState } from './view.svelte';

/** What the trace panel works with. */
export interface TraceContext {
  readonly engine: EngineContext;
  readonly project: Pick<ProjectContext, 'topology'>;
  readonly planView: Pick<PlanViewState, 'service'>;
  readonly view: Pick<ViewState, 'rightTab'>;
}

/** Packet trace (sim.trace) and what-if failures (sim.whatIf). */
export class TraceState {
  private readonly ctx: TraceContext;
  src = $state('');
  dst = $state('');
  /** The last trace, and the plan view's service it was run under. */
  private outcome = $state.raw<{ readonly trace: TraceDto; readonly serviceId: string | null } | null>(null);
  /** Model ids of elements marked down. */
  down = $state.raw<ReadonlySet<string>>(noIds);
  impacts = $state.raw<readonly WhatIfImpactDto[] | null>(null);
  feedback = $state.raw<Feedback>(noFeedback);
  busy = $state(false);

  constructor(ctx: TraceContext) {
    this.ctx = ctx;
  }

  /**
   * The trace on screen: none once the plan view shows another service (a result never
   * outlives its context; `projectChanged` clears it when the model changes).
   */
  get result(): TraceDto | null {
    const outcome = this.outcome;
    return outcome && outcome.serviceId === (this.ctx.planView.service?.id ?? null) ? outcome.trace : null;
  }

  /**
   * The model changed (an edit, a plan, undo, another project): the trace answered a question
   * about the old one, so it goes; what-if is recomputed for the elements still there.
   */
  async projectChanged(exists: (id: string) => boolean): Promise<void> {
    this.outcome = null;
    if (this.down.size === 0) return;
    const kept: ReadonlySet<string> = new Set([...this.down].filter(exists)); // eslint-disable-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
    this.down = kept.size === 0 ? noIds : kept;
    this.impacts = null;
    if (kept.size > 0) await this.refreshImpacts();
  }

  /** Opens the trace panel prefilled from the plan view's service, else the project defaults. */
  open(): void {
    this.prefill();
    this.outcome = null;
    this.feedback = noFeedback;
    this.ctx.view.rightTab = 'trace';
  }

  /** Addresses in the plan view's service's segments, else in the project's default segments. */
  prefill(): void {
    const service = this.ctx.planView.service;
    const defaults = this.ctx.project.topology?.defaults;
    this.src = sampleAddress(service?.inSegment ?? defaults?.sourceSegment ?? null);
    this.dst = sampleAddress(service?.outSegment ?? defaults?.targetSegment ?? null);
  }

  async run(): Promise<void> {
    this.busy = true;
    try {
      const serviceId = this.ctx.planView.service?.id ?? null;
      const trace = await this.ctx.engine.rpc.call('sim.trace', { src: this.src.trim(), dst: this.dst.trim(), down: [...this.down] });
      this.outcome = { trace, serviceId };
      this.feedback = noFeedback;
    } catch (e) {
      if (e instanceof RpcError && e.code === 'INVALID_INPUT') this.feedback = feedbackFromError(e, { src: this.src, dst: this.dst });
      else this.ctx.engine.toasts.post('Trace failed', e);
    } finally {
      this.busy = false;
    }
  }

  /** Marks an element down (or up again), then recomputes what-if and any shown trace. */
  async toggleDown(id: string): Promise<void> {
    this.down = toggled(this.down, id);
    await this.refreshImpacts();
  }

  async refreshImpacts(): Promise<void> {
    if (this.down.size === 0) this.impacts = null;
    else this.impacts = (await this.ctx.engine.run('What-if failed', () => this.ctx.engine.rpc.call('sim.whatIf', { down: [...this.down] }))) ?? null;
    if (this.outcome) await this.run();
  }

  clear(): void {
    this.outcome = null;
  }

  reset(): void {
    this.outcome = null;
    this.down = noIds;
    this.impacts = null;
  }
}
