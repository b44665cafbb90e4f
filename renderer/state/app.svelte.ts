import { createContext } from 'svelte';
import type { AppInfoDto, PlanSetDto, ProjectInfoDto, RecoveryDto, TopologySnapshotDto } from '../../core/contract/api';
import type { PositionDto } from '../../core/contract/dto';
import { mergePositions } from '../lib/positions';
import type { Client } from '../lib/rpc/client';
import { EditorState } from './editor.svelte';
import { ErrorState } from './errors.svelte';
import { runUiCommand } from './commands';
import { engineContext, type EngineContext, type ProjectContext, type ProjectUpdates, type Selection, type SelectionContext } from './context';
import { ClipboardState } from './clipboard.svelte';
import { CompareState } from './compare.svelte';
import { ExportState } from './export.svelte';
import { GraphState } from './graph.svelte';
import { HelpState } from './help.svelte';
import { InspectorDraft } from './inspector-draft.svelte';
import { FilesState } from './files.svelte';
import { JournalState } from './journal.svelte';
import { UnsavedState } from './unsaved.svelte';
import { ImportState } from './import.svelte';
import { PushState } from './push.svelte';
import { PlanViewState } from './plan.svelte';
import { ServicesState } from './services.svelte';
import { TraceState } from './trace.svelte';
import { LabState } from './lab.svelte';
import { ViewState } from './view.svelte';

export type { Selection } from './context';

/** Name of the performance mark set when the first topology is on screen (read by the bench). */
export const READY_MARK = 'wicm:ready';

/**
 * The app's state: engine info, the current topology snapshot and plans (replaced, never
 * mutated), the selection, and the actions the UI can take. Components call these methods
 * (or those of the feature states below), never the client.
 */
export class AppState {
  readonly client: Client;
  info = $state.raw<AppInfoDto | null>(null);
  snapshot = $state.raw<TopologySnapshotDto | null>(null);
  plans = $state.raw<PlanSetDto | null>(null);
  selection = $state.raw<Selection>(null);
  /** Set by the graph once it has drawn the current snapshot. */
  drawnRevision = $state<number | null>(null);
  loadFailed = $state(false);
  /** Unsaved work a run that stopped left behind, offered once at start (null = none). */
  recovered = $state.raw<RecoveryDto | null>(null);
  readonly errors = new ErrorState();
  readonly unsaved = new UnsavedState();
  readonly help = new HelpState();
  /** Unapplied Inspector edits: leaving them asks first. After Cancel the graph shows the kept selection again. */
  readonly draft = new InspectorDraft(() => (this.view.selected = this.selection ? [this.selection] : []));
  /** The engine as the feature states see it: calls, and toasts for failures. */
  private readonly engine: EngineContext;
  readonly view = new ViewState();
  readonly editor: EditorState;
  readonly clipboard: ClipboardState;
  readonly services: ServicesState;
  readonly planView: PlanViewState;
  readonly trace: TraceState;
  readonly graph: GraphState;
  readonly imports: ImportState;
  readonly exports: ExportState;
  readonly push: PushState;
  readonly compare: CompareState;
  readonly journal: JournalState;
  readonly lab: LabState;
  /** Projects to open: File › Open Recent and the Open dialog (browser mode). */
  readonly files: FilesState;

  project = $derived<ProjectInfoDto | null>(this.snapshot?.project ?? null);
  topology = $derived(this.snapshot?.topology ?? null);
  positions = $derived(this.snapshot?.positions ?? []);
  /** `data-app-state`: ready once the first topology is on screen. */
  readyState = $derived(this.loadFailed ? 'error' : this.drawnRevision !== null ? 'ready' : 'loading');
  /** A dialog is open: the page's own shortcuts wait. */
  get modalOpen(): boolean {
    return this.view.dialog !== null || this.unsaved.question !== null || this.draft.question !== null || this.recovered !== null || this.help.shortcuts || this.journal.open;
  }
  /** Browser mode draws its own menu bar; the desktop app has a native one. */
  get isBrowser(): boolean {
    return this.client.transport === 'http';
  }

  private refreshSeq = 0;
  /** Bumped by each `setProject`: a project info newer than a read still under way. */
  private projectInfoSeq = 0;
  /** Revision of the snapshot last fetched (project.didChange alone does not fetch it). */
  private fetchedRevision = -1;
  private inflight: Promise<void> | null = null;

