import type { PreloadApi } from '../../../core/contract/preload';
import { createClient, type Client } from './client';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';

/** The client for this page: IPC when the preload exposed `window.api`, else HTTP. */
export function connect(): Client {
  const api = (window as unknown as { api?: PreloadApi }).api;
  if (api) return createClient(ipcTransport(api));
  const token = document.querySelector<HTMLMetaElement>('meta[name="wicm-token"]')?.content ?? '';
  return createClient(httpTransport(token));
}
