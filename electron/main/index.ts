// Electron main process: app lifecycle only (single instance, ready, the window, quit). The
// engine runs here (electron/host) and the window talks to it over one IPC channel; the open
// project's menu, dialogs and recent files are desktop-project.ts.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectsDirOf } from '../host/paths';
import { startEngineHost } from '../host/engine-host';
import { localServer } from '../host/local-server';
import { createStderrLogger } from '../host/platform/logger';
import { DesktopProject } from './desktop-project';
import { registerIpc, forwardEvent } from './ipc';
import { saveDownloadsThroughDialog } from './downloads';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { PathGrants } from './path-grants';
import { chooseRendererUrl, installSecurityGuards } from './security';
import { mainWindowOptions } from './window';
import { safeStorageSecretBox } from './secrets';

const withSecretBox = (box: ReturnType<typeof safeStorageSecretBox>) => (box ? { secretBox: box } : {});

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const logger = createStderrLogger();
// The page: app://wicm/index.html, or the dev server only in development (never when packaged).
const renderer = chooseRendererUrl(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
if (renderer.ignored) logger.warn(`${renderer.ignored}; loading the built page instead`);
const appUrl = (): string => renderer.url;
// Must happen before the app is ready: app:// is a standard, secure scheme of its own origin.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
let desktop: DesktopProject | undefined;
let mainWindow: BrowserWindow | null = null;

const isProjectFile = (arg: string): boolean => arg.toLowerCase().endsWith('.wicm');
// A .wicm path on the command line (OS file association) or WICM_PROJECT opens that project.
const projectArg = process.argv.slice(1).find(isProjectFile) ?? process.env.WICM_PROJECT;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', (_event, argv) => {
  const file = argv.find(isProjectFile);
  if (file) void desktop?.open(file);
  mainWindow?.focus();
});

app.on('open-file', (event, path) => {
  event.preventDefault();
  void desktop?.open(path);
});

app.whenReady().then(async () => {
  registerAppProtocol(protocol, rendererDir);
  installSecurityGuards(app, shell, session.defaultSession, appUrl, logger);
  const dataDir = process.env.WICM_HOME ?? app.getPath('userData');
  const host = await startEngineHost({
    mode: 'desktop',
    logger,
    dataDir,
    ...(projectArg ? { projectPath: projectArg } : {}),
    exposeStacks: !app.isPackaged,
    ...withSecretBox(safeStorageSecretBox(safeStorage)),
  });
  // The page reaches other files only through what the user picks in a native dialog.
  const grants = new PathGrants(projectsDirOf(dataDir), () => host.recent.list());
  if (projectArg) grants.grant(projectArg, 'write');
  saveDownloadsThroughDialog(
    session.defaultSession,
    dialog,
    (contents) => (contents ? BrowserWindow.fromWebContents(contents) : null) ?? mainWindow,
    (path) => grants.grant(path, 'write'),
  );
  // Opt-in REST API and /metrics on 127.0.0.1 (File menu), stopped on quit.
  const server = localServer(host, dataDir, logger);
  await server.startIfEnabled();
  app.on('will-quit', () => void server.close());
  desktop = new DesktopProject(host, () => mainWindow, grants, server);
  registerIpc(ipcMain, host.dispatch, { appUrl, paths: grants, logger });
  desktop.listenToPage(ipcMain, appUrl);
  host.onEvent((event) => {
    if (mainWindow) forwardEvent(mainWindow.webContents, event);
  });
  await desktop.installMenu();
  createWindow(desktop);
  await desktop.showOpenedProject();
  app.on('activate', () => {
    if (desktop && BrowserWindow.getAllWindows().length === 0) createWindow(desktop);
  });
}).catch((e: unknown) => {
  logger.error('WICM Studio failed to start', e instanceof Error ? e.stack : e);
  dialog.showErrorBox('WICM Studio failed to start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

function createWindow(project: DesktopProject): void {
  const win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  project.guardClose(win);
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(renderer.url);
}
