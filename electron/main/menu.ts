import type { MenuItemConstructorOptions } from 'electron';
import type { UiCommand } from '../../core/contract/events';

/** What the menu can ask the app to do. */
export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  saveProject(): void;
  saveProjectAs(): void;
  importNsr(): void;
  /** Picks a project or topology file natively and compares it with the open project. */
  compareWith(): void;
  undo(): void;
  redo(): void;
  /** Hands a command to the UI (export, fit, zoom, theme…). */
  ui(command: UiCommand): void;
  openDocs(): void;
  /** Turns the local server (REST API and /metrics on 127.0.0.1) on or off. */
  toggleLocalServer?(): void;
  /** Copies the local server's API token to the clipboard. */
  copyLocalServerToken?(): void;
}

/** The local server as the menu shows it (see electron/host/local-server.ts). */
export interface MenuServerState {
  readonly enabled: boolean;
  readonly port: number;
  /** Set while it runs. */
  readonly url: string | null;
}

/** File menu items of the local server: a checkbox naming the address, and Copy API Token. */
export function localServerItems(actions: MenuActions, server: MenuServerState): MenuItemConstructorOptions[] {
  const where = server.url === null ? `127.0.0.1:${server.port}` : server.url.replace(/^http:\/\/|\/$/g, '');
  return [
    { type: 'separator' },
    { label: `Serve REST API and /metrics on ${where}`, type: 'checkbox', checked: server.enabled && server.url !== null, click: () => actions.toggleLocalServer?.() },
    { label: 'Copy Local Server API Token', enabled: server.url !== null, click: () => actions.copyLocalServerToken?.() },
  ];
}

/** The native menu (File, Edit, View, Help) with the usual accelerators. */
export function menuTemplate(actions: MenuActions, isMac: boolean, isDev: boolean, recent: readonly string[] = [], server?: MenuServerState): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent projects', enabled: false }]
      : [...recent.map((path) => ({ label: path, click: () => actions.openRecent(path) })), { type: 'separator' }, { label: 'Clear Recent', click: () => actions.clearRecent() }];
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Project', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => actions.saveProject() },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveProjectAs() },
        { type: 'separator' },
        { label: 'Import NSR…', accelerator: 'CmdOrCtrl+I', click: () => actions.importNsr() },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.ui('export') },
        { label: 'Compare with…', click: () => actions.compareWith() },
        { label: 'Push…', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.ui('push') },
        ...(server === undefined ? [] : localServerItems(actions, server)),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.undo() },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => actions.redo() },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: 'Fit', accelerator: 'CmdOrCtrl+0', click: () => actions.ui('fit') },
        { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: () => actions.ui('zoomIn') },
        { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: () => actions.ui('zoomOut') },
        { type: 'separator' },
        { label: 'Toggle Theme', accelerator: 'CmdOrCtrl+Shift+L', click: () => actions.ui('toggleTheme') },
        { label: 'Toggle Side Panel', accelerator: 'CmdOrCtrl+B', click: () => actions.ui('toggleSidePanel') },
        { label: 'Toggle Details Panel', accelerator: 'CmdOrCtrl+Alt+B', click: () => actions.ui('toggleDetailsPanel') },
        { label: 'Toggle WebGL Renderer', click: () => actions.ui('toggleRenderer') },
        { role: 'togglefullscreen' },
        ...(isDev ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'About WICM Studio', click: () => actions.ui('about') },
        { label: 'Documentation', click: () => actions.openDocs() },
      ],
    },
  ];
}
