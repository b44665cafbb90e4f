import type { Direction } from '../../core/contract/dto';
import type { GraphKind } from '../graph/elements';
import type { EngineContext, ProjectContext, SelectionContext } from './context';
import type { ViewState } from './view.svelte';

/** What the plan view works with. */
export interface PlanViewContext {
  readonly engine: EngineContext;
  readonly project: Pick<ProjectContext, 'snapshot' | 'plans' | 'refresh'>;
  readonly selection: Pick<SelectionContext, 'select'>;
  readonly view: Pick<ViewState, 'rightTab' | 'flagged' | 'revealElements'>;
  /** The kind of a model id in the current topology, or null. */
  kindOf(id: string): GraphKind | null;
}

/** The plan view: one service's paths, the hop the user stepped to, its rules and lint. */
export class PlanViewState {
  private readonly ctx: PlanViewContext;
  serviceId = $state<string | null>(null);
  direction = $state<Direction>('forward');
  hopIndex = $state(0);
  busy = $state(false);

  service = $derived.by(() => this.ctx.project.snapshot?.services.find((s) => s.id === this.serviceId) ?? null);
  plan = $derived.by(() => this.ctx.project.plans?.plans.find((p) => p.serviceId === this.serviceId) ?? null);
  path = $derived(this.plan ? this.plan[this.direction] : null);
  hops = $derived(this.path?.hops ?? []);
  currentHop = $derived(this.hops[Math.min(this.hopIndex, this.hops.length - 1)] ?? null);
  /** The service's own findings, then the project lint about it or its elements. */
  findings = $derived.by(() => {
    const plan = this.plan;
    if (!plan) return [];
    const ports = [...plan.forward.hops, ...plan.reverse.hops].map((h) => h.portId);
    const lint = (this.ctx.project.plans?.lint ?? []).filter((d) => d.elementId === plan.serviceId || (d.elementId !== undefined && ports.includes(d.elementId)));
    return [...plan.diagnostics, ...lint];
  });

  constructor(ctx: PlanViewContext) {
    this.ctx = ctx;
  }

  /** Plans one service (plan.compute) and shows it. */
  async compute(serviceId: string): Promise<void> {
    this.busy = true;
    await this.ctx.engine.run('Planning failed', async () => {
      const planned = await this.ctx.engine.rpc.call('plan.compute', { serviceIds: [serviceId] });
      await this.ctx.project.refresh(planned.project.revision);
      this.show(serviceId);
    });
    this.busy = false;
  }

  /** Shows a service's stored plan. */
  show(serviceId: string): void {
    this.serviceId = serviceId;
    this.direction = 'forward';
    this.hopIndex = 0;
    this.ctx.view.rightTab = 'plan';
  }

  setDirection(direction: Direction): void {
    this.direction = direction;
    this.hopIndex = 0;
  }

  next(): void {
    this.goTo(this.hopIndex + 1);
  }

  previous(): void {
    this.goTo(this.hopIndex - 1);
  }

  goTo(index: number): void {
    this.hopIndex = Math.max(0, Math.min(this.hops.length - 1, index));
    const hop = this.hops[this.hopIndex];
    if (hop) this.ctx.view.revealElements([hop.portId]);
  }

  /** Highlights the element a finding is about and centres on it. */
  flag(elementId: string | undefined): void {
    if (!elementId) return;
    this.ctx.view.flagged = elementId;
    const kind = this.ctx.kindOf(elementId);
    if (kind) this.ctx.selection.select({ kind, id: elementId }, true);
    else this.ctx.view.revealElements([elementId]);
    this.ctx.view.rightTab = 'plan';
  }

  close(): void {
    this.serviceId = null;
    this.ctx.view.flagged = null;
  }
}