  constructor(client: Client) {
    this.client = client;
    this.engine = engineContext(client, this.errors);
    this.view.leaveInspector = (next) => this.draft.guard('switch tabs', next);
    // Each feature state gets only the parts of the app it uses (see ./context.ts).
    const project = projectContextOf(this);
    const selection = selectionContextOf(this);
    const { engine, view } = this;
    this.planView = new PlanViewState({ engine, project, selection, view, kindOf: (id) => this.graph.kindOf(id) });
    this.trace = new TraceState({ engine, project, planView: this.planView, view });
    this.compare = new CompareState({ engine, project, view });
    this.graph = new GraphState({ engine, project, planView: this.planView, trace: this.trace, view, compare: this.compare });
    this.editor = new EditorState({ engine, project, selection, view });
    this.clipboard = new ClipboardState({ engine, project, selection, view });
    this.services = new ServicesState({ engine, project, planView: this.planView, view });
    this.imports = new ImportState({ engine, project, view });
    this.exports = new ExportState({ engine, planView: this.planView, view });
    this.push = new PushState({ engine, project, planView: this.planView, view });
    this.journal = new JournalState(engine);
    this.lab = new LabState({ engine, planView: this.planView, view });
    this.files = new FilesState(engine);
  }

  /** Loads engine info and the topology, then follows engine events. */
  async start(): Promise<void> {
    this.client.onEvent((event) => {
      if (event.name === 'topology.didChange') void this.modelChanged(event.payload.revision).catch((e: unknown) => this.errors.post('Could not reload the project', e));
      if (event.name === 'project.didChange') this.setProject(event.payload);
      // A project opened or saved under a new path went to the top of the recent list.
      if (event.name === 'project.didChange' && event.payload.path && this.isBrowser && event.payload.path !== this.files.recent?.projects[0]?.path) void this.files.loadRecent();
      if (event.name === 'push.didProgress') this.push.progress = event.payload;
      if (event.name === 'app.didRequestCommand') runUiCommand(this, event.payload.command, event.payload);
    });
    try {
      this.info = await this.client.call('app.info', {});
      await this.refresh();
    } catch (e) {
      this.loadFailed = true;
      this.errors.post('Could not load the project', e);
      return;
    }
    this.recovered = (await this.run('Could not look for unsaved work', () => this.client.call('recovery.status', {}))) ?? null;
    if (this.isBrowser) await this.files.loadRecent();
  }

  /** The model changed: fetch it; results computed on the old one go. */
  private async modelChanged(revision: number): Promise<void> {
    await this.refresh(revision);
    this.lab.projectChanged();
    await this.trace.projectChanged((id) => this.graph.kindOf(id) !== null);
  }

  /**
   * Runs `next` once the open project's unsaved changes are saved or let go (the person is
   * asked: Save / Don't save / Cancel); nothing happens on Cancel. `action` says in words what
   * is about to replace the project. Resolves to whether `next` ran (or waits for Save As).
   */
  async guardUnsaved(action: string, next: () => void | Promise<void>): Promise<boolean> {
    if (!(await this.draft.ask(action))) return false;
    const project = this.project;
    if (project?.dirty) {
      const choice = await this.unsaved.ask({ project: project.name, action, untitled: !project.path });
      if (choice === 'cancel') return false;
      if (choice === 'save' && !project.path) {
        // Save As first; what was asked for runs once that saved (never if it is cancelled).
        this.unsaved.waitForSaveAs(next);
        this.view.dialog = 'saveAs';
        return false;
      }
      if (choice === 'save') {
        const info = await this.run('Save failed', () => this.client.call('project.save', {}));
        if (!info) return false;
        this.setProject(info);
      }
    }
    await next();
    return true;
  }

  /** Opens the unsaved work an earlier run left behind (after asking about the current changes). */
  async restoreRecovered(): Promise<void> {
    await this.guardUnsaved('restore the unsaved work', async () => {
      const info = await this.run('Could not restore the unsaved work', () => this.client.call('recovery.restore', {}));
      this.recovered = null;
      if (info) await this.afterReplace(info.revision);
    });
  }

  async discardRecovered(): Promise<void> {
    await this.run('Could not remove the unsaved work', () => this.client.call('recovery.discard', {}));
    this.recovered = null;
  }

  /**
   * Brings the snapshot (then the plans) up to `revision`, or refetches when none is given.
   *
   * An edit's reply and the `topology.didChange` event it causes carry the same revision, so
   * whichever arrives second finds it fetched (or being fetched) and sends nothing. A slower,
   * older answer never replaces a newer one; the graph draws as soon as the topology is in.
   */
  async refresh(revision?: number): Promise<void> {
    if (revision !== undefined) {
      await this.inflight?.catch(() => undefined);
      if (this.fetchedRevision >= revision) return;
    }
    const run = this.fetch();
    this.inflight = run;
    try {
      await run;
    } finally {
      if (this.inflight === run) this.inflight = null;
    }
  }

