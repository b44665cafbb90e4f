import type { PreloadApi } from '../../../electron/preload/api';
import type { Transport } from './client';

/** IPC through the preload's `window.api` (desktop app). */
export function ipcTransport(api: PreloadApi): Transport {
  return { kind: 'ipc', invoke: (method, req) => api.invoke(method, req), onEvent: (listener) => api.onEvent(listener) };
}
