import type { AppState } from '../../state/app.svelte';

/** One command of a menu. */
export interface MenuItemSpec {
  readonly label: string;
  readonly shortcut?: string;
  readonly disabled?: boolean;
  /** What the item would do, in words (the accessible description and tooltip). */
  readonly detail?: string;
  readonly run: () => void;
}

/** A top-level menu. */
export interface MenuSpec {
  readonly label: string;
  readonly items: readonly MenuItemSpec[];
}

/** The in-page menus of browser mode (the desktop app has the native menu instead). */
export function appMenus(app: AppState): MenuSpec[] {
  const project = app.project;
  return [
    {
      label: 'File',
      items: [
        { label: 'New', shortcut: 'Ctrl+N', run: () => void app.guardUnsaved('create a new project', () => void (app.view.dialog = 'new')) },
        { label: 'Open…', shortcut: 'Ctrl+O', run: () => void app.guardUnsaved('open another project', () => void (app.view.dialog = 'open')) },
        ...recentItems(app),
        { label: 'Save', shortcut: 'Ctrl+S', run: () => void app.save() },
        { label: 'Save As…', shortcut: 'Ctrl+Shift+S', run: () => (app.view.dialog = 'saveAs') },
        { label: 'Compare with…', detail: 'Compare a project or topology file with this project', run: () => app.compare.open() },
        { label: 'Import NSR…', run: () => void app.imports.open() },
        { label: 'Export…', run: () => void app.exports.open() },
        { label: 'Push…', run: () => (app.view.rightTab = 'push') },
        { label: 'Push journal…', detail: 'Push transactions with their steps, outcome and rollback', run: () => void app.journal.show() },
      ],
    },
    {
      label: 'Edit',
      items: [
        { label: 'Undo', shortcut: 'Ctrl+Z', disabled: !project?.canUndo, detail: project?.undoLabel ? `Undo ${project.undoLabel}` : undefined, run: () => void app.undo() },
        { label: 'Redo', shortcut: 'Ctrl+Shift+Z', disabled: !project?.canRedo, detail: project?.redoLabel ? `Redo ${project.redoLabel}` : undefined, run: () => void app.redo() },
        { label: 'Copy', shortcut: 'Ctrl+C', disabled: !app.selection, run: () => void app.clipboard.copy() },
        { label: 'Paste', shortcut: 'Ctrl+V', disabled: app.clipboard.copied.length === 0, run: () => void app.clipboard.paste() },
      ],
    },
    {
      label: 'View',
      items: [
        { label: 'Fit', run: () => app.view.fit() },
        { label: 'Zoom in', run: () => app.view.zoomIn() },
        { label: 'Zoom out', run: () => app.view.zoomOut() },
        { label: 'Auto-layout', detail: 'Lay bridges out on a grid, ports in a ring; nodes placed by hand stay put', run: () => void app.editor.autoLayout() },
        unpinAllItem(app),
        { label: 'Theme', shortcut: app.view.theme === 'dark' ? 'dark' : 'light', run: () => app.view.toggleTheme() },
        { label: 'Side panel', shortcut: app.view.panels.left.collapsed ? 'hidden' : 'shown', run: () => app.view.togglePanel('left') },
        { label: 'Details panel', shortcut: app.view.panels.right.collapsed ? 'hidden' : 'shown', run: () => app.view.togglePanel('right') },
        { label: 'WebGL renderer', shortcut: app.view.renderer === 'webgl' ? 'on' : 'off', run: () => app.view.toggleRenderer() },
      ],
    },
    {
      label: 'Help',
      items: [
        { label: 'Keyboard shortcuts', shortcut: '?', run: () => (app.help.shortcuts = true) },
        { label: 'Getting started', run: () => (app.help.intro = true) },
        { label: 'About', run: () => (app.view.dialog = 'about') },
      ],
    },
  ];
}

/** View › Unpin all: lets auto-layout move every node placed by hand again (one undoable step). */
function unpinAllItem(app: AppState): MenuItemSpec {
  const pinned = app.positions.filter((p) => p.pinned).length;
  return {
    label: 'Unpin all',
    disabled: pinned === 0,
    detail: pinned === 0 ? 'No node is pinned: drag a node to place it by hand' : `Unpin the ${pinned} node${pinned === 1 ? '' : 's'} placed by hand, so auto-layout moves them again`,
    run: () => void app.editor.unpinAll(),
  };
}

/** How many recent projects File lists (the Open dialog lists them all). */
export const MENU_RECENT = 5;

/**
 * File › Open Recent: the projects opened last that this server may open, each asking about
 * unsaved changes first; the current project is not offered again.
 */
function recentItems(app: AppState): MenuItemSpec[] {
  const current = app.project?.path ?? null;
  const recent = (app.files.recent?.projects ?? []).filter((p) => p.path !== current).slice(0, MENU_RECENT);
  if (recent.length === 0) return [{ label: 'Open Recent: none yet', disabled: true, detail: 'Projects you open or save appear here', run: () => {} }];
  const labels = new Set<string>();
  return recent.map((p) => {
    // Two projects of the same name (in different folders) get their folder in the label.
    const label = labels.has(p.name) ? `Open Recent: ${p.name} (${p.path})` : `Open Recent: ${p.name}`;
    labels.add(p.name);
    return {
      label,
      detail: p.path,
      run: () =>
        void app.guardUnsaved(`open ${p.name}`, async () => {
          await app.run(`Could not open ${p.name}`, () => app.open(p.path));
        }),
    };
  });
}

/** Index after moving `delta` steps through `count` items, wrapping around. */
export function cycle(index: number, delta: number, count: number): number {
  return count === 0 ? 0 : (((index + delta) % count) + count) % count;
}
