import type { ServiceDto } from '../../core/contract/dto';
import { feedbackFromDiagnostics, feedbackFromError, noFeedback, type Feedback, type FormValues } from '../lib/forms';
import { RpcError } from '../lib/rpc/client';
import type { EngineContext, ProjectContext } from './context';
import type { PlanViewState } from './plan.svelte';
import type { ViewState } from './view.svelte';

/** A service being written in the services panel. */
export interface ServiceDraft {
  /** Set when editing an existing service. */
  id: string | null;
  name: string;
  inSegment: string;
  outSegment: string;
  chain: string[];
  hasReverse: boolean;
  reverseChain: string[];
}

/** An empty draft, or one copied from a service. */
export function draftOf(service: ServiceDto | null): ServiceDraft {
  return service
    ? {
        id: service.id,
        name: service.name,
        inSegment: service.inSegment ?? '',
        outSegment: service.outSegment ?? '',
        chain: [...service.chain],
        hasReverse: service.reverseChain !== null,
        reverseChain: [...(service.reverseChain ?? [])],
      }
    : { id: null, name: '', inSegment: '', outSegment: '', chain: [], hasReverse: false, reverseChain: [] };
}

/** What the services panel works with. */
export interface ServicesContext {
  readonly engine: EngineContext;
  readonly project: Pick<ProjectContext, 'snapshot' | 'refresh'>;
  readonly planView: Pick<PlanViewState, 'serviceId' | 'close'>;
  readonly view: Pick<ViewState, 'filterServiceId'>;
}

/** The services panel: list, create / edit form, delete. */
export class ServicesState {
  private readonly ctx: ServicesContext;
  /** The form's content while creating or editing (a local draft, so deep state). */
  draft = $state<ServiceDraft | null>(null);
  feedback = $state.raw<Feedback>(noFeedback);
  list = $derived.by(() => this.ctx.project.snapshot?.services ?? []);

  constructor(ctx: ServicesContext) {
    this.ctx = ctx;
  }

  startNew(): void {
    this.draft = draftOf(null);
    this.feedback = noFeedback;
  }

  startEdit(id: string): void {
    this.draft = draftOf(this.list.find((s) => s.id === id) ?? null);
    this.feedback = noFeedback;
  }

  cancel(): void {
    this.draft = null;
    this.feedback = noFeedback;
  }

  /** Saves the draft through the engine; engine errors show next to their field. */
  async save(): Promise<string | null> {
    const d = this.draft;
    if (!d) return null;
    const values: FormValues = { name: d.name, inSegment: d.inSegment, outSegment: d.outSegment };
    try {
      const result = await this.ctx.engine.rpc.call('services.save', {
        ...(d.id ? { id: d.id } : {}),
        name: d.name.trim(),
        inSegment: d.inSegment.trim() || null,
        outSegment: d.outSegment.trim() || null,
        chain: d.chain,
        reverseChain: d.hasReverse ? d.reverseChain : null,
      });
      this.feedback = feedbackFromDiagnostics(result.diagnostics, values);
      this.draft = null;
      await this.ctx.project.refresh(result.project.revision);
      return result.id;
    } catch (e) {
      if (e instanceof RpcError && e.code !== 'INTERNAL') this.feedback = feedbackFromError(e, values);
      else this.ctx.engine.toasts.post('Could not save the service', e);
      return null;
    }
  }

  async remove(id: string): Promise<void> {
    await this.ctx.engine.run('Could not delete the service', async () => {
      const result = await this.ctx.engine.rpc.call('services.remove', { id });
      if (this.ctx.planView.serviceId === id) this.ctx.planView.close();
      if (this.ctx.view.filterServiceId === id) this.ctx.view.filterServiceId = null;
      await this.ctx.project.refresh(result.project.revision);
    });
  }
}
