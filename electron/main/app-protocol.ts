import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { RENDERER_CSP as BROWSER_MODE_CSP } from '../host/http';

/**
 * The renderer is served over `app://wicm/…` (Electron checklist #18), not file://: a standard,
 * secure scheme of its own origin, answered only from the built renderer folder, with the
 * Content-Security-Policy as a response header (#7).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wicm';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready. `standard` gives the page a real origin (relative URLs,
 * 'self' in the CSP), `secure` makes it a secure context, `supportFetchAPI` lets the page fetch
 * its own files. No `bypassCSP`: the policy applies to this scheme like to any other.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * The page's policy, sent as a header with every app:// response: the one browser mode sends
 * (electron/host/http.ts, itself the meta tag of renderer/index.html plus `frame-ancestors`),
 * with what the desktop page never needs on top: no frames, no form posts.
 */
export const RENDERER_CSP = withDirectives(BROWSER_MODE_CSP, ["frame-src 'none'", "form-action 'none'"]);

/** A policy with extra directives, each added only when the policy does not set it already. */
export function withDirectives(policy: string, extra: readonly string[]): string {
  const present = new Set(policy.split(';').map((d) => d.trim().split(/\s+/)[0]?.toLowerCase()));
  const added = extra.filter((d) => !present.has(d.split(/\s+/)[0]?.toLowerCase()));
  return [policy.trim().replace(/;\s*$/, ''), ...added].join('; ');
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type of a renderer file (by extension). */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file an app:// URL names inside `rendererDir`, or null when it names nothing there: another
 * scheme or host, a malformed escape, `..` / `.` segments (also percent-encoded), backslashes,
 * drive letters or NUL, or anything that resolves outside the folder. `/` is index.html.
 */
export function resolveAppPath(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length === 0) segments.push('index.html');
  if (segments.some((s) => s === '.' || s === '..' || /[\\:\0]/.test(s))) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

/** What the protocol handler answers (turned into a Response by registerAppProtocol). */
export interface AppResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string | null;
}

/** Headers of every app:// answer: the CSP and no MIME sniffing, no referrer. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

const plain = (status: number, text: string, extra: Record<string, string> = {}): AppResponse => ({
  status,
  headers: { ...appResponseHeaders('text/plain; charset=utf-8'), ...extra },
  body: text,
});

/** Answers one app:// request from the files of `rendererDir` (GET and HEAD only). */
export async function serveAppRequest(
  rendererDir: string,
  request: { readonly url: string; readonly method: string },
  read: (path: string) => Promise<Uint8Array> = readFile,
): Promise<AppResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const file = resolveAppPath(rendererDir, request.url);
  if (!file) return plain(404, 'Not found');
  let data: Uint8Array;
  try {
    data = await read(file);
  } catch {
    return plain(404, 'Not found');
  }
  return { status: 200, headers: appResponseHeaders(contentTypeOf(file)), body: request.method === 'HEAD' ? null : data };
}

/** Serves the built renderer on app:// (call once the app is ready). */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await serveAppRequest(rendererDir, request);
    const body = typeof answer.body === 'string' || answer.body === null ? answer.body : new Uint8Array(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}
