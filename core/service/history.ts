/**
 * Undo/redo over whole-project snapshots (the bytes of the SQLite database).
 *
 * Snapshots make every model change undoable (imports, bulk edits, topology replacement) with
 * one mechanism and no per-command inverse to get wrong. Memory is bounded by a byte budget:
 * the oldest steps are dropped first.
 */
export class History {
  private undoStack: { readonly label: string; readonly bytes: Uint8Array }[] = [];
  private redoStack: { readonly label: string; readonly bytes: Uint8Array }[] = [];

  constructor(private readonly budgetBytes = 256 * 1024 * 1024, private readonly maxSteps = 100) {}

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** The label of the step undo would take back. */
  get undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null;
  }

  /** The label of the step redo would bring back. */
  get redoLabel(): string | null {
    return this.redoStack.at(-1)?.label ?? null;
  }

  /** Records the state before a change; a new change clears redo. */
  record(label: string, before: Uint8Array): void {
    this.undoStack.push({ label, bytes: before });
    this.redoStack = [];
    this.trim();
  }

  /** Returns the state to restore, given the current one; undefined when nothing to undo. */
  undo(current: Uint8Array): { readonly label: string; readonly bytes: Uint8Array } | undefined {
    const step = this.undoStack.pop();
    if (step) this.redoStack.push({ label: step.label, bytes: current });
    return step;
  }

  redo(current: Uint8Array): { readonly label: string; readonly bytes: Uint8Array } | undefined {
    const step = this.redoStack.pop();
    if (step) this.undoStack.push({ label: step.label, bytes: current });
    return step;
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  private trim(): void {
    let total = this.undoStack.reduce((n, s) => n + s.bytes.length, 0);
    while (this.undoStack.length > 1 && (total > this.budgetBytes || this.undoStack.length > this.maxSteps)) {
      total -= this.undoStack.shift()?.bytes.length ?? 0;
    }
  }
}
