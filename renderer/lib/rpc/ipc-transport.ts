import type { PreloadApi } from '../../../core/contract/preload';
import type { Transport } from './client';

/** IPC through the preload's `window.api` (desktop app). */
export function ipcTransport(api: PreloadApi): Transport {
  return { kind: 'ipc', invoke: (method, req) => api.invoke(method, req), onEvent: (listener) => api.onEvent(listener) };
}