  private async fetch(): Promise<void> {
    const seq = ++this.refreshSeq;
    const plans = this.client.call('plan.get', {});
    // Read the plans' rejection here too, so a failed topology.get does not leave it unhandled.
    plans.catch(() => undefined);
    const infoSeq = this.projectInfoSeq;
    const snapshot = await this.client.call('topology.get', {});
    if (seq !== this.refreshSeq) return;
    // A Save answered while this read was under way changed the project's info (dirty, name)
    // without a new revision: keep that info, not the older one this read carries.
    const newer = this.snapshot?.project;
    const keep = infoSeq !== this.projectInfoSeq && newer !== undefined && newer.revision === snapshot.project.revision;
    this.snapshot = keep ? { ...snapshot, project: newer } : snapshot;
    this.fetchedRevision = snapshot.project.revision;
    if (this.selection && !this.graph.exists(this.selection)) this.selection = null;
    const planSet = await plans;
    if (seq === this.refreshSeq) this.plans = planSet;
  }

  /** Takes the project's name, path, dirty and undo state (the model itself is unchanged). */
  setProject(project: ProjectInfoDto): void {
    this.projectInfoSeq += 1;
    if (this.snapshot) this.snapshot = { ...this.snapshot, project };
  }

  /** Applies moved positions to the local snapshot (the engine stores them without an event). */
  mergePositions(moved: readonly PositionDto[]): void {
    if (!this.snapshot) return;
    this.snapshot = { ...this.snapshot, positions: mergePositions(this.snapshot.positions, moved) };
  }

  /** Selects an element; `reveal` also centres the graph on it (selection from a list or search). */
  select(selection: Selection, reveal = false): void {
    const same = selection?.kind === this.selection?.kind && selection?.id === this.selection?.id;
    if (same) this.showSelection(selection, reveal);
    else this.draft.guard(selection ? 'select another element' : 'close the Inspector', () => this.showSelection(selection, reveal));
  }

  private showSelection(selection: Selection, reveal: boolean): void {
    this.selection = selection;
    if (selection && reveal) this.view.revealElements([selection.id]);
    if (selection) this.view.rightTab = 'inspector';
  }

  markDrawn(revision: number): void {
    if (this.drawnRevision === null && typeof performance !== 'undefined') performance.mark(READY_MARK);
    this.drawnRevision = revision;
  }

  /** Replaces the project with a new one (throws the engine's error for the dialog to show). */
  async newProject(template: 'empty' | 'sample', name?: string): Promise<void> {
    const info = await this.client.call('project.new', { template, ...(name ? { name } : {}) });
    await this.afterReplace(info.revision);
  }

  /** Opens a `.wicm` file on the engine's machine (throws the engine's error for the dialog). */
  async open(path: string): Promise<void> {
    const info = await this.client.call('project.open', { path });
    await this.afterReplace(info.revision);
  }

  async save(): Promise<void> {
    if (!this.project?.path) {
      this.view.dialog = 'saveAs';
      return;
    }
    const info = await this.run('Save failed', () => this.client.call('project.save', {}));
    if (info) this.setProject(info);
  }

  /** Saves to a path on the engine's machine (throws the engine's error for the dialog). */
  async saveAs(path: string): Promise<void> {
    this.setProject(await this.client.call('project.saveAs', { path }));
  }

  async undo(): Promise<void> {
    if (this.project?.canUndo === false) return;
    await this.run('Undo failed', async () => {
      const info = await this.client.call('history.undo', {});
      await this.refresh(info.revision);
      // Undoing an auto-layout moves everything back: show the restored drawing whole.
      if (info.redoLabel === 'auto-layout') this.view.fitRequest += 1;
    });
  }

  async redo(): Promise<void> {
    if (this.project?.canRedo === false) return;
    await this.run('Redo failed', async () => {
      const info = await this.client.call('history.redo', {});
      await this.refresh(info.revision);
    });
  }

  /** Runs an action, posting any error as a toast; returns its result or undefined. */
  run<T>(title: string, action: () => Promise<T>): Promise<T | undefined> {
    return this.engine.run(title, action);
  }

  private async afterReplace(revision: number): Promise<void> {
    this.selection = null;
    this.planView.close();
    this.trace.reset();
    this.lab.reset();
    this.push.reset();
    this.journal.close();
    this.view.filterServiceId = null;
    this.view.search = '';
    this.view.flagged = null;
    await this.refresh(revision);
    this.view.fitRequest += 1;
  }
}

/** The fetched project as the feature states see it (reads stay reactive: they go to `app`). */
function projectContextOf(app: AppState): ProjectContext & ProjectUpdates {
  return {
    get snapshot() {
      return app.snapshot;
    },
    get plans() {
      return app.plans;
    },
    get info() {
      return app.project;
    },
    get topology() {
      return app.topology;
    },
    get positions() {
      return app.positions;
    },
    refresh: (revision) => app.refresh(revision),
    setProject: (info) => app.setProject(info),
    mergePositions: (moved) => app.mergePositions(moved),
  };
}

function selectionContextOf(app: AppState): SelectionContext {
  return {
    get current() {
      return app.selection;
    },
    select: (selected, reveal) => app.select(selected, reveal),
  };
}

/** Typed context pair for the app state. */
export const [getAppState, setAppState] = createContext<AppState>();
