/** HTTP methods the controller drivers use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Basic-auth credentials; the client builds the header and never prints the password. */
export interface HttpAuth {
  readonly user: string;
  readonly password: string;
}

/** Options of one request. */
export interface HttpRequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Whole-request deadline in milliseconds (connect + send + answer). */
  readonly timeoutMs?: number;
  readonly auth?: HttpAuth;
}

/** An answer, whatever its status (non-2xx statuses are not errors at this level). */
export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The HTTP client port of the drivers.
 *
 * The host implements it (electron/host/platform/http-client.ts) with timeouts, retries of
 * idempotent reads only, TLS and Basic auth. Transport failures reject with an {@link HttpError}.
 */
export interface HttpClient {
  request(method: HttpMethod, url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
}

/** Why a request got no answer. */
export type HttpErrorKind = 'timeout' | 'connection-reset' | 'connection-refused' | 'dns' | 'tls' | 'network';

/**
 * A transport failure: no HTTP answer came back.
 *
 * `url` is already redacted (no user info); the message never contains credentials.
 */
export class HttpError extends Error {
  readonly kind: HttpErrorKind;
  readonly method: string;
  readonly url: string;

  constructor(kind: HttpErrorKind, method: string, url: string, message: string) {
    super(message);
    this.name = 'HttpError';
    this.kind = kind;
    this.method = method;
    this.url = url;
  }
}

/** Whether a value is an {@link HttpError} (also across bundles). */
export function isHttpError(e: unknown): e is HttpError {
  return e instanceof HttpError || (e instanceof Error && e.name === 'HttpError' && 'kind' in e);
}

/** A URL without its user-info part (`http://u:p@h/` → `http://h/`). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
}

/** Whether a response status is 2xx. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
