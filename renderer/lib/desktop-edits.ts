/**
 * The desktop close guard's page side. The main process knows whether the project is saved, but
 * not about edits typed into the Inspector and not applied yet: the page reports those (the
 * element, in words, or null) and applies them when the person chose "Apply and Save" on
 * closing the window. The preload exposes it as `window.desktopEdits` (same shape as in
 * electron/preload/index.ts); browser mode has none (its `beforeunload` reads the draft itself).
 */
export interface DesktopEditsApi {
  reportPendingEdits(inspector: string | null): void;
  onApplyRequest(apply: () => Promise<boolean>): () => void;
}

/** What the page's Inspector draft offers the close guard. */
export interface DraftForClose {
  /** The element with unapplied edits, in words, or null when nothing is pending. */
  readonly pendingElement: string | null;
  /** Applies the pending edits; false when the engine refused them (the form shows why). */
  applyNow(): Promise<boolean>;
}

/** `window.desktopEdits` when the preload exposed it (the desktop app), else null. */
export function desktopEdits(win: unknown = globalThis): DesktopEditsApi | null {
  const api = (win as { desktopEdits?: Partial<DesktopEditsApi> }).desktopEdits;
  return api && typeof api.reportPendingEdits === 'function' && typeof api.onApplyRequest === 'function' ? (api as DesktopEditsApi) : null;
}

/**
 * Connects a draft to the desktop's close guard: answers apply requests, and returns the report
 * function to call whenever the draft's pending state changes (it sends only changes).
 */
export function connectDraftToDesktop(api: DesktopEditsApi, draft: DraftForClose): { report: () => void; disconnect: () => void } {
  let last: string | null | undefined;
  const report = (): void => {
    const now = draft.pendingElement;
    if (now === last) return;
    last = now;
    api.reportPendingEdits(now);
  };
  const disconnect = api.onApplyRequest(async () => {
    const ok = await draft.applyNow();
    report();
    return ok;
  });
  return { report, disconnect };
}
