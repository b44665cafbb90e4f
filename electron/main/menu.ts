import type { MenuItemConstructorOptions } from 'electron';

/** What the menu can ask the app to do. */
export interface MenuActions {
  newProject(): void;
  openProject(): void;
  saveProject(): void;
  saveProjectAs(): void;
  undo(): void;
  redo(): void;
  about(): void;
  openDocs(): void;
}

/** The native menu (File, Edit, View, Help) with the usual accelerators. */
export function menuTemplate(actions: MenuActions, isMac: boolean, isDev: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Project', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => actions.saveProject() },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveProjectAs() },
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
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'About WICM Studio', click: () => actions.about() },
        { label: 'Documentation', click: () => actions.openDocs() },
      ],
    },
  ];
}
