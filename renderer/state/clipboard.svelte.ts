import { placeNodes } from '../graph/layout';
import { copiedNodeIds, pastePositions, type Copied } from '../lib/clipboard';
import type { EngineContext, ProjectContext, ProjectUpdates, SelectionContext } from './context';
import type { ViewState } from './view.svelte';

/** What copy and paste work with. */
export interface ClipboardContext {
  readonly engine: EngineContext;
  readonly project: ProjectContext & ProjectUpdates;
  readonly selection: SelectionContext;
  readonly view: Pick<ViewState, 'selected' | 'revealElements'>;
}

/**
 * Copy and paste of selected elements (Ctrl+C / Ctrl+V, the context menu). The clipboard is the
 * app's own: it holds the copied elements' ids, and a paste copies them as they are then.
 */
export class ClipboardState {
  private readonly ctx: ClipboardContext;
  copied = $state.raw<readonly Copied[]>([]);

  constructor(ctx: ClipboardContext) {
    this.ctx = ctx;
  }

  /** Copies the multi-selection, or the selected element; returns how many were copied. */
  copy(): number {
    const many = this.ctx.view.selected;
    const one = this.ctx.selection.current;
    const items = many.length > 1 ? many : one ? [one] : [];
    if (items.length > 0) this.copied = items.map((s) => ({ kind: s.kind, id: s.id }));
    return items.length;
  }

  /**
   * Pastes copies beside the originals (never on another node) as one undoable step, then
   * selects them and brings them into view.
   */
  async paste(): Promise<void> {
    const topology = this.ctx.project.topology;
    if (this.copied.length === 0 || !topology) return;
    const drawn = placeNodes(topology, this.ctx.project.positions);
    const positions = pastePositions(copiedNodeIds(this.copied, topology), drawn);
    await this.ctx.engine.run('Paste failed', async () => {
      const result = await this.ctx.engine.rpc.call('topology.paste', { items: this.copied, positions });
      await this.ctx.project.refresh(result.project.revision);
      // Select what was copied (not the ports that came with a bridge), and show it.
      const wanted = this.copied.map((c) => c.id);
      const top = result.pasted.filter((p) => wanted.includes(p.from)).map((p) => ({ kind: p.kind, id: p.id }));
      this.ctx.view.selected = top;
      this.ctx.selection.select(top[0] ?? null);
      this.ctx.view.revealElements(result.pasted.map((p) => p.id));
      const warnings = result.diagnostics.filter((d) => d.severity !== 'info' || d.code === 'NOT_PASTED');
      if (warnings.length > 0) this.ctx.engine.toasts.post('Pasted, with warnings', new Error(warnings.map((d) => d.message).join('\n')));
    });
  }
}
