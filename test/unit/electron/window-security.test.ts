import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { installSecurityGuards, isAppUrl, isAllowedExternalUrl, isTrustedSender, safeOpenExternal } from '../../../electron/main/security';
import { mainWindowOptions, windowTitle } from '../../../electron/main/window';
import { menuTemplate } from '../../../electron/main/menu';

describe('main window options', () => {
  it('keep the security baseline', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
    });
    expect(options.webPreferences).not.toHaveProperty('webSecurity');
  });

  it('title shows the project and a dirty marker', () => {
    expect(windowTitle('Sample WAN', false)).toBe('Sample WAN — WICM Studio');
    expect(windowTitle('Sample WAN', true)).toBe('• Sample WAN — WICM Studio');
  });
});

describe('external links and senders', () => {
  // #12: openExternal takes only the project's documentation, no longer any http(s) URL.
  it('allows only the project documentation, without credentials', () => {
    expect(isAllowedExternalUrl('https://github.com/wicm-studio/wicm-studio#readme')).toBe(true);
    for (const bad of ['https://example.org/docs', 'http://example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.org', 'not a url', 42, null]) {
      expect(isAllowedExternalUrl(bad)).toBe(false);
    }
  });

  it('safeOpenExternal calls the shell only for allowed URLs', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(await safeOpenExternal(shell, 'file:///etc/passwd')).toBe(false);
    expect(await safeOpenExternal(shell, 'https://example.org')).toBe(false);
    expect(await safeOpenExternal(shell, 'https://github.com/wicm-studio/wicm-studio#readme')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://github.com/wicm-studio/wicm-studio#readme');
  });

  // #12: the page is served from app://wicm, no longer from file://.
  it('trusts only our own renderer frame', () => {
    const app = 'app://wicm/index.html';
    expect(isTrustedSender({ url: 'app://wicm/index.html' }, app)).toBe(true);
    expect(isTrustedSender({ url: 'file:///opt/wicm/out/renderer/index.html' }, app)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html' }, app)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example' }, app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('security guards on web contents (fake electron objects)', () => {
  function setup() {
    const app = new EventEmitter();
    const shell = { openExternal: vi.fn(async () => undefined) };
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    installSecurityGuards(app as never, shell, session as never, () => 'app://wicm/index.html');
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, contents);
    return { shell, session, contents };
  }

  it('denies every permission request', () => {
    const { session } = setup();
    const handler = session.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    const callback = vi.fn();
    handler({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean;
    expect(check()).toBe(false);
  });

  it('denies new windows, sending safe links to the OS browser', () => {
    const { contents, shell } = setup();
    const open = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => { action: string };
    expect(open({ url: 'https://github.com/wicm-studio/wicm-studio#readme' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('blocks navigation away from the app and webview attachment', () => {
    const { contents } = setup();
    const away = { url: 'https://evil.example', preventDefault: vi.fn() };
    contents.emit('will-navigate', away, away.url);
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { url: 'app://wicm/index.html', preventDefault: vi.fn() };
    contents.emit('will-navigate', home, home.url);
    expect(home.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

describe('native menu', () => {
  const actions = () => ({
    newProject: vi.fn(),
    openProject: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    saveProject: vi.fn(),
    saveProjectAs: vi.fn(),
    importNsr: vi.fn(),
    compareWith: vi.fn(),
    undo: vi.fn(),
    redo: vi.fn(),
    ui: vi.fn(),
    openDocs: vi.fn(),
  });
  const items = (menu: ReturnType<typeof menuTemplate>) => menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));

  it('has File/Edit/View/Help with the usual accelerators', () => {
    const a = actions();
    const menu = menuTemplate(a, false, false);
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const accel = Object.fromEntries(items(menu).filter((i) => i.label).map((i) => [i.label, i.accelerator]));
    expect(accel).toMatchObject({
      'New Project': 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      Save: 'CmdOrCtrl+S',
      'Save As…': 'CmdOrCtrl+Shift+S',
      'Import NSR…': 'CmdOrCtrl+I',
      'Export…': 'CmdOrCtrl+E',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'CmdOrCtrl+Shift+Z',
      Fit: 'CmdOrCtrl+0',
    });
    items(menu).find((i) => i.label === 'Save')?.click?.({} as never, undefined, {} as never);
    expect(a.saveProject).toHaveBeenCalled();
    items(menu).find((i) => i.label === 'Export…')?.click?.({} as never, undefined, {} as never);
    expect(a.ui).toHaveBeenCalledWith('export');
    items(menu).find((i) => i.label === 'Compare with…')?.click?.({} as never, undefined, {} as never);
    expect(a.compareWith).toHaveBeenCalledOnce();
  });

  it('lists recent projects under Open Recent', () => {
    const a = actions();
    const recent = items(menuTemplate(a, false, false, ['/p/a.wicm', '/p/b.wicm'])).find((i) => i.label === 'Open Recent');
    const sub = recent?.submenu as { label?: string; click?: () => void }[];
    expect(sub.map((i) => i.label)).toEqual(['/p/a.wicm', '/p/b.wicm', undefined, 'Clear Recent']);
    sub[1]?.click?.();
    expect(a.openRecent).toHaveBeenCalledWith('/p/b.wicm');
    const empty = items(menuTemplate(a, false, false, [])).find((i) => i.label === 'Open Recent')?.submenu as { enabled?: boolean }[];
    expect(empty[0]?.enabled).toBe(false);
  });
});
