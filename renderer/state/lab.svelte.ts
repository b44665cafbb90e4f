import type { LabProbeDto, LabStatusDto } from '../../core/contract/api';
import type { EngineContext } from './context';
import type { PlanViewState } from './plan.svelte';
import type { ViewState } from './view.svelte';

/** What the Lab tab works with. */
export interface LabContext {
  readonly engine: Pick<EngineContext, 'rpc'>;
  readonly planView: Pick<PlanViewState, 'serviceId'>;
  readonly view: Pick<ViewState, 'rightTab'>;
}

/** A lab action under way (shown with its elapsed time). */
export interface LabBusy {
  readonly action: 'up' | 'down' | 'apply' | 'remove' | 'probe' | 'link' | 'status';
  /** What is happening, in words. */
  readonly text: string;
  readonly startedAt: number;
  /** The service being applied or probed. */
  readonly serviceId: string | null;
}

/** The outcome of the last action, in words. */
export interface LabOutcome {
  readonly ok: boolean;
  readonly text: string;
}

/** The live lab (`lab.*`): status, up/down, applying a service's flows, probes and their counts. */
export class LabState {
  private readonly ctx: LabContext;
  status = $state.raw<LabStatusDto | null>(null);
  busy = $state.raw<LabBusy | null>(null);
  outcome = $state.raw<LabOutcome | null>(null);
  /** The last probe; shown (table and graph) while the plan view shows its service. */
  private probed = $state.raw<LabProbeDto | null>(null);

  constructor(ctx: LabContext) {
    this.ctx = ctx;
  }

  /** Why the lab's buttons are disabled (no lab possible here), or null. */
  get unavailable(): string | null {
    return this.status && !this.status.available ? (this.status.reason ?? 'no live lab can run here') : null;
  }

  /** The lab is up (everything it built runs). */
  get running(): boolean {
    return this.status?.lab?.up === true;
  }

  /** The probe on screen: none once the plan view shows another service (same rule as a trace). */
  get probe(): LabProbeDto | null {
    const probe = this.probed;
    return probe && probe.serviceId === this.ctx.planView.serviceId ? probe : null;
  }

  /** The model changed: a probe answered a question about the old one, so it goes. */
  projectChanged(): void {
    this.probed = null;
  }

  reset(): void {
    this.probed = null;
    this.outcome = null;
  }

  async refresh(): Promise<void> {
    await this.act({ action: 'status', text: 'Reading the lab…', serviceId: null }, async () => {
      this.status = await this.ctx.engine.rpc.call('lab.status', {});
      return null;
    });
  }

  async up(): Promise<void> {
    await this.act({ action: 'up', text: 'Building the lab: namespaces, Open vSwitch daemons, bridges, hosts, PoPs…', serviceId: null }, async () => {
      const r = await this.ctx.engine.rpc.call('lab.up', {});
      this.status = r.status;
      const lab = r.status.lab;
      const what = lab ? `${lab.bridges.length} bridges, ${lab.hosts.length} hosts, ${lab.pops.length} PoPs, ${lab.links.length} links` : '';
      if (r.alreadyUp) return `The lab of this project was already up (${what}).`;
      return `Lab ${lab?.labId ?? ''} up in ${(r.ms / 1000).toFixed(1)} s: ${what}.${r.replaced ? ` A lab that no longer ran as built was removed first (${r.replaced}).` : ''}${r.notes.length ? ` Note: ${r.notes.join('; ')}` : ''}`;
    });
  }

  async down(): Promise<void> {
    await this.act({ action: 'down', text: 'Removing the lab: daemons, namespaces, devices…', serviceId: null }, async () => {
      const r = await this.ctx.engine.rpc.call('lab.down', {});
      this.status = r.status;
      this.probed = null;
      return r.removed.length === 0 ? 'No lab was up: nothing to remove.' : `Lab removed: ${r.removed.length} items (${r.removed.join(', ')}).`;
    });
  }

  /** Puts a service's flows on the lab bridges (or takes them off). */
  async apply(serviceId: string, remove = false): Promise<void> {
    await this.act({ action: remove ? 'remove' : 'apply', text: remove ? 'Removing the service’s flows…' : 'Putting the service’s flows on the lab bridges…', serviceId }, async () => {
      const r = await this.ctx.engine.rpc.call('lab.apply', { serviceIds: [serviceId], remove });
      this.status = await this.ctx.engine.rpc.call('lab.status', {});
      return r.removed ? `Removed the flows of ${r.services.join(', ')} from ${r.bridges} bridges.` : `Applied ${r.flows} flows of ${r.services.join(', ')} to ${r.bridges} bridges (one bundle each).`;
    });
  }

  /** Sends real packets through a service and shows its counts (the plan view follows the service). */
  async probeService(serviceId: string, count = 3): Promise<void> {
    this.ctx.planView.serviceId = serviceId;
    await this.act({ action: 'probe', text: `Sending ${count} pings through the service and back…`, serviceId }, async () => {
      const r = await this.ctx.engine.rpc.call('lab.probe', { serviceId, count });
      this.probed = r;
      this.status = await this.ctx.engine.rpc.call('lab.status', {});
      return { ok: r.delivered, text: r.delivered ? `Delivered: ${r.received}/${r.sent} answered, through every PoP in order both ways (${r.durationMs} ms).` : `Not delivered: ${r.received}/${r.sent} answered. ${[r.forward.stoppedAt && `Forward stopped ${r.forward.stoppedAt}.`, r.reverse.stoppedAt && `Reverse stopped ${r.reverse.stoppedAt}.`].filter(Boolean).join(' ')}` };
    });
  }

  async setLink(linkId: string, up: boolean): Promise<void> {
    await this.act({ action: 'link', text: up ? 'Bringing the link up…' : 'Failing the link…', serviceId: null }, async () => {
      this.status = await this.ctx.engine.rpc.call(up ? 'lab.linkUp' : 'lab.linkDown', { linkId });
      const link = this.status.lab?.links.find((l) => l.id === linkId);
      return `Link ${link?.title ?? linkId} is ${up ? 'up' : 'down'}.`;
    });
  }

  /** Runs one action at a time; its result (or error) becomes the outcome shown. */
  private async act(busy: Omit<LabBusy, 'startedAt'>, work: () => Promise<string | LabOutcome | null>): Promise<void> {
    if (this.busy) return;
    this.busy = { ...busy, startedAt: Date.now() };
    try {
      const result = await work();
      if (result !== null) this.outcome = typeof result === 'string' ? { ok: true, text: result } : result;
    } catch (e) {
      this.outcome = { ok: false, text: e instanceof Error ? e.message : String(e) };
      if (busy.action !== 'status') await this.ctx.engine.rpc.call('lab.status', {}).then((s) => (this.status = s)).catch(() => undefined);
    } finally {
      this.busy = null;
    }
  }
}
