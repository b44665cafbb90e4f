/** What a key press asks for. */
export type Shortcut = 'undo' | 'redo' | 'save' | 'delete' | 'search' | 'escape' | 'help' | 'copy' | 'paste';

/** The parts of a keyboard event the shortcut table reads. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  /** Focus is in a text field, where keys belong to the field. */
  readonly inTextField: boolean;
}

/**
 * The app's keyboard shortcuts: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Ctrl/Cmd+S
 * save, Ctrl/Cmd+F search, Ctrl/Cmd+C / V copy and paste elements, Delete/Backspace delete the selection, `?` the shortcut sheet, Escape. In a text field
 * only Escape and Ctrl+S count, so typing and the field's own undo keep working.
 */
export function shortcutOf(k: KeyPress): Shortcut | null {
  const mod = k.ctrlKey || k.metaKey;
  const key = k.key.toLowerCase();
  if (key === 'escape') return 'escape';
  if (mod && !k.altKey && key === 's') return 'save';
  if (k.inTextField) return null;
  if (mod && !k.altKey && key === 'z') return k.shiftKey ? 'redo' : 'undo';
  if (mod && !k.altKey && key === 'y') return 'redo';
  if (mod && !k.altKey && key === 'f') return 'search';
  if (mod && !k.altKey && !k.shiftKey && key === 'c') return 'copy';
  if (mod && !k.altKey && !k.shiftKey && key === 'v') return 'paste';
  if (!mod && !k.altKey && (key === 'delete' || key === 'backspace')) return 'delete';
  if (!mod && !k.altKey && k.key === '?') return 'help';
  return null;
}

/** Whether an event target is a field that takes typed text. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(target.type);
}
