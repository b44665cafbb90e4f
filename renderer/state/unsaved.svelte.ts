/** What the person chose when asked about unsaved changes. */
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** The question on screen: what is about to happen, and who waits for the answer. */
export interface UnsavedQuestion {
  /** The project with the unsaved changes. */
  readonly project: string;
  /** What is about to replace it, in words ("open another project"). */
  readonly action: string;
  /** The project has no file yet: Save means Save As. */
  readonly untitled: boolean;
}

/**
 * The "unsaved changes" question (Save / Don't save / Cancel), asked before anything replaces a
 * project with unsaved changes. One question at a time; a second ask cancels the first.
 */
export class UnsavedState {
  question = $state.raw<UnsavedQuestion | null>(null);
  private resolve: ((choice: UnsavedChoice) => void) | null = null;
  /** What to do once a Save As started by the question has saved (null = nothing waits). */
  private afterSave: (() => void | Promise<void>) | null = null;

  /** Shows the question and resolves with the person's choice. */
  ask(question: UnsavedQuestion): Promise<UnsavedChoice> {
    this.resolve?.('cancel');
    this.question = question;
    return new Promise((resolve) => (this.resolve = resolve));
  }

  answer(choice: UnsavedChoice): void {
    const resolve = this.resolve;
    this.resolve = null;
    this.question = null;
    resolve?.(choice);
  }

  /** Keeps `next` until the Save As dialog saved (then `saved()` runs it) or closed. */
  waitForSaveAs(next: () => void | Promise<void>): void {
    this.afterSave = next;
  }

  /** The Save As dialog saved: runs what waited for it. */
  async saved(): Promise<void> {
    const next = this.afterSave;
    this.afterSave = null;
    await next?.();
  }

  /** The Save As dialog closed without saving: what waited for it does not happen. */
  dropWaiting(): void {
    this.afterSave = null;
  }
}
