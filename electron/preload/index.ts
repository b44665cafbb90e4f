// Sandboxed preload: one CommonJS file that only requires `electron`. It exposes exactly two
// functions on fixed channels; main validates every call and rejects unknown methods.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventMessage } from '../../core/contract/events';
import type { PreloadApi } from '../../core/contract/preload';

const api: PreloadApi = {
  invoke: (method, req) => ipcRenderer.invoke('rpc:invoke', method, req),
  onEvent(listener) {
    // Strip the IpcRendererEvent: it carries `sender`, which must not reach the page.
    const wrapped = (_event: IpcRendererEvent, message: EventMessage): void => listener(message);
    ipcRenderer.on('rpc:event', wrapped);
    return () => ipcRenderer.removeListener('rpc:event', wrapped);
  },
};

contextBridge.exposeInMainWorld('api', api);
