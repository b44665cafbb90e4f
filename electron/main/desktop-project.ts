import { app, clipboard, Menu, shell, type BrowserWindow, type IpcMain } from 'electron';
import type { ProjectInfoDto } from '../../core/contract/api';
import type { UiCommand } from '../../core/contract/events';
import type { EngineHost } from '../host/engine-host';
import type { LocalServer } from '../host/local-server';
import { askSaveBeforeClosing, confirmDiscard, pickFileToCompare, pickNsrDocument, pickProjectToOpen, pickSavePath, showError } from './dialogs';
import { closePrompt, PageRequests, parsePendingReport, saveBeforeClosing, type PendingEdits } from './close-guard';
import { forwardEvent } from './ipc';
import { menuTemplate, type MenuActions } from './menu';
import type { PathGrants } from './path-grants';
import { DOCS_URL, isTrustedSender, safeOpenExternal } from './security';
import { windowTitle } from './window';

/**
 * The open project as the desktop shell sees it: the window's title and dirty mark, the native
 * menu (with Open Recent), and the native dialogs of New, Open, Save, Import and closing.
 * Everything it does to the project goes through the engine's dispatcher, like the UI's calls.
 * Each path the user chooses here (a dialog, the OS, a second instance) is granted to the page.
 */
export class DesktopProject {
  private project: ProjectInfoDto | null = null;
  private closingConfirmed = false;
  /** The element whose Inspector edits the page reports as not applied yet (null: none). */
  private inspector: string | null = null;
  private readonly pageRequests = new PageRequests();

  constructor(
    private readonly host: EngineHost,
    private readonly window: () => BrowserWindow | null,
    private readonly grants: PathGrants,
    private readonly server?: LocalServer,
  ) {
    host.onEvent((event) => {
      if (event.name === 'project.didChange') this.update(event.payload);
    });
    host.recent.onChange(() => void this.rebuildMenu());
  }

  /** Sets the native menu, with the recent projects (again whenever that list changes). */
  async installMenu(): Promise<void> {
    await this.rebuildMenu();
  }

  /** Reads the project the engine opened at start and shows it in the window. */
  async showOpenedProject(): Promise<void> {
    const info = await this.call<ProjectInfoDto>('project.info', {});
    if (info) this.update(info);
  }

  /** Opens a project file (Open Recent, a second instance, the OS), after asking about unsaved changes. */
  async open(path: string): Promise<void> {
    this.grants.grant(path, 'write');
    if (this.confirmDiscard()) await this.call('project.open', { path });
  }

  /**
   * Listens to the page's pending-edits reports and its answers to "apply your Inspector edits",
   * from our page's top frame only.
   */
  listenToPage(ipc: Pick<IpcMain, 'on'>, appUrl: () => string): void {
    ipc.on('ui:pending-edits', (event, report: unknown) => {
      if (!isTrustedSender(event.senderFrame, appUrl())) return;
      const parsed = parsePendingReport(report);
      if (parsed) this.inspector = parsed.inspector;
    });
    ipc.on('ui:apply-edits-done', (event, id: unknown, ok: unknown) => {
      if (isTrustedSender(event.senderFrame, appUrl())) this.pageRequests.answer(id, ok);
    });
  }

  /** What closing would lose: the project's unsaved changes and the page's unapplied Inspector edits. */
  get pending(): PendingEdits {
    return { project: this.project?.name ?? 'Untitled', projectDirty: this.project?.dirty ?? false, inspector: this.inspector };
  }

  /**
   * Guards closing the window while something would be lost: the project's unsaved changes or
   * unapplied Inspector edits (Save, or Apply and Save / Don't Save / Cancel).
   */
  guardClose(win: BrowserWindow): void {
    win.on('close', (event) => {
      const prompt = closePrompt(this.pending);
      if (this.closingConfirmed || !prompt) return;
      const choice = askSaveBeforeClosing(win, prompt);
      if (choice === 'discard') return;
      event.preventDefault();
      if (choice === 'cancel') return;
      const steps = {
        applyInspector: () => this.pageRequests.ask((id) => win.webContents.send('ui:apply-edits', id)),
        save: () => this.save(),
      };
      void saveBeforeClosing(this.pending, steps).then((closeNow) => {
        if (!closeNow) return;
        this.closingConfirmed = true;
        win.close();
      });
    });
  }

  private update(info: ProjectInfoDto): void {
    this.project = info;
    const win = this.window();
    if (!win) return;
    win.setTitle(windowTitle(info.name, info.dirty));
    win.setDocumentEdited(info.dirty);
    if (info.path) {
      app.addRecentDocument(info.path);
      // The host lists every project.didChange; the project opened at start sends none.
      void this.host.recent.add(info.path);
    }
  }

  private async call<T>(method: string, req: unknown): Promise<T | null> {
    const reply = await this.host.dispatch(method, req);
    if (reply.ok) return reply.value as T;
    showError('WICM Studio', reply.error.message);
    return null;
  }

  private async save(): Promise<boolean> {
    if (this.project?.path) return (await this.call('project.save', {})) !== null;
    return this.saveAs();
  }

  private async saveAs(): Promise<boolean> {
    const win = this.window();
    if (!win) return false;
    const path = await pickSavePath(win, this.project?.name ?? 'Untitled');
    if (path === null) return false;
    this.grants.grant(path, 'write');
    return (await this.call('project.saveAs', { path })) !== null;
  }

  private confirmDiscard(): boolean {
    const win = this.window();
    return !win || !this.project?.dirty || confirmDiscard(win, this.project.name);
  }

  private uiCommand(command: UiCommand, picked: { file?: { name: string; text: string }; path?: string } = {}): void {
    const win = this.window();
    if (win) forwardEvent(win.webContents, { name: 'app.didRequestCommand', payload: { command, ...picked } });
  }

  private async rebuildMenu(): Promise<void> {
    const recent = await this.host.recent.list();
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(this.menuActions, process.platform === 'darwin', !app.isPackaged, recent, this.server?.status())));
  }

  private readonly menuActions: MenuActions = {
    newProject: () => {
      if (this.confirmDiscard()) void this.call('project.new', { template: 'empty' });
    },
    openProject: async () => {
      const win = this.window();
      if (!win || !this.confirmDiscard()) return;
      const path = await pickProjectToOpen(win);
      if (!path) return;
      this.grants.grant(path, 'read');
      await this.call('project.open', { path });
    },
    openRecent: (path) => void this.open(path),
    clearRecent: () => void this.host.recent.clear(),
    saveProject: () => void this.save(),
    saveProjectAs: () => void this.saveAs(),
    importNsr: async () => {
      const win = this.window();
      const document = win ? await pickNsrDocument(win) : null;
      if (document) this.uiCommand('importNsr', { file: document });
    },
    compareWith: async () => {
      const win = this.window();
      const path = win ? await pickFileToCompare(win) : null;
      if (!path) return;
      // The user picked it: the page may read it for this comparison.
      this.grants.grant(path, 'read');
      this.uiCommand('compare', { path });
    },
    undo: () => void this.call('history.undo', {}),
    redo: () => void this.call('history.redo', {}),
    ui: (command) => this.uiCommand(command),
    openDocs: () => void safeOpenExternal(shell, DOCS_URL),
    toggleLocalServer: () => {
      const server = this.server;
      if (server) void server.setEnabled(server.status().url === null).catch((e: unknown) => showError('Local server', e instanceof Error ? e.message : String(e))).finally(() => void this.rebuildMenu());
    },
    copyLocalServerToken: () => void this.server?.token().then((t) => clipboard.writeText(t)),
  };
}
