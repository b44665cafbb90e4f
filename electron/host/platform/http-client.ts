import type { IncomingHttpHeaders } from 'node:http';
import { Agent } from 'undici';
import { HttpError, redactUrl, type HttpClient, type HttpErrorKind, type HttpMethod, type HttpRequestOptions, type HttpResponse } from '../../../core/drivers/http';

/** Options of {@link createNodeHttpClient}; every default documented next to its value. */
export interface NodeHttpClientOptions {
  /** Sockets per controller host (keep-alive pool). Default 32. */
  readonly maxSockets?: number;
  /** Extra attempts of an idempotent read (GET) after a transport failure or a 502/503/504. Default 2. */
  readonly retries?: number;
  /** First retry delay in ms, doubled at each retry. Default 100. */
  readonly backoffMs?: number;
  /** Deadline when a request gives none, in ms. Default 10000. */
  readonly defaultTimeoutMs?: number;
  /** Largest answer kept, in bytes. Default 64 MiB. */
  readonly maxBodyBytes?: number;
  /** Verify TLS certificates (default true); false accepts self-signed lab controllers. */
  readonly rejectUnauthorized?: boolean;
  /** Extra trusted CA certificates (PEM) for https controllers. */
  readonly ca?: string;
  /** Waits between retries; injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The Node implementation of the drivers' HTTP port. */
export interface NodeHttpClient extends HttpClient {
  /** Closes the pooled connections. */
  close(): void;
}

const RETRY_STATUSES = new Set([502, 503, 504]);
const IDEMPOTENT_READS = new Set<HttpMethod>(['GET']);
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

/** The code of a transport failure: the socket's own (undici keeps it in `cause`), else undici's. */
function codeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? codeOf(cause) : '';
  if (inner !== '') return inner;
  const own = (error as { code?: unknown }).code;
  return typeof own === 'string' ? own : '';
}

function kindOf(code: string, message: string): HttpErrorKind {
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'UND_ERR_SOCKET' || /socket hang up|other side closed/i.test(message)) return 'connection-reset';
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) return 'tls';
  return 'network';
}

