const INTRO_KEY = 'wicm.introDismissed';

function introDismissed(): boolean {
  try {
    return globalThis.localStorage?.getItem(INTRO_KEY) === '1';
  } catch {
    return false;
  }
}

/** The keyboard-shortcut sheet and the getting-started panel shown on first run. */
export class HelpState {
  /** The shortcut sheet is open. */
  shortcuts = $state(false);
  /** The getting-started panel shows (until dismissed once; remembered). */
  intro = $state(!introDismissed());

  dismissIntro(): void {
    this.intro = false;
    try {
      globalThis.localStorage?.setItem(INTRO_KEY, '1');
    } catch {
      // Storage can be off (private mode): the panel stays closed for this session.
    }
  }
}

/** One row of the shortcut sheet. */
export interface ShortcutRow {
  readonly keys: string;
  readonly action: string;
}

/** The shortcuts the app answers to (renderer/lib/shortcuts.ts, the menus and the graph). */
export const SHORTCUTS: readonly { readonly group: string; readonly rows: readonly ShortcutRow[] }[] = [
  {
    group: 'Project',
    rows: [
      { keys: 'Ctrl+S', action: 'Save (Save As for a new project)' },
      { keys: 'Ctrl+Z', action: 'Undo' },
      { keys: 'Ctrl+Shift+Z or Ctrl+Y', action: 'Redo' },
    ],
  },
  {
    group: 'Graph',
    rows: [
      { keys: 'Ctrl+F', action: 'Search by name, prefix or address' },
      { keys: 'Delete or Backspace', action: 'Delete the selected element' },
      { keys: 'Ctrl+C / Ctrl+V', action: 'Copy the selected elements / paste copies beside them' },
      { keys: 'Escape', action: 'Leave link mode, or clear the selection' },
    ],
  },
  {
    group: 'Help',
    rows: [
      { keys: '?', action: 'This list of shortcuts' },
      { keys: 'Tab / Shift+Tab', action: 'Move between controls; dialogs keep focus inside' },
    ],
  },
];
