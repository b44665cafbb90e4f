import { CoreError, isCoreError } from '../util/core-error';

/** One undo or redo step: the SQL that takes a change back (see `core/store/undo-log.ts`). */
interface Step {
  readonly label: string;
  readonly changes: readonly string[];
  /** Characters of SQL text: what the step costs in memory. */
  readonly size: number;
}

/** Takes a step's changes back and returns the changes that bring them again. */
export type ApplyChanges = (changes: readonly string[]) => readonly string[];

/**
 * Undo/redo over recorded inverse row changes: a step costs the rows its change touched, never
 * the size of the project. Memory is bounded by a budget of SQL text and a number of steps: the
 * oldest steps are dropped first.
 */
export class History {
  private undoStack: Step[] = [];
  private redoStack: Step[] = [];

  constructor(private readonly budgetChars = 128 * 1024 * 1024, private readonly maxSteps = 100) {}

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

  /** Records the changes that take a new change back; a new change clears redo. */
  record(label: string, changes: readonly string[]): void {
    this.undoStack.push(step(label, changes));
    this.redoStack = [];
    this.trim();
  }

  /**
   * Changes made outside any step (layout moves, push states): the next undo or redo takes them
   * back first, as its step was recorded without them. Dropped when there is nothing to undo or redo.
   */
  absorb(changes: readonly string[]): void {
    if (changes.length === 0) return;
    const grow = (stack: Step[]): void => {
      const top = stack.pop();
      if (top) stack.push(step(top.label, [...top.changes, ...changes]));
    };
    grow(this.undoStack);
    grow(this.redoStack);
    this.trim();
  }

  /** Takes the last step back through `apply`; its label, or undefined when nothing to undo. */
  undo(apply: ApplyChanges): string | undefined {
    return move(this.undoStack, this.redoStack, apply, 'undo');
  }

  /** Brings the last undone step back through `apply`; its label, or undefined when nothing to redo. */
  redo(apply: ApplyChanges): string | undefined {
    return move(this.redoStack, this.undoStack, apply, 'redo');
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  private trim(): void {
    let total = [...this.undoStack, ...this.redoStack].reduce((n, s) => n + s.size, 0);
    while (this.undoStack.length > 1 && (total > this.budgetChars || this.undoStack.length > this.maxSteps)) {
      total -= this.undoStack.shift()?.size ?? 0;
    }
  }
}

function step(label: string, changes: readonly string[]): Step {
  return { label, changes, size: changes.reduce((n, s) => n + s.length, 0) };
}

/**
 * Applies the top step of `from` and pushes its inverse on `to`. When `apply` fails (it changes
 * nothing then), `from` is emptied: its older steps build on the one that failed, so each would
 * fail or do harm after it. The steps on `to` still start from the unchanged model and stay.
 */
function move(from: Step[], to: Step[], apply: ApplyChanges, verb: 'undo' | 'redo'): string | undefined {
  const top = from.at(-1);
  if (!top) return undefined;
  let inverse: readonly string[];
  try {
    inverse = apply(top.changes);
  } catch (e) {
    from.length = 0;
    // A constraint the replay broke reads as one a person can act on; anything else is a bug, and its text stays in the details.
    const why = isCoreError(e) ? e.message.replace(/\.$/, '') : 'the project no longer holds what that step changed';
    throw new CoreError('CONFLICT', `Could not ${verb} “${top.label}”: ${why}. Nothing was changed. The ${verb} history is cleared: its earlier steps build on this one.`, {
      reason: e instanceof Error ? e.message : String(e),
    });
  }
  from.pop();
  to.push(step(top.label, inverse));
  return top.label;
}