/** Removes every occurrence of the secret from a text. */
function scrub(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const key in headers) {
    const value = headers[key];
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

const URL_PARTS = /^(https?):\/\/(?:[^/?#@]*@)?([^/?#]+)([^#]*)/i;

/**
 * HTTP(S) client for controllers, on undici's dispatcher (Node's own HTTP client project): a call
 * costs about half the CPU time of `node:http`'s, and the request goes out in one write (see
 * `loopback_http_call_cpu_us` in `npm run bench -- rest-scale`). The low-level `dispatch` gives
 * each request a deadline with one timer and an abort, where an `AbortSignal` per request would
 * cost back most of the gain. Keep-alive pool, whole-request deadline, Basic auth, retries
 * with exponential backoff for GET only (a POST or DELETE is never sent twice), answers of any
 * status resolved, transport failures rejected as typed {@link HttpError}s (timeout,
 * connection-reset, connection-refused, dns, tls, network) whose messages carry the URL without
 * user info and never the password.
 */
export function createNodeHttpClient(options: NodeHttpClientOptions = {}): NodeHttpClient {
  const maxSockets = options.maxSockets ?? 32;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 100;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Idle connections are dropped before Node servers' 5 s keep-alive timeout (undici also
  // honours a server's Keep-Alive hint), so a write never lands on a connection the server is
  // closing (it would fail with a reset and is not retried).
  const dispatcher = new Agent({
    connections: maxSockets,
    keepAliveTimeout: 4000,
    keepAliveMaxTimeout: 4000,
    connect: { rejectUnauthorized: options.rejectUnauthorized ?? true, ...(options.ca === undefined ? {} : { ca: options.ca }) },
  });

  const origins = new Map<string, string>();
  const authHeaders = new Map<string, string>();
  /** The origin of a URL's scheme and authority, parsed once (the drivers send thousands of requests to one). */
  const originOf = (scheme: string, authority: string): string => {
    const key = `${scheme}//${authority}`;
    const known = origins.get(key);
    if (known) return known;
    const origin = new URL(`${scheme}://${authority}/`).origin;
    origins.set(key, origin);
    return origin;
  };
  const basicAuth = (user: string, password: string): string => {
    const key = `${user}\u0000${password}`;
    const known = authHeaders.get(key);
    if (known) return known;
    const header = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    if (authHeaders.size > 16) authHeaders.clear();
    authHeaders.set(key, header);
    return header;
  };

  const attempt = (method: HttpMethod, origin: string, path: string, shown: () => string, request: HttpRequestOptions): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
      const secret = request.auth?.password;
      const headers: Record<string, string> = { ...request.headers };
      if (request.auth) headers.authorization = basicAuth(request.auth.user, request.auth.password);
      let settled = false;
      let timedOut = false;
      let abort: ((reason: Error) => void) | null = null;
      const fail = (kind: HttpErrorKind, message: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new HttpError(kind, method, shown(), scrub(message, secret)));
      };
      const timer = setTimeout(() => {
        timedOut = true;
        fail('timeout', `${method} ${shown()} got no answer within ${timeoutMs} ms`);
        abort?.(new Error('deadline passed'));
      }, timeoutMs);
      let status = 0;
      let answerHeaders: Record<string, string> = {};
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        dispatcher.dispatch(
          { origin, path, method, headers, body: request.body ?? null },
          {
            onRequestStart(controller) {
              abort = (reason) => controller.abort(reason);
              if (timedOut) controller.abort(new Error('deadline passed'));
            },
            onResponseStart(_controller, statusCode, received) {
              status = statusCode;
              answerHeaders = flattenHeaders(received);
            },
            onResponseData(controller, chunk) {
              size += chunk.length;
              if (size > maxBodyBytes) {
                fail('network', `${method} ${shown()}: the answer is larger than ${maxBodyBytes} bytes`);
                controller.abort(new Error('answer too large'));
              } else chunks.push(chunk);
            },
            onResponseEnd() {
              if (settled) return;
              settled = true;
              clearTimeout(timer);
              resolve({ status, headers: answerHeaders, body: Buffer.concat(chunks).toString('utf8') });
            },
            onResponseError(_controller, error) {
              const code = codeOf(error);
              const kind = timedOut ? 'timeout' : kindOf(code, error.message);
              fail(kind, `${method} ${shown()} failed (${kind}${code ? `, ${code}` : ''}): ${error.message}`);
            },
          },
        );
      } catch (e) {
        fail('network', `${method} ${shown()} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    });

  return {
    async request(method, rawUrl, request = {}) {
      const shown = (): string => scrub(redactUrl(rawUrl), request.auth?.password);
      const parts = URL_PARTS.exec(rawUrl);
      let origin: string;
      try {
        if (!parts) throw new Error('not an http(s) URL');
        // Credentials travel in the Authorization header only, never in the URL.
        origin = originOf((parts[1] as string).toLowerCase(), parts[2] as string);
      } catch {
        throw new HttpError('network', method, shown(), `${method} ${shown()}: not a valid http or https URL`);
      }
      const path = parts[3] === '' || parts[3] === undefined ? '/' : parts[3];
      const maxAttempts = IDEMPOTENT_READS.has(method) ? retries + 1 : 1;
      for (let i = 1; ; i += 1) {
        const isLast = i >= maxAttempts;
        try {
          const response = await attempt(method, origin, path, shown, request);
          if (isLast || !RETRY_STATUSES.has(response.status)) return response;
        } catch (e) {
          if (isLast || (e instanceof HttpError && e.kind === 'tls')) throw e;
        }
        await sleep(backoffMs * 2 ** (i - 1));
      }
    },
    close() {
      void dispatcher.destroy();
    },
  };
}
