import type { ControllerKindDto, ControllerProfileDto, ControllerProfileInputDto, DriftReportDto, LabFaultDto, PushReportDto, PushRequestDto } from '../../core/contract/api';
import { feedbackFromError, noFeedback, type Feedback, type FormValues } from '../lib/forms';
import type { EngineContext, ProjectContext } from './context';
import type { PlanViewState } from './plan.svelte';
import type { ViewState } from './view.svelte';

/** What the push panel works with. */
export interface PushContext {
  readonly engine: EngineContext;
  readonly project: Pick<ProjectContext, 'refresh'>;
  readonly planView: Pick<PlanViewState, 'serviceId'>;
  readonly view: Pick<ViewState, 'rightTab'>;
}

/** What the push panel can ask a controller. */
export type PushOperation = 'diff' | 'apply' | 'teardown' | 'drift' | 'adopt';

/** What a service's own menu can ask of the push panel. */
export type ServiceAction = 'push' | 'drift' | 'teardown';

/** Pushing plans to SDN controllers: target profiles, dry run, push, teardown, drift, adopt. */
export class PushState {
  private readonly ctx: PushContext;
  profiles = $state.raw<readonly ControllerProfileDto[]>([]);
  private chosenProfile = $state('');
  private chosenService = $state('');
  /** The user's provisioning choice per profile; absent = the profile's default. */
  private provisionChoice = $state.raw<Readonly<Record<string, boolean>>>({});
  /** The tear-down confirmation is showing (nothing is torn down before the user says yes). */
  confirmingTeardown = $state(false);
  report = $state.raw<PushReportDto | null>(null);
  drift = $state.raw<DriftReportDto | null>(null);
  error = $state<string | null>(null);
  busy = $state<PushOperation | null>(null);
  /** Steps applied so far by the running push or teardown (engine `push.didProgress` events). */
  progress = $state.raw<{ readonly done: number; readonly total: number; readonly current: string } | null>(null);
  profileFeedback = $state.raw<Feedback>(noFeedback);
  /** The failure armed on a built-in lab controller for its next push or tear-down. */
  private armed = $state.raw<{ readonly kind: ControllerKindDto; readonly fault: LabFaultDto | null } | null>(null);
  profile = $derived(this.profiles.find((p) => p.id === this.profileId) ?? null);
  /** Whether the chosen target's driver creates forwarding elements (only OpenDaylight VTN does). */
  canProvision = $derived(this.profile?.kind === 'odl-vtn');
  /** The failure armed on the chosen target (a built-in lab), if any. */
  labFault = $derived(this.profile?.builtIn && this.armed?.kind === this.profile.kind ? this.armed.fault : null);

  constructor(ctx: PushContext) {
    this.ctx = ctx;
  }

  /** The chosen target; a report about another target is cleared. */
  get profileId(): string {
    return this.chosenProfile;
  }

  set profileId(id: string) {
    if (id !== this.chosenProfile) this.clearReports();
    this.chosenProfile = id;
  }

  /** The chosen service ('' = every planned service); a report about other services is cleared. */
  get serviceId(): string {
    return this.chosenService;
  }

  set serviceId(id: string) {
    if (id !== this.chosenService) this.clearReports();
    this.chosenService = id;
  }

  /**
   * Whether pushes also create the tenant, vBridges, vInterfaces and port maps: the user's
   * choice for this profile, else the profile's default (the built-in VTN lab starts empty, so
   * it provisions). Always false where the driver cannot provision: an option the target does
   * not have is neither shown nor sent.
   */
  get provision(): boolean {
    if (!this.canProvision) return false;
    return this.provisionChoice[this.profileId] ?? this.profile?.provisionByDefault === true;
  }

  set provision(on: boolean) {
    this.provisionChoice = { ...this.provisionChoice, [this.profileId]: on };
  }

  /** Forgets the reports on screen (the project, service or target changed). */
  clearReports(): void {
    this.report = null;
    this.drift = null;
    this.error = null;
    this.progress = null;
  }

