import { parseFaults } from './faults';
import type { LabHttpResponse } from './lab-behaviour';
import type { LabFault, LabRequestRecord } from './types';

/** Path prefix of the admin endpoints (never forwarded to the controller behaviour). */
export const ADMIN_PREFIX = '/__lab';

/** What the admin endpoints act on. */
export interface AdminTarget {
  snapshot(): unknown;
  requests(): readonly LabRequestRecord[];
  clearRequests(): void;
  faults(): readonly LabFault[];
  setFaults(faults: readonly LabFault[]): void;
  reset(): void;
  /** Runs one controller request as if it had come over HTTP (no faults, not logged). */
  run(request: { readonly method: string; readonly path: string; readonly body: string }): LabHttpResponse;
}

/** Whether a pathname addresses the admin endpoints. */
export function isAdminPath(pathname: string): boolean {
  return pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`);
}

const error = (status: number, message: string): LabHttpResponse => ({ status, json: { error: message } });

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Answers the admin endpoints (same Basic auth as the controller API).
 *
 * - `GET /__lab/state` → state snapshot
 * - `GET /__lab/requests` → `{"requests":[…]}`; `DELETE /__lab/requests` empties the log
 * - `GET /__lab/faults` → `{"faults":[…]}`; `POST`/`PUT /__lab/faults` with `[…]` or
 *   `{"faults":[…]}` replaces them; `DELETE /__lab/faults` removes them
 * - `POST /__lab/reset` → state, log and faults back to the start (204)
 * - `POST /__lab/batch` with `{"requests":[{"method","path","body"}…]}` → runs them in order
 *   through the controller behaviour, exactly as if each had come alone (same checks and
 *   refusals), without faults or log records: seeding a large fleet without one round trip per
 *   object. Stops at the first answer ≥ 300: `{"done":n,"failed":{index,status,body}}`, else
 *   `{"done":n}`.
 */
export function handleAdmin(method: string, pathname: string, body: string, target: AdminTarget): LabHttpResponse {
  const route = pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, '');
  const key = `${method.toUpperCase()} ${route}`;
  switch (key) {
    case 'GET /state':
      return { status: 200, json: target.snapshot() };
    case 'GET /requests':
      return { status: 200, json: { requests: target.requests() } };
    case 'DELETE /requests':
      target.clearRequests();
      return { status: 204 };
    case 'GET /faults':
      return { status: 200, json: { faults: target.faults() } };
    case 'POST /faults':
    case 'PUT /faults': {
      const parsed = parseJson(body);
      if (!parsed.ok) return error(400, 'body: not valid JSON');
      try {
        target.setFaults(parseFaults(parsed.value));
      } catch (e) {
        return error(400, e instanceof Error ? e.message : String(e));
      }
      return { status: 200, json: { faults: target.faults() } };
    }
    case 'DELETE /faults':
      target.setFaults([]);
      return { status: 204 };
    case 'POST /reset':
      target.reset();
      return { status: 204 };
    case 'POST /batch':
      return runBatch(body, target);
    default:
      return ['/state', '/requests', '/faults', '/reset', '/batch'].includes(route)
        ? error(405, `${method} is not allowed on ${pathname}`)
        : error(404, `${pathname}: no such lab endpoint (state, requests, faults, reset, batch)`);
  }
}

function runBatch(body: string, target: AdminTarget): LabHttpResponse {
  const parsed = parseJson(body);
  if (!parsed.ok) return error(400, 'body: not valid JSON');
  const list = (parsed.value as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(list)) return error(400, 'body: expected {"requests":[{"method":"POST","path":"/restconf/…","body":"…"}, …]}');
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as { method?: unknown; path?: unknown; body?: unknown } | null;
    if (typeof r?.method !== 'string' || typeof r.path !== 'string' || (r.body !== undefined && typeof r.body !== 'string')) {
      return error(400, `/requests/${i}: expected {"method": string, "path": string, "body"?: string}`);
    }
  }
  let done = 0;
  for (const r of list as { method: string; path: string; body?: string }[]) {
    const answer = target.run({ method: r.method.toUpperCase(), path: r.path, body: r.body ?? '' });
    if (answer.status >= 300) return { status: 200, json: { done, failed: { index: done, status: answer.status, body: answer.json ?? answer.text ?? null } } };
    done += 1;
  }
  return { status: 200, json: { done } };
}
