import type { EditResultDto } from '../../core/contract/api';
import type { PositionDto } from '../../core/contract/dto';
import type { GraphKind } from '../graph/elements';
import { autoLayout, placeNodes } from '../graph/layout';
import { keepPinned, Occupancy } from '../graph/placement';
import { unpinPositions, unpinScope } from '../graph/pins';
import { feedbackFromDiagnostics, feedbackFromError, noFeedback, FieldError, type Feedback, type FormValues } from '../lib/forms';
import { RpcError } from '../lib/rpc/client';
import type { AddKind, AddMethod, AddRequest } from '../lib/add-forms';
import { poolRange } from '../lib/vlan-pool';
import { idSet } from '../lib/sets';
import type { EngineContext, ProjectContext, ProjectUpdates, SelectionContext } from './context';
import type { ViewState } from './view.svelte';

/** What the editor works with. */
export interface EditorContext {
  readonly engine: EngineContext;
  readonly project: ProjectContext & ProjectUpdates;
  readonly selection: SelectionContext;
  readonly view: Pick<ViewState, 'fitRequest' | 'selected' | 'viewCentre'>;
}

/** Which node kind an add creates (an uplink is a segment drawn as its port's shape). */
const createdKind: Readonly<Record<AddKind, GraphKind>> = { bridge: 'bridge', port: 'port', segment: 'segment', uplink: 'port', pop: 'pop', nap: 'nap', link: 'link' };

/** Errors a form shows inline; anything else (a bug, a lost engine) becomes a toast. */
const inlineCodes = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT']);

/** Topology editing: add, change, delete, link, move, auto-layout; inline feedback per form. */
export class EditorState {
  private readonly ctx: EditorContext;
  /** Drag from port to port draws a link (nodes cannot be moved meanwhile). */
  linkMode = $state(false);
  /** Feedback of the last submitted form, by form id. */
  feedback = $state.raw<{ readonly form: string; readonly value: Feedback } | null>(null);

  constructor(ctx: EditorContext) {
    this.ctx = ctx;
  }

  feedbackOf(form: string): Feedback {
    return this.feedback?.form === form ? this.feedback.value : noFeedback;
  }

  clearFeedback(): void {
    this.feedback = null;
  }

  /** Adds an element from a palette form; selects it. Returns whether it was added. */
  async add(kind: AddKind, build: () => AddRequest, values: FormValues): Promise<boolean> {
    const form = `add-${kind}`;
    const result = await this.submit(form, values, () => addElement(this.ctx.engine, build()));
    if (!result) return false;
    const id = kind === 'uplink' ? (build().req as { portId: string }).portId : result.id;
    if (kind === 'bridge') await this.placeInView(id);
    // Selected and brought into view: a new element never appears off screen.
    this.ctx.selection.select({ kind: createdKind[kind], id }, true);
    return true;
  }

  /** Changes an element's fields from the inspector. */
  async update(kind: GraphKind, id: string, changes: () => Record<string, unknown>, values: FormValues): Promise<boolean> {
    return (await this.submit(`edit-${id}`, values, () => this.ctx.engine.rpc.call('topology.update', { kind, id, changes: changes() }))) !== null;
  }

  /** Sets a port's VLAN pool from its form, or with `values: null` goes back to the default pool. */
  async setVlanPool(portId: string, values: FormValues | null): Promise<boolean> {
    const request = () => this.ctx.engine.rpc.call('topology.setVlanPool', { portId, pool: values ? poolRange(values) : null });
    return (await this.submit(`vlan-${portId}`, values ?? {}, request)) !== null;
  }

  /**
   * A new bridge (it has no ports yet) goes near the selected element, else at the centre of
   * the view, on the nearest spot no other node takes.
   */
  private async placeInView(id: string): Promise<void> {
    const topology = this.ctx.project.topology;
    if (!topology) return;
    const drawn = placeNodes(topology, this.ctx.project.positions);
    const near = this.ctx.selection.current ? drawn.get(this.ctx.selection.current.id) : undefined;
    const want = near ? { x: near.x + 160, y: near.y } : this.ctx.view.viewCentre();
    if (!want) return;
    const taken = new Occupancy(120);
    for (const [other, p] of drawn) if (other !== id) taken.add(p);
    const p = taken.nearestFree(want);
    await this.move([{ elementId: id, x: Math.round(p.x), y: Math.round(p.y) }]);
  }

