// Electron main process: lifecycle only. The engine runs here (electron/host); the window
// talks to it over one IPC channel.
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProjectInfoDto } from '../../core/contract/api';
import type { UiCommand } from '../../core/contract/events';
import { MAX_INPUT_BYTES, MAX_INPUT_LABEL } from '../../core/contract/limits';
import { writeFileAtomic } from '../host/platform/node-files';
import { startEngineHost, type EngineHost } from '../host/engine-host';
import { createStderrLogger } from '../host/platform/logger';
import { registerIpc, forwardEvent } from './ipc';
import { menuTemplate, type MenuActions } from './menu';
import { saveDownloadsThroughDialog } from './downloads';
import { installSecurityGuards, safeOpenExternal } from './security';
import { mainWindowOptions, windowTitle } from './window';
import { safeStorageSecretBox } from './secrets';

const withSecretBox = (box: ReturnType<typeof safeStorageSecretBox>) => (box ? { secretBox: box } : {});

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererFile = join(here, '../renderer/index.html');
const appUrl = (): string => process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererFile).href;
const logger = createStderrLogger();
let host: EngineHost | undefined;
let mainWindow: BrowserWindow | null = null;
let project: ProjectInfoDto | null = null;
let closingConfirmed = false;

// A .wicm path on the command line (OS file association) or WICM_PROJECT opens that project.
const projectArg = process.argv.slice(1).find((a) => a.toLowerCase().endsWith('.wicm')) ?? process.env.WICM_PROJECT;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', (_event, argv) => {
  const file = argv.find((a) => a.toLowerCase().endsWith('.wicm'));
  if (file) void openPath(file);
  mainWindow?.focus();
});

app.on('open-file', (event, path) => {
  event.preventDefault();
  if (host) void openPath(path);
});

app.whenReady().then(async () => {
  installSecurityGuards(app, shell, session.defaultSession, appUrl);
  saveDownloadsThroughDialog(session.defaultSession, dialog, (contents) => (contents ? BrowserWindow.fromWebContents(contents) : null) ?? mainWindow);
  host = await startEngineHost({
    mode: 'desktop',
    logger,
    dataDir: process.env.WICM_HOME ?? app.getPath('userData'),
    ...(projectArg ? { projectPath: projectArg } : {}),
    exposeStacks: !app.isPackaged,
    ...withSecretBox(safeStorageSecretBox(safeStorage)),
  });
  registerIpc(ipcMain, host.dispatch, appUrl);
  host.onEvent((event) => {
    if (event.name === 'project.didChange') updateProject(event.payload);
    if (mainWindow) forwardEvent(mainWindow.webContents, event);
  });
  rebuildMenu();
  createWindow();
  project = await call('project.info', {});
  if (project) updateProject(project);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}).catch((e: unknown) => {
  logger.error('WICM Studio failed to start', e instanceof Error ? e.stack : e);
  dialog.showErrorBox('WICM Studio failed to start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    if (closingConfirmed || !project?.dirty) return;
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['Save', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      message: `Save changes to "${project.name}" before closing?`,
      detail: 'Your changes will be lost if you don’t save them.',
    });
    if (choice === 2) {
      event.preventDefault();
    } else if (choice === 0) {
      event.preventDefault();
      void saveProject().then((saved) => {
        if (saved) {
          closingConfirmed = true;
          win.close();
        }
      });
    }
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(rendererFile);
}

function updateProject(info: ProjectInfoDto): void {
  project = info;
  if (!mainWindow) return;
  mainWindow.setTitle(windowTitle(info.name, info.dirty));
  mainWindow.setDocumentEdited(info.dirty);
  if (info.path) {
    app.addRecentDocument(info.path);
    rememberRecent(info.path);
  }
}

async function call<T>(method: string, req: unknown): Promise<T | null> {
  if (!host) return null;
  const reply = await host.dispatch(method, req);
  if (reply.ok) return reply.value as T;
  dialog.showErrorBox('WICM Studio', reply.error.message);
  return null;
}

async function saveProject(): Promise<boolean> {
  if (project?.path) return (await call('project.save', {})) !== null;
  return saveProjectAs();
}

async function saveProjectAs(): Promise<boolean> {
  if (!mainWindow) return false;
  const result = await dialog.showSaveDialog(mainWindow, {
    title: 'Save project',
    defaultPath: `${project?.name ?? 'Untitled'}.wicm`,
    filters: [{ name: 'WICM project', extensions: ['wicm'] }],
  });
  if (result.canceled || !result.filePath) return false;
  return (await call('project.saveAs', { path: result.filePath })) !== null;
}

function confirmDiscard(): boolean {
  if (!mainWindow || !project?.dirty) return true;
  const choice = dialog.showMessageBoxSync(mainWindow, {
    type: 'warning',
    buttons: ['Discard changes', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `"${project.name}" has unsaved changes.`,
  });
  return choice === 0;
}

function uiCommand(command: UiCommand, file?: { name: string; text: string }): void {
  if (mainWindow) forwardEvent(mainWindow.webContents, { name: 'app.didRequestCommand', payload: file ? { command, file } : { command } });
}

async function openPath(path: string): Promise<void> {
  if (confirmDiscard()) await call('project.open', { path });
}

function rebuildMenu(): void {
  const recent = readRecent();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(menuActions, process.platform === 'darwin', !app.isPackaged, recent)));
}