  /** Another project is open: nothing on screen is about it. */
  reset(): void {
    this.chosenService = '';
    this.confirmingTeardown = false;
    this.clearReports();
  }

  /** Loads the profiles (built-in lab controllers first) and picks the first one. */
  async load(): Promise<void> {
    const profiles = await this.ctx.engine.run('Could not list controller profiles', () => this.ctx.engine.rpc.call('controllers.profiles', {}));
    if (!profiles) return;
    this.profiles = profiles;
    if (!profiles.some((p) => p.id === this.profileId)) this.profileId = profiles[0]?.id ?? '';
    if (this.serviceId === '' && this.ctx.planView.serviceId) this.serviceId = this.ctx.planView.serviceId;
  }

  /** Runs one controller operation on the chosen target and services; the report replaces the last. */
  async run(operation: PushOperation): Promise<void> {
    if (!this.profileId) return;
    const req: PushRequestDto = { target: { profileId: this.profileId }, ...(this.serviceId ? { serviceIds: [this.serviceId] } : {}), ...(this.provision ? { provision: true } : {}) };
    this.busy = operation;
    this.error = null;
    this.progress = null;
    try {
      if (operation === 'drift' || operation === 'adopt') {
        this.drift = await this.ctx.engine.rpc.call(operation === 'drift' ? 'push.drift' : 'push.adopt', req);
        this.report = null;
      } else {
        this.report = await this.ctx.engine.rpc.call(operation === 'diff' ? 'push.diff' : operation === 'apply' ? 'push.apply' : 'push.teardown', req);
        this.drift = null;
      }
      await this.ctx.project.refresh();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = null;
    }
    // A rehearsed failure is for one transaction: later pushes talk to a healthy lab again.
    if (this.labFault && (operation === 'apply' || operation === 'teardown')) await this.armLabFault(null);
  }

  /** Arms (or disarms, with null) a failure on the chosen built-in lab controller. */
  async armLabFault(fault: LabFaultDto | null): Promise<void> {
    const profile = this.profile;
    if (!profile?.builtIn) return;
    const armed = await this.ctx.engine.run('Could not set the lab controller\'s failure', () => this.ctx.engine.rpc.call('controllers.setLabFault', { kind: profile.kind, fault }));
    if (armed) this.armed = armed;
  }

  /**
   * Opens the push panel for one service: ready to push, with the tear-down confirmation
   * showing, or running a drift check against the chosen target straight away.
   */
  async forService(serviceId: string, action: ServiceAction): Promise<void> {
    this.serviceId = serviceId;
    this.confirmingTeardown = action === 'teardown';
    this.ctx.view.rightTab = 'push';
    if (action !== 'drift') return;
    if (!this.profileId) await this.load();
    await this.run('drift');
  }

  /** The user confirmed: tears the chosen services down. */
  async confirmTeardown(): Promise<void> {
    this.confirmingTeardown = false;
    await this.run('teardown');
  }

  /** Creates or changes a profile; errors go next to the form's fields. */
  async saveProfile(input: ControllerProfileInputDto, values: FormValues): Promise<boolean> {
    try {
      const saved = await this.ctx.engine.rpc.call('controllers.saveProfile', input);
      this.profileFeedback = noFeedback;
      await this.load();
      this.profileId = saved.id;
      return true;
    } catch (e) {
      this.profileFeedback = feedbackFromError(e, values);
      return false;
    }
  }

  resetProfileFeedback(): void {
    this.profileFeedback = noFeedback;
  }

  async removeProfile(id: string): Promise<void> {
    const profiles = await this.ctx.engine.run('Could not delete the profile', () => this.ctx.engine.rpc.call('controllers.removeProfile', { id }));
    if (!profiles) return;
    this.profiles = profiles;
    if (this.profileId === id) this.profileId = profiles[0]?.id ?? '';
  }
}
