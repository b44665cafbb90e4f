import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../electron/main/app-protocol';
import {
  DOCS_URL,
  PROJECT_HOMEPAGE,
  chooseRendererUrl,
  installSecurityGuards,
  isAllowedExternalUrl,
  isTrustedSender,
  mayNavigate,
  quoteForLog,
  safeOpenExternal,
} from '../../../electron/main/security';
import { memoryLogger } from '../../helpers/quiet-logger';

describe('openExternal: only the project documentation', () => {
  it('the allow-list is rooted at package.json homepage', () => {
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { homepage: string };
    expect(PROJECT_HOMEPAGE).toBe(pkg.homepage);
    expect(isAllowedExternalUrl(DOCS_URL)).toBe(true);
  });

  it('allows the home page, repository files and the wiki', () => {
    for (const url of [
      'https://github.com/wicm-studio/wicm-studio',
      'https://github.com/wicm-studio/wicm-studio/',
      'https://github.com/wicm-studio/wicm-studio#readme',
      'https://github.com/wicm-studio/wicm-studio/blob/main/docs/ARCHITECTURE.md',
      'https://github.com/wicm-studio/wicm-studio/tree/main/docs/reference',
      'https://github.com/wicm-studio/wicm-studio/wiki',
      'https://github.com/wicm-studio/wicm-studio/wiki/Lab',
      'https://GITHUB.com/wicm-studio/wicm-studio#readme',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses every other URL, including look-alikes of the allowed ones', () => {
    for (const url of [
      'https://example.org/',
      'http://github.com/wicm-studio/wicm-studio',
      'https://github.com/wicm-studio/wicm-studio-evil',
      'https://github.com/wicm-studio/wicm-studio.evil.example/',
      'https://github.com.evil.example/wicm-studio/wicm-studio',
      'https://github.com/wicm-studio/wicm-studio/blob/../../../attacker/repo',
      'https://github.com/wicm-studio/wicm-studio/blob/%2e%2e/%2e%2e/%2e%2e/attacker/repo',
      'https://github.com/wicm-studio/wicm-studio/releases/download/v1/evil.exe',
      'https://github.com/wicm-studio/wicm-studio/issues/1',
      'https://user:pw@github.com/wicm-studio/wicm-studio',
      'https://github.com:8443/wicm-studio/wicm-studio',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
      '',
      42,
      null,
    ]) {
      expect(isAllowedExternalUrl(url), String(url)).toBe(false);
    }
  });

  it('refusals are logged and never reach the shell; the shell gets the normalised URL', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const logger = memoryLogger();
    expect(await safeOpenExternal(shell, 'https://example.org/\u001b]0;pwned\u0007', logger)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toContain('refused to open an external link');
    // Control characters reach the log escaped, never raw.
    expect(logger.lines[0]).not.toContain('\u001b');
    expect(await safeOpenExternal(shell, 'https://GitHub.com/wicm-studio/wicm-studio/blob/x/../main/README.md', logger)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://github.com/wicm-studio/wicm-studio/blob/main/README.md');
  });
});

describe('log lines quoting untrusted text', () => {
  it('escape C0, DEL, C1 and bidi controls and cut long text', () => {
    const quoted = quoteForLog('a\u001b]0;title\u0007b\u007f\u009b31m\u202eevil\u2066');
    expect(quoted).toBe('"a\\u001b]0;title\\u0007b\\u007f\\u009b31m\\u202eevil\\u2066"');
    expect([...quoted].filter((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) || /[\u202a-\u202e\u2066-\u2069]/.test(c))).toEqual([]);
    expect(quoteForLog('x'.repeat(500))).toHaveLength(203);
  });
});

describe('renderer URL: ELECTRON_RENDERER_URL only in development', () => {
  it('loads the app:// page by default', () => {
    expect(chooseRendererUrl(true, undefined)).toEqual({ url: APP_ENTRY_URL, ignored: null });
    expect(chooseRendererUrl(false, undefined)).toEqual({ url: APP_ENTRY_URL, ignored: null });
    expect(chooseRendererUrl(false, '')).toEqual({ url: APP_ENTRY_URL, ignored: null });
  });

  it('ignores the override in the packaged app, with the reason', () => {
    const choice = chooseRendererUrl(true, 'http://localhost:5173/');
    expect(choice.url).toBe(APP_ENTRY_URL);
    expect(choice.ignored).toMatch(/packaged/);
  });

  it('in development takes only an http dev server on localhost / 127.0.0.1', () => {
    expect(chooseRendererUrl(false, 'http://localhost:5173/')).toEqual({ url: 'http://localhost:5173/', ignored: null });
    expect(chooseRendererUrl(false, 'http://127.0.0.1:5173')).toEqual({ url: 'http://127.0.0.1:5173/', ignored: null });
    for (const bad of ['https://evil.example/', 'http://10.0.0.5:5173/', 'http://localhost.evil.example/', 'file:///tmp/evil.html', 'http://user:pw@localhost:5173/', 'not a url']) {
      const choice = chooseRendererUrl(false, bad);
      expect(choice.url, bad).toBe(APP_ENTRY_URL);
      expect(choice.ignored, bad).toMatch(/ELECTRON_RENDERER_URL/);
    }
  });

  it('a page from elsewhere is never a trusted IPC sender', () => {
    const packaged = chooseRendererUrl(true, 'https://evil.example/').url;
    expect(isTrustedSender({ url: 'https://evil.example/' }, packaged)).toBe(false);
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: null }, packaged)).toBe(true);
    // An iframe inside our own page is not the page.
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html' }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/' }, packaged)).toBe(false);
    const dev = chooseRendererUrl(false, 'http://localhost:5173/').url;
    expect(isTrustedSender({ url: 'http://localhost:5173/index.html' }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/' }, dev)).toBe(false);
  });
});

