import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options: the security baseline of ARCHITECTURE.md in one place
 * (context isolation, sandbox, no Node in the page), shown only once ready.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'WICM Studio',
    backgroundColor: '#0f172a',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
      enableWebSQL: false,
    },
  };
}

/** Window title: project name, a dirty marker, the product. */
export function windowTitle(projectName: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${projectName} — WICM Studio`;
}