  /** Deletes the selected element, or every element of a multi-selection as one undo step. */
  async removeSelected(): Promise<void> {
    const many = this.ctx.view.selected;
    if (many.length > 1) {
      await this.ctx.engine.run('Delete failed', async () => {
        const result = await this.ctx.engine.rpc.call('topology.removeMany', { items: many.map((s) => ({ kind: s.kind, id: s.id })) });
        this.ctx.selection.select(null);
        await this.ctx.project.refresh(result.project.revision);
      });
      return;
    }
    const selected = this.ctx.selection.current;
    if (!selected) return;
    await this.ctx.engine.run('Delete failed', async () => {
      const result = await this.ctx.engine.rpc.call('topology.remove', { kind: selected.kind, id: selected.id });
      this.ctx.selection.select(null);
      await this.ctx.project.refresh(result.project.revision);
    });
  }

  /** Links two ports (drag-to-connect or the link form). */
  async link(aPortId: string, bPortId: string): Promise<void> {
    await this.ctx.engine.run('Could not link the ports', async () => {
      const result = await this.ctx.engine.rpc.call('topology.addLink', { aPortId, bPortId });
      await this.ctx.project.refresh(result.project.revision);
      this.ctx.selection.select({ kind: 'link', id: result.id });
    });
  }

  /** Stores positions after a drag (not undoable; never part of plan diffs). */
  async move(positions: readonly PositionDto[]): Promise<void> {
    if (positions.length === 0) return;
    // The engine sends no event for layout moves: keep the local snapshot in step, or the next
    // redraw would put the nodes back where they were.
    this.ctx.project.mergePositions(positions);
    const info = await this.ctx.engine.run('Could not store the layout', () => this.ctx.engine.rpc.call('layout.move', { positions }));
    if (info) this.ctx.project.setProject(info);
  }

  /**
   * Lays the topology out with the bridge-grid layout, keeping what was placed by hand (the
   * positions stored as pinned, so also pins from before the last Save), and
   * stores it as one undoable step (Undo puts the previous layout back).
   */
  async autoLayout(): Promise<void> {
    const topology = this.ctx.project.topology;
    if (!topology) return;
    const stored = this.ctx.project.positions;
    const laid = keepPinned(topology, autoLayout(topology), stored, idSet(stored.filter((p) => p.pinned).map((p) => ({ id: p.elementId }))));
    const positions = [...laid].map(([elementId, p]) => ({ elementId, x: p.x, y: p.y }));
    await this.ctx.engine.run('Auto-layout failed', async () => {
      this.ctx.project.setProject(await this.ctx.engine.rpc.call('layout.arrange', { positions, label: 'auto-layout' }));
      this.ctx.project.mergePositions(positions);
      this.ctx.view.fitRequest += 1;
    });
  }

  /**
   * Unpins elements placed by hand (a bridge with its ports), where they are: auto-layout may
   * move them again. One undoable step; nothing happens when none of them is pinned.
   */
  async unpin(targets: readonly { readonly kind: GraphKind; readonly id: string }[]): Promise<void> {
    const topology = this.ctx.project.topology;
    if (topology) await this.storeUnpinned(unpinPositions(this.ctx.project.positions, unpinScope(topology, targets)));
  }

  /** Unpins every element placed by hand (one undoable step). */
  async unpinAll(): Promise<void> {
    await this.storeUnpinned(unpinPositions(this.ctx.project.positions, null));
  }

  private async storeUnpinned(positions: readonly PositionDto[]): Promise<void> {
    if (positions.length === 0) return;
    const label = positions.length === 1 ? 'unpin 1 node' : `unpin ${positions.length} nodes`;
    await this.ctx.engine.run('Could not unpin', async () => {
      this.ctx.project.setProject(await this.ctx.engine.rpc.call('layout.arrange', { positions, label }));
      this.ctx.project.mergePositions(positions);
    });
  }

  toggleLinkMode(): void {
    this.linkMode = !this.linkMode;
  }

  private async submit(form: string, values: FormValues, action: () => Promise<EditResultDto>): Promise<EditResultDto | null> {
    try {
      const result = await action();
      this.feedback = { form, value: feedbackFromDiagnostics(result.diagnostics, values) };
      await this.ctx.project.refresh(result.project.revision);
      return result;
    } catch (e) {
      if (e instanceof FieldError || (e instanceof RpcError && inlineCodes.has(e.code))) this.feedback = { form, value: feedbackFromError(e, values) };
      else this.ctx.engine.toasts.post('The edit failed', e);
      return null;
    }
  }
}

/** Sends a palette form's add call (each method with its own request type). */
function addElement<M extends AddMethod>(engine: EngineContext, request: AddRequest<M>): Promise<EditResultDto> {
  return engine.rpc.call(request.method, request.req);
}
