import type { App, Session, Shell, WebContents } from 'electron';

/** Whether a URL may be handed to the OS browser: http(s) only, no credentials in it. */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** The single trusted entry point for `shell.openExternal` (lint bans it anywhere else). */
export async function safeOpenExternal(shell: Pick<Shell, 'openExternal'>, url: unknown): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}

/** Whether a frame URL belongs to our own renderer (file:// build or the dev server). */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

/** IPC sender check: only our own top frame may call the engine (Electron checklist #17). */
export function isTrustedSender(frame: { readonly url: string } | null | undefined, appUrl: string): boolean {
  return !!frame && isAppUrl(frame.url, appUrl);
}

/**
 * Guards every web contents the app creates: no new windows (external http(s) links go to the
 * OS browser through safeOpenExternal), no navigation away from the app, no permissions.
 */
export function installSecurityGuards(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>, session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, appUrl: () => string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      void safeOpenExternal(shell, url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appUrl())) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
