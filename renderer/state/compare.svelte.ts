import type { ProjectDiffDto } from '../../core/contract/api';
import type { DiffMark } from '../graph/overlay';
import { diffMarksOf, unmarked } from '../lib/diff-marks';
import { kindIndex } from '../lib/names';
import type { EngineContext, ProjectContext } from './context';
import type { ViewState } from './view.svelte';

/** What "Compare with…" works with. */
export interface CompareContext {
  readonly engine: EngineContext;
  readonly project: Pick<ProjectContext, 'topology'>;
  readonly view: Pick<ViewState, 'dialog'>;
}

/**
 * "Compare with…": the diff of a project or topology file (A, before) with the open project
 * (B, after), and the graph marks it gives (added, changed, removed) until cleared.
 */
export class CompareState {
  private readonly ctx: CompareContext;
  path = $state('');
  diff = $state.raw<ProjectDiffDto | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** Model id → mark, for the elements of the open project that differ. */
  marks = $derived.by((): ReadonlyMap<string, DiffMark> => {
    const kinds = kindIndex(this.ctx.project.topology);
    return diffMarksOf(this.diff, (id) => kinds.has(id));
  });
  /** Differences the graph cannot draw (listed instead). */
  listed = $derived(unmarked(this.diff, this.marks));

  constructor(ctx: CompareContext) {
    this.ctx = ctx;
  }

  open(): void {
    this.error = null;
    this.ctx.view.dialog = 'compare';
  }

  /** Opens the dialog on a file picked elsewhere (the desktop's native picker) and compares it. */
  async openWith(path: string): Promise<boolean> {
    this.path = path;
    this.open();
    return this.compare(path);
  }

  /** Compares the file at `path` with the open project; keeps the previous diff on failure. */
  async compare(path: string): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      this.diff = await this.ctx.engine.rpc.call('project.compare', { path });
      this.path = path;
      return true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  clear(): void {
    this.diff = null;
  }
}
