import type { Envelope } from '../../../core/contract/errors';
import type { EventMessage } from '../../../core/contract/events';
import type { Transport } from './client';

/**
 * HTTP to the engine that served this page (browser mode): `POST /rpc/<method>` with the
 * per-launch bearer token from the page's meta tag, events over `GET /events` (SSE).
 */
export function httpTransport(token: string, base = ''): Transport {
  return {
    kind: 'http',
    async invoke(method, req) {
      let response: Response;
      try {
        response = await fetch(`${base}/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(req ?? {}),
        });
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: `The engine is not reachable (${e instanceof Error ? e.message : String(e)}). Is wicm serve still running?` } };
      }
      try {
        return (await response.json()) as Envelope;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: `The engine answered ${response.status} without a JSON envelope.` } };
      }
    },
    onEvent(listener) {
      const source = new EventSource(`${base}/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as EventMessage);
      return () => source.close();
    },
  };
}
