// Sandboxed preload: one CommonJS file that only requires `electron`. It exposes the engine's
// two functions on fixed channels (main validates every call and rejects unknown methods), and
// the close guard's two: the page reports unapplied Inspector edits, and applies them when the
// person chose "Apply and Save" on closing the window.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventMessage } from '../../core/contract/events';
import type { PreloadApi } from '../../core/contract/preload';

/** `window.desktopEdits`; the page's side is renderer/lib/desktop-edits.ts (same shape). */
interface DesktopEditsApi {
  reportPendingEdits(inspector: string | null): void;
  onApplyRequest(apply: () => Promise<boolean>): () => void;
}

const api: PreloadApi = {
  invoke: (method, req) => ipcRenderer.invoke('rpc:invoke', method, req),
  onEvent(listener) {
    // Strip the IpcRendererEvent: it carries `sender`, which must not reach the page.
    const wrapped = (_event: IpcRendererEvent, message: EventMessage): void => listener(message);
    ipcRenderer.on('rpc:event', wrapped);
    return () => ipcRenderer.removeListener('rpc:event', wrapped);
  },
};

const desktop: DesktopEditsApi = {
  reportPendingEdits: (inspector) => ipcRenderer.send('ui:pending-edits', { inspector: typeof inspector === 'string' ? inspector : null }),
  onApplyRequest(apply) {
    const wrapped = (_event: IpcRendererEvent, id: unknown): void => {
      void Promise.resolve()
        .then(apply)
        .then(
          (ok) => ipcRenderer.send('ui:apply-edits-done', id, ok === true),
          () => ipcRenderer.send('ui:apply-edits-done', id, false),
        );
    };
    ipcRenderer.on('ui:apply-edits', wrapped);
    return () => ipcRenderer.removeListener('ui:apply-edits', wrapped);
  },
};

contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('desktopEdits', desktop);
