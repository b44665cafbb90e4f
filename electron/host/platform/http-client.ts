import http from 'node:http';
import https from 'node:https';
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

function kindOf(error: NodeJS.ErrnoException): HttpErrorKind {
  const code = error.code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || /socket hang up/i.test(error.message)) return 'connection-reset';
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) return 'tls';
  return 'network';
}

/** Removes every occurrence of the secret from a text. */
function scrub(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const key in headers) {
    const value = headers[key];
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Where a URL points, parsed once per origin (the drivers send thousands of requests to one). */
interface Endpoint {
  readonly isHttps: boolean;
  readonly hostname: string;
  readonly port: number;
}

const URL_PARTS = /^(https?):\/\/(?:[^/?#@]*@)?([^/?#]+)([^#]*)/i;

/**
 * HTTP(S) client for controllers: keep-alive pool, whole-request deadline, Basic auth, retries
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
  // Idle sockets are dropped before Node servers' 5 s keep-alive timeout, so a write never
  // lands on a socket the server is closing (it would fail with a reset and is not retried).
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets, timeout: 4000, scheduling: 'lifo' });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    maxSockets,
    timeout: 4000,
    scheduling: 'lifo',
    rejectUnauthorized: options.rejectUnauthorized ?? true,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });

  const endpoints = new Map<string, Endpoint>();
  const authHeaders = new Map<string, string>();
  const endpointOf = (scheme: string, authority: string): Endpoint => {
    const key = `${scheme}//${authority}`;
    const known = endpoints.get(key);
    if (known) return known;
    const url = new URL(`${scheme}://${authority}/`);
    const isHttps = url.protocol === 'https:';
    const endpoint = { isHttps, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? (isHttps ? 443 : 80) : Number(url.port) };
    endpoints.set(key, endpoint);
    return endpoint;
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

  const attempt = (method: HttpMethod, endpoint: Endpoint, path: string, shown: () => string, request: HttpRequestOptions): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
      const secret = request.auth?.password;
      const headers: Record<string, string> = { ...request.headers };
      if (request.auth) headers.authorization = basicAuth(request.auth.user, request.auth.password);
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const { isHttps } = endpoint;
      let settled = false;
      let timedOut = false;
      const fail = (kind: HttpErrorKind, message: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new HttpError(kind, method, shown(), scrub(message, secret)));
      };
      const options = { hostname: endpoint.hostname, port: endpoint.port, path, method, headers, agent: isHttps ? httpsAgent : httpAgent };
      const req = (isHttps ? https : http).request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            fail('network', `${method} ${shown()}: the answer is larger than ${maxBodyBytes} bytes`);
            req.destroy();
          } else chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('aborted', () => fail(timedOut ? 'timeout' : 'connection-reset', `${method} ${shown()}: the connection closed in the middle of the answer`));
        res.on('error', (e: NodeJS.ErrnoException) => fail(timedOut ? 'timeout' : kindOf(e), `${method} ${shown()}: ${e.message}`));
      });
      const timer = setTimeout(() => {
        timedOut = true;
        fail('timeout', `${method} ${shown()} got no answer within ${timeoutMs} ms`);
        req.destroy();
      }, timeoutMs);
      req.on('error', (e: NodeJS.ErrnoException) => {
        const kind = timedOut ? 'timeout' : kindOf(e);
        fail(kind, `${method} ${shown()} failed (${kind}${e.code ? `, ${e.code}` : ''}): ${e.message}`);
      });
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });

  return {
    async request(method, rawUrl, request = {}) {
      const shown = (): string => scrub(redactUrl(rawUrl), request.auth?.password);
      const parts = URL_PARTS.exec(rawUrl);
      let endpoint: Endpoint;
      try {
        if (!parts) throw new Error('not an http(s) URL');
        // Credentials travel in the Authorization header only, never in the URL.
        endpoint = endpointOf((parts[1] as string).toLowerCase(), parts[2] as string);
      } catch {
        throw new HttpError('network', method, shown(), `${method} ${shown()}: not a valid http or https URL`);
      }
      const path = parts[3] === '' || parts[3] === undefined ? '/' : parts[3];
      const maxAttempts = IDEMPOTENT_READS.has(method) ? retries + 1 : 1;
      for (let i = 1; ; i += 1) {
        const isLast = i >= maxAttempts;
        try {
          const response = await attempt(method, endpoint, path, shown, request);
          if (isLast || !RETRY_STATUSES.has(response.status)) return response;
        } catch (e) {
          if (isLast || (e instanceof HttpError && e.kind === 'tls')) throw e;
        }
        await sleep(backoffMs * 2 ** (i - 1));
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
