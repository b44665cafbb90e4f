import type { IpcMain, WebContents } from 'electron';
import type { EventMessage } from '../../core/contract/events';
import type { Logger } from '../../core/service/ports';
import type { Dispatch } from '../host/dispatch';
import { confinePathRequest, type PathGrants } from './path-grants';
import { isTrustedSender, quoteForLog } from './security';

/** What the IPC adapter checks before a call reaches the engine. */
export interface IpcGuards {
  /** The URL of our page (app://, or the dev server in development). */
  readonly appUrl: () => string;
  /** The paths the page may hand to the engine (desktop path confinement). */
  readonly paths: PathGrants;
  readonly logger?: Pick<Logger, 'warn'>;
}

/**
 * The IPC transport: one channel, `rpc:invoke`, into the same dispatcher as HTTP; events go out
 * on `rpc:event`. Calls from any frame other than our page's top frame are refused, and so are
 * file paths the user did not choose (see path-grants.ts).
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, guards: IpcGuards): void {
  ipcMain.handle('rpc:invoke', async (event, method: unknown, req: unknown) => {
    if (!isTrustedSender(event.senderFrame, guards.appUrl())) {
      guards.logger?.warn('refused an engine call from a frame that is not the WICM Studio page', quoteForLog(event.senderFrame?.url ?? null));
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender: only the WICM Studio window may call the engine.' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'The method name must be a string.' } };
    }
    const confined = await confinePathRequest(guards.paths, method, req, guards.logger);
    if (!confined.ok) return confined.reply;
    return dispatch(method, confined.req);
  });
}

/** Sends an engine event to a window's renderer. */
export function forwardEvent(contents: WebContents, event: EventMessage): void {
  if (!contents.isDestroyed()) contents.send('rpc:event', event);
}
