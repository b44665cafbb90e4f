/** How the person answered the "unapplied edits" question. */
export type DraftChoice = 'apply' | 'discard' | 'cancel';

/** The question on screen: what the edits are about and what waits for the answer. */
export interface DraftQuestion {
  /** The element being edited, in words ("PoP pop-athens"). */
  readonly element: string;
  /** What is about to happen, in words ("select another element"). */
  readonly action: string;
}

/**
 * Edits typed into the Inspector but not applied yet. Whatever would drop them (another
 * selection, another tab, closing the page) goes through `guard`, which asks first:
 * Apply / Discard / Cancel. Cancel keeps the edits and everything as it was.
 */
export class InspectorDraft {
  question = $state.raw<DraftQuestion | null>(null);
  /** Set by the Inspector's form: its values differ from the model's. */
  dirty = $state(false);
  /** The element the form edits, in words (for the question). */
  private element = '';
  private apply: (() => Promise<boolean>) | null = null;
  private proceed: (() => void) | null = null;
  private cancelled: (() => void) | null = null;
  /** Called after Cancel, so a view that already moved on (the graph's highlight) moves back. */
  private readonly onCancel: () => void;

  constructor(onCancel: () => void) {
    this.onCancel = onCancel;
  }

  /** The Inspector's form says what it edits and how to apply it; `null` when it goes away. */
  register(form: { readonly element: string; readonly apply: () => Promise<boolean> } | null): void {
    this.element = form?.element ?? '';
    this.apply = form?.apply ?? null;
    if (!form) this.dirty = false;
  }

  /** Whether unapplied edits would be lost. */
  get pending(): boolean {
    return this.dirty && this.apply !== null;
  }

  /** The element with unapplied edits, in words ("PoP pop-athens"), or null when none are pending. */
  get pendingElement(): string | null {
    return this.pending ? this.element || 'the selected element' : null;
  }

  /**
   * Applies the pending edits without asking (the desktop's "Apply and Save" on closing).
   * True when nothing was pending or they applied; false when the engine refused them (they
   * stay in the form with the engine's message).
   */
  async applyNow(): Promise<boolean> {
    if (!this.pending) return true;
    if (!(await this.apply!())) return false;
    this.dirty = false;
    return true;
  }

  /** Runs `next` now, or once the person chose Apply (and it applied) or Discard. */
  guard(action: string, next: () => void, cancelled?: () => void): void {
    if (!this.pending) return next();
    this.cancelled?.();
    this.proceed = next;
    this.cancelled = cancelled ?? null;
    this.question = { element: this.element, action };
  }

  /** Asks (when edits are pending) and resolves true once it may go on, false after Cancel. */
  ask(action: string): Promise<boolean> {
    return new Promise((resolve) => this.guard(action, () => resolve(true), () => resolve(false)));
  }

  async answer(choice: DraftChoice): Promise<void> {
    const [next, cancelled] = [this.proceed, this.cancelled];
    this.proceed = null;
    this.cancelled = null;
    this.question = null;
    const stay = (): void => {
      this.onCancel();
      cancelled?.();
    };
    if (!next) return;
    if (choice === 'cancel') return stay();
    // A refused edit stays in the form with the engine's message next to its field.
    if (choice === 'apply' && !(await this.apply?.())) return stay();
    this.dirty = false;
    next();
  }
}
