import type { App, Session, Shell, WebContents } from 'electron';
import type { Logger } from '../../core/service/ports';
import { APP_ENTRY_URL, APP_SCHEME } from './app-protocol';
import { terminalSafe } from '../host/terminal-text';

/** The project's home page (package.json `homepage`); its documentation lives under it. */
export const PROJECT_HOMEPAGE = 'https://github.com/wicm-studio/wicm-studio';

/** The documentation the Help menu opens. */
export const DOCS_URL = `${PROJECT_HOMEPAGE}#readme`;

/**
 * The only URLs the app hands to the OS browser: the project's own documentation. An entry
 * ending in `/` is a prefix, any other must match the whole page (query, anchor and a trailing
 * `/` aside).
 * Compared on the parsed, normalised URL, so `…/wicm-studio-evil`, `…/blob/../../other`, a
 * port, credentials or another host never match.
 */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = [
  PROJECT_HOMEPAGE,
  `${PROJECT_HOMEPAGE}/blob/`,
  `${PROJECT_HOMEPAGE}/tree/`,
  `${PROJECT_HOMEPAGE}/wiki`,
  `${PROJECT_HOMEPAGE}/wiki/`,
];

type WarnLogger = Pick<Logger, 'warn'>;

/** Whether a URL may be handed to the OS browser (Electron checklist #15): our documentation only. */
export function isAllowedExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  const page = `${parsed.origin}${parsed.pathname}`.replace(/(.)\/$/, '$1');
  return EXTERNAL_URL_ALLOW_LIST.some((entry) => page === entry || (entry.endsWith('/') && page.startsWith(entry)));
}

/** The single trusted entry point for `shell.openExternal` (lint bans it anywhere else). */
export async function safeOpenExternal(shell: Pick<Shell, 'openExternal'>, url: unknown, logger?: WarnLogger): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) {
    logger?.warn('refused to open an external link: only the WICM Studio documentation opens in the browser', describeUrl(url));
    return false;
  }
  // Open what was checked: the parsed, normalised URL.
  await shell.openExternal(new URL(url).href);
  return true;
}

/**
 * Untrusted text for a log line: quoted, cut short, and with every control character escaped
 * (C0 by JSON, the rest by `terminalSafe`), so a URL or path from the page cannot
 * retitle or garble the terminal.
 */
export function quoteForLog(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return terminalSafe(JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text));
}

const describeUrl = quoteForLog;

/** Whether a frame URL belongs to our own renderer: the app:// page, or the dev server in development. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    // Node gives custom schemes an opaque ("null") origin, so compare scheme and host.
    if (app.protocol === `${APP_SCHEME}:`) return target.protocol === app.protocol && target.host === app.host;
    if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

/**
 * IPC sender check (Electron checklist #17): only the top frame of our own page may call the
 * engine; an iframe, another page or a frame already gone is refused.
 */
export function isTrustedSender(frame: { readonly url: string; readonly parent?: unknown } | null | undefined, appUrl: string): boolean {
  return !!frame && !frame.parent && isAppUrl(frame.url, appUrl);
}

/** Hosts a development renderer may be served from. */
const DEV_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Where the window's page comes from, and why an override was ignored. */
export interface RendererLocation {
  readonly url: string;
  readonly ignored: string | null;
}

/**
 * The page to load: our app:// page, or `ELECTRON_RENDERER_URL` (the electron-vite dev server)
 * only in development (`!app.isPackaged`) and only from http://localhost or 127.0.0.1. Anything
 * else is ignored with the reason, so a packaged app never trusts a page from elsewhere.
 */
export function chooseRendererUrl(isPackaged: boolean, override: string | undefined): RendererLocation {
  const app = { url: APP_ENTRY_URL, ignored: null };
  if (override === undefined || override === '') return app;
  if (isPackaged) return { url: APP_ENTRY_URL, ignored: 'ELECTRON_RENDERER_URL is ignored in the packaged app' };
  let parsed: URL;
  try {
    parsed = new URL(override);
  } catch {
    return { url: APP_ENTRY_URL, ignored: `ELECTRON_RENDERER_URL ${describeUrl(override)} is not a URL` };
  }
  if (parsed.protocol !== 'http:' || !DEV_HOSTS.has(parsed.hostname) || parsed.username !== '' || parsed.password !== '') {
    return { url: APP_ENTRY_URL, ignored: `ELECTRON_RENDERER_URL ${describeUrl(override)} is not an http://localhost or http://127.0.0.1 dev server` };
  }
  return { url: parsed.href, ignored: null };
}

/** Whether a navigation (or redirect) of any frame may go ahead: only within our own page. */
export function mayNavigate(url: string, appUrl: string): boolean {
  return isAppUrl(url, appUrl);
}

/** Shape of the navigation events' first argument (Electron's `Event<…Params>`). */
interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/**
 * Guards every web contents the app creates: no new windows (documentation links go to the OS
 * browser through safeOpenExternal), no navigation or redirect of any frame away from the app,
 * no webviews, no permissions.
 */
export function installSecurityGuards(
  app: Pick<App, 'on'>,
  shell: Pick<Shell, 'openExternal'>,
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  appUrl: () => string,
  logger?: WarnLogger,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const guard = (what: string) => (event: NavigationEvent) => {
    if (mayNavigate(event.url, appUrl())) return;
    event.preventDefault();
    logger?.warn(`refused ${what} away from WICM Studio`, describeUrl(event.url));
  };
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      void safeOpenExternal(shell, url, logger);
      return { action: 'deny' };
    });
    contents.on('will-navigate', guard('a navigation'));
    contents.on('will-frame-navigate', guard('a frame navigation'));
    contents.on('will-redirect', guard('a redirect'));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