describe('navigation guards (fake electron objects)', () => {
  function setup() {
    const app = new EventEmitter();
    const shell = { openExternal: vi.fn(async () => undefined) };
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    const logger = memoryLogger();
    installSecurityGuards(app as never, shell, session as never, () => APP_ENTRY_URL, logger);
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, contents);
    return { contents, logger, shell };
  }
  const navigation = (url: string) => ({ url, isMainFrame: true, preventDefault: vi.fn() });

  it('guards will-navigate, will-redirect and will-frame-navigate alike', () => {
    const { contents, logger } = setup();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(contents.listenerCount(event), event).toBe(1);
      for (const url of ['https://evil.example/', 'http://127.0.0.1:4399/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'data:text/html,hi']) {
        const away = navigation(url);
        contents.emit(event, away, url);
        expect(away.preventDefault, `${event} ${url}`).toHaveBeenCalled();
      }
      const home = navigation('app://wicm/index.html#/services');
      contents.emit(event, home, home.url);
      expect(home.preventDefault, event).not.toHaveBeenCalled();
    }
    expect(logger.lines.filter((l) => l.includes('refused a redirect'))).toHaveLength(6);
    expect(logger.lines.filter((l) => l.includes('refused a frame navigation'))).toHaveLength(6);
  });

  it('a navigation to the documentation is refused too (links open outside, not in the window)', () => {
    const { contents } = setup();
    const docs = navigation(DOCS_URL);
    contents.emit('will-frame-navigate', docs);
    expect(docs.preventDefault).toHaveBeenCalled();
    expect(mayNavigate(DOCS_URL, APP_ENTRY_URL)).toBe(false);
  });

  it('window.open of any other URL is denied and logged, never opened', () => {
    const { contents, logger, shell } = setup();
    const open = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => { action: string };
    expect(open({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(logger.lines.some((l) => l.includes('refused to open an external link'))).toBe(true);
  });
});