const recentFile = (): string => join(process.env.WICM_HOME ?? app.getPath('userData'), 'recent.json');

function readRecent(): string[] {
  try {
    const list = JSON.parse(readFileSync(recentFile(), 'utf8')) as unknown;
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string').slice(0, 10) : [];
  } catch {
    return [];
  }
}

function rememberRecent(path: string): void {
  const list = [path, ...readRecent().filter((p) => p !== path)].slice(0, 10);
  void writeFileAtomic(recentFile(), new TextEncoder().encode(JSON.stringify(list))).then(rebuildMenu, () => undefined);
}

const menuActions: MenuActions = {
  newProject: () => {
    if (confirmDiscard()) void call('project.new', { template: 'empty' });
  },
  openProject: async () => {
    if (!mainWindow || !confirmDiscard()) return;
    const result = await dialog.showOpenDialog(mainWindow, {
      title: 'Open project',
      properties: ['openFile'],
      filters: [
        { name: 'WICM project', extensions: ['wicm'] },
        { name: 'demi-wicm database', extensions: ['db', 'sqlite'] },
      ],
    });
    const file = result.filePaths[0];
    if (!result.canceled && file) await call('project.open', { path: file });
  },
  openRecent: (path) => void openPath(path),
  clearRecent: () => void writeFileAtomic(recentFile(), new TextEncoder().encode('[]')).then(rebuildMenu),
  saveProject: () => void saveProject(),
  saveProjectAs: () => void saveProjectAs(),
  importNsr: async () => {
    if (!mainWindow) return;
    const result = await dialog.showOpenDialog(mainWindow, {
      title: 'Import NSR',
      properties: ['openFile'],
      filters: [{ name: 'NSR / WICM request (JSON)', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }],
    });
    const file = result.filePaths[0];
    if (result.canceled || !file) return;
    const size = statSync(file).size;
    if (size > MAX_INPUT_BYTES) {
      dialog.showErrorBox('Import NSR', `${file} is ${Math.round(size / 1024 / 1024)} MB; NSR documents over ${MAX_INPUT_LABEL} are refused.`);
      return;
    }
    uiCommand('importNsr', { name: basename(file), text: readFileSync(file, 'utf8') });
  },
  undo: () => void call('history.undo', {}),
  redo: () => void call('history.redo', {}),
  ui: (command) => uiCommand(command),
  openDocs: () => void safeOpenExternal(shell, 'https://github.com/wicm-studio/wicm-studio#readme'),
};
