import { createContext } from 'svelte';
import type { AppInfoDto, ProjectInfoDto, TopologySnapshotDto } from '../../core/contract/api';
import type { Client } from '../lib/rpc/client';
import { ErrorState } from './errors.svelte';

/** Element the side panel or the graph selected (model id), or null. */
export type Selection = { readonly kind: 'bridge' | 'port' | 'segment' | 'pop' | 'nap'; readonly id: string } | null;

/**
 * The app's state: engine info, the current topology snapshot (replaced, never mutated), the
 * selection, and the actions the UI can take. Components call these methods, never the client.
 */
export class AppState {
  info = $state.raw<AppInfoDto | null>(null);
  snapshot = $state.raw<TopologySnapshotDto | null>(null);
  selection = $state.raw<Selection>(null);
  /** Set by the graph once it has drawn the current snapshot. */
  drawnRevision = $state<number | null>(null);
  loadFailed = $state(false);
  readonly errors = new ErrorState();

  project = $derived<ProjectInfoDto | null>(this.snapshot?.project ?? null);
  /** `data-app-state`: ready once the first topology is on screen. */
  readyState = $derived(this.loadFailed ? 'error' : this.drawnRevision !== null ? 'ready' : 'loading');

  constructor(readonly client: Client) {}

  /** Loads engine info and the topology, then follows engine events. */
  async start(): Promise<void> {
    this.client.onEvent((event) => {
      if (event.name === 'topology.didChange') void this.refresh();
      if (event.name === 'project.didChange' && this.snapshot) this.snapshot = { ...this.snapshot, project: event.payload };
    });
    try {
      this.info = await this.client.call('app.info', {});
      await this.refresh();
    } catch (e) {
      this.loadFailed = true;
      this.errors.post('Could not load the project', e);
    }
  }

  async refresh(): Promise<void> {
    this.snapshot = await this.client.call('topology.get', {});
  }

  select(selection: Selection): void {
    this.selection = selection;
  }

  markDrawn(revision: number): void {
    this.drawnRevision = revision;
  }

  async save(): Promise<void> {
    await this.run('Save failed', () => this.client.call('project.save', {}));
  }

  async undo(): Promise<void> {
    await this.run('Undo failed', () => this.client.call('history.undo', {}));
  }

  async redo(): Promise<void> {
    await this.run('Redo failed', () => this.client.call('history.redo', {}));
  }

  private async run(title: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.errors.post(title, e);
    }
  }
}

/** Typed context pair for the app state. */
export const [getAppState, setAppState] = createContext<AppState>();
