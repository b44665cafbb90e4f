/**
 * What closing the desktop window would lose, and what to ask about it. The main process knows
 * the project's unsaved state from the engine; only the page knows about edits typed into the
 * Inspector and not applied yet, so the page reports them (preload channel `ui:pending-edits`).
 * Pure: no `electron` import, so the decisions are tested in Node (test/unit/electron).
 */

/** What would be lost if the window closed now. */
export interface PendingEdits {
  /** The open project's name, as the title bar shows it. */
  readonly project: string;
  /** The project has changes not saved to its file. */
  readonly projectDirty: boolean;
  /** The element whose Inspector edits are not applied yet, in words ("PoP pop-athens"), or null. */
  readonly inspector: string | null;
}

/** The question the close prompt asks; button order is always [go ahead, Don't save, Cancel]. */
export interface ClosePrompt {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly [string, string, string];
}

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** Whether there is anything to lose. */
export function hasPendingEdits(p: PendingEdits): boolean {
  return p.projectDirty || p.inspector !== null;
}

/** The prompt for what is pending, or null when the window may close without asking. */
export function closePrompt(p: PendingEdits): ClosePrompt | null {
  if (p.inspector !== null) {
    return {
      message: `Apply your changes to ${p.inspector} and save "${p.project}" before closing?`,
      detail: `The Inspector has changes to ${p.inspector} that are not applied yet${p.projectDirty ? ', and the project has unsaved changes' : ''}. They will be lost if you don’t save them.`,
      buttons: ['Apply and Save', "Don't Save", 'Cancel'],
    };
  }
  if (!p.projectDirty) return null;
  return {
    message: `Save changes to "${p.project}" before closing?`,
    detail: 'Your changes will be lost if you don’t save them.',
    buttons: ['Save', "Don't Save", 'Cancel'],
  };
}

/** What the close needs done, in order; each resolves false when it did not happen. */
export interface CloseSteps {
  /** Asks the page to apply its Inspector edits; false when the engine refused them (the page shows why). */
  readonly applyInspector: () => Promise<boolean>;
  /** Saves the project (Save As when it has no file yet); false when not saved. */
  readonly save: () => Promise<boolean>;
}

/**
 * Carries out "Save" (or "Apply and Save"): applies pending Inspector edits first, then saves.
 * Resolves true when the window may close now, false when it must stay open (a refused edit, a
 * failed or cancelled save: nothing is lost silently).
 */
export async function saveBeforeClosing(p: PendingEdits, steps: CloseSteps): Promise<boolean> {
  if (p.inspector !== null && !(await steps.applyInspector())) return false;
  return steps.save();
}

/** Reads the page's report, refusing anything but `{ inspector: string | null }` (the page is not trusted to send more). */
export function parsePendingReport(value: unknown): { inspector: string | null } | null {
  if (typeof value !== 'object' || value === null) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'inspector') return null;
  const inspector = (value as { inspector: unknown }).inspector;
  if (inspector === null) return { inspector: null };
  if (typeof inspector !== 'string' || inspector.length === 0 || inspector.length > 300) return null;
  return { inspector };
}

/**
 * Requests to the page ("apply your Inspector edits") and their answers, matched by a number.
 * A page that does not answer within `timeoutMs` counts as "not applied": the window stays open
 * rather than hanging or closing on edits it could not apply.
 */
export class PageRequests {
  private next = 1;
  private readonly waiting = new Map<number, (ok: boolean) => void>();

  constructor(private readonly timeoutMs = 10_000) {}

  /** Sends a request through `send(id)` and resolves with the page's answer. */
  ask(send: (id: number) => void): Promise<boolean> {
    const id = this.next++;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => this.answer(id, false), this.timeoutMs);
      this.waiting.set(id, (ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
      send(id);
    });
  }

  /** The page answered request `id`; unknown ids and non-boolean answers are ignored / false. */
  answer(id: unknown, ok: unknown): void {
    if (typeof id !== 'number') return;
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(ok === true);
  }
}
