import type { IpcMain, WebContents } from 'electron';
import type { EventMessage } from '../../core/contract/events';
import type { Dispatch } from '../host/dispatch';
import { isTrustedSender } from './security';

/**
 * The IPC transport: one channel, `rpc:invoke`, into the same dispatcher as HTTP; events go out
 * on `rpc:event`. Calls from any frame other than our renderer are refused.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, appUrl: () => string): void {
  ipcMain.handle('rpc:invoke', async (event, method: unknown, req: unknown) => {
    if (!isTrustedSender(event.senderFrame, appUrl())) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender: only the WICM Studio window may call the engine.' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'The method name must be a string.' } };
    }
    return dispatch(method, req);
  });
}

/** Sends an engine event to a window's renderer. */
export function forwardEvent(contents: WebContents, event: EventMessage): void {
  if (!contents.isDestroyed()) contents.send('rpc:event', event);
}
