import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { EventMessage } from '../../core/contract/events';
import { MAX_INPUT_BYTES } from '../../core/contract/limits';
import { statusOf, type Dispatch } from './dispatch';
import { parseJsonInput } from './json-input';
import { findResourcesDir } from './paths';
import { isLoopbackHost, isLoopbackSocketPeer, sameSecret, type ServerIdentity } from './rest/access';

/**
 * Largest RPC body accepted. Imports carry a document of up to `MAX_INPUT_BYTES` as a JSON
 * string, and escaping grows it (every quote, backslash and newline takes two characters), so the
 * transport allows twice that; the request schema then holds the text itself to the limit.
 */
export const RPC_BODY_LIMIT = 2 * MAX_INPUT_BYTES;

/** The Content-Security-Policy of the renderer, also sent as a header in browser mode. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface HttpTransportOptions {
  readonly dispatch: Dispatch;
  readonly onEvent: (listener: (event: EventMessage) => void) => () => void;
  /** Built renderer to serve at `/` (browser mode); null serves the RPC API only. */
  readonly rendererDir: string | null;
  readonly host?: string;
  readonly port?: number;
  /** Per-launch bearer token; generated when absent. */
  readonly token?: string;
  readonly bodyLimit?: number;
  /** Extra router (the northbound REST API) for the paths it claims; see {@link MountedRouter}. */
  readonly router?: MountedRouter;
  /**
   * The API token (`--api-token`): when set, every browser signs in with it on the login page
   * before the UI (and the per-launch token in it) is served, loopback peers included.
   */
  readonly apiToken?: string | null;
  /**
   * Whether a request comes from this machine. Default: the socket's peer address
   * (127.0.0.0/8, ::1); never the Host or Origin header. Tests inject it to act as a remote peer.
   */
  readonly isLoopbackPeer?: (req: IncomingMessage) => boolean;
  /** The peer address REST access checks against `--allow-from` (default: the socket's); tests inject one. */
  readonly peerAddress?: (req: IncomingMessage) => string | undefined;
}

/** How long a browser sign-in lasts (the session also ends when the server stops). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Most sign-in sessions kept at once; the oldest is dropped first. */
const MAX_SESSIONS = 1000;
/** Largest login form accepted. */
const LOGIN_BODY_LIMIT = 8 * 1024;
/** The login page's own policy: no script at all, forms post only to this server. */
export const LOGIN_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * A router mounted beside the RPC API. It gets the requests whose path it claims before the
 * Host check and static serving, and applies its own access rules, told who the server is.
 */
export interface MountedRouter {
  claims(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, server: ServerIdentity): Promise<void>;
}

/** A running HTTP transport. */
export interface HttpTransport {
  readonly url: string;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * The HTTP transport of the contract (browser mode, headless clients, tests).
 *
 * `POST /rpc/<method>` with a JSON body → the same `dispatch` as IPC, `GET /events` as
 * server-sent events, the renderer at `/` with the per-launch token in a meta tag. Bound to
 * 127.0.0.1 by default; every RPC/event request needs the bearer token (header, or `?token=`
 * for EventSource), an Origin equal to ours when one is sent, and, on a loopback bind, a Host
 * naming this server (against DNS rebinding).
 *
 * Who gets the page (and so the per-launch token) is decided by the connection, never by a
 * header: without an API token only peers on this machine (by socket address) get it and
 * others are refused; with an API token every browser first signs in with it at `/login`,
 * which sets an HttpOnly, SameSite=Strict session cookie for this port.
 */
export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const bodyLimit = options.bodyLimit ?? RPC_BODY_LIMIT;
  const apiToken = options.apiToken === undefined || options.apiToken === '' ? null : options.apiToken;
  const isLoopbackPeer = options.isLoopbackPeer ?? isLoopbackSocketPeer;
  /** Bound to a loopback address: the Host header must name this server (DNS rebinding). */
  const loopbackBind = isLoopbackHost(host);
  const sockets = new Set<Socket>();
  const sessions = new Map<string, number>();
  let origin = '';
  let allowedHosts = new Set<string>();
  let cookieName = '';

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL', 'Internal error in the HTTP transport.'));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      const target = req.url ?? '/';
      // Origin + path, so that '//vnf-connectivity' (a base URL with a trailing '/') stays a path, not a host.
      url = target.startsWith('/') ? new URL(`${origin}${target}`) : new URL(target, origin);
    } catch {
      req.resume();
      return sendJson(res, 400, errorBody('INVALID_INPUT', 'The request URL is malformed; use a path such as /rpc/app.info.'));
    }
    if (options.router?.claims(url.pathname)) {
      return options.router.handle(req, res, url, { origin, allowedHosts, isLoopbackPeer, ...(options.peerAddress ? { peerAddress: options.peerAddress } : {}) });
    }
    if (loopbackBind && !allowedHosts.has(req.headers.host ?? '')) {
      req.resume();
      return sendJson(res, 421, errorBody('INVALID_INPUT', `Host '${req.headers.host ?? ''}' is not this server; use ${origin}.`));
    }
    if (url.pathname.startsWith('/rpc/')) return handleRpc(req, res, url.pathname.slice('/rpc/'.length));
    if (url.pathname === '/events') return handleEvents(req, res, url);
    if (url.pathname === '/login') return handleLogin(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      return sendJson(res, 405, errorBody('INVALID_INPUT', `${req.method} is not allowed on ${url.pathname}.`));
    }
    return serveStatic(req, res, url.pathname);
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, encodedMethod: string): Promise<void> {
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 405, errorBody('INVALID_INPUT', `Use POST /rpc/<method> with a JSON body (got ${req.method ?? 'no method'}).`));
    }
    const denied = checkAccess(req, null);
    if (denied) {
      req.resume();
      return sendJson(res, denied.status, errorBody('INVALID_INPUT', denied.message));
    }
    let method: string;
    try {
      method = decodeURIComponent(encodedMethod);
    } catch {
      req.resume();
      return sendJson(res, 400, errorBody('INVALID_INPUT', `The method name in /rpc/${encodedMethod} is not valid percent-encoding; methods look like /rpc/topology.get.`));
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return sendJson(res, 415, errorBody('INVALID_INPUT', `Content-Type must be application/json (got '${type || 'none'}').`));
    }
    const body = await readBody(req, bodyLimit);
    if (body === 'too-large') {
      return sendJson(res, 413, errorBody('INVALID_INPUT', `Request body is larger than ${bodyLimit} bytes. Split the input or raise the limit.`));
    }
    const parsed = body.length === 0 ? { ok: true as const, value: {} } : parseJsonInput(body.toString('utf8'), 'Request body');
    if (!parsed.ok) return sendJson(res, 400, { ok: false, error: { code: parsed.problem.code, message: parsed.problem.message, details: { pointer: parsed.problem.pointer } } });
    const envelope = await options.dispatch(method, parsed.value);
    sendJson(res, envelope.ok ? 200 : statusOf(envelope.error.code), envelope);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const denied = checkAccess(req, url.searchParams.get('token'));
    if (denied) return sendJson(res, denied.status, errorBody('INVALID_INPUT', denied.message));
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(': connected\n\n');
    const unsubscribe = options.onEvent((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  /** An Origin header, when sent, names the server the request is addressed to (same origin). */
  function originAllowed(req: IncomingMessage): boolean {
    const reqOrigin = req.headers.origin;
    return reqOrigin === undefined || reqOrigin === origin || reqOrigin === `http://${req.headers.host ?? ''}`;
  }

  function checkAccess(req: IncomingMessage, queryToken: string | null): { status: number; message: string } | null {
    if (!originAllowed(req)) {
      return { status: 403, message: `Origin '${req.headers.origin ?? ''}' is not allowed; only pages served by ${origin} may call this API.` };
    }
    if (apiToken === null && !isLoopbackPeer(req)) {
      return { status: 403, message: REMOTE_REFUSED };
    }
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : (queryToken ?? '');
    if (!sameSecret(given, token)) {
      return { status: 401, message: 'Missing or wrong bearer token. The page served at / carries it; CLI clients get it from the serve output.' };
    }
    return null;
  }

  /** Whether this request may have the UI: a signed-in browser, or with no API token a peer on this machine. */
  function uiAccess(req: IncomingMessage): 'open' | 'sign-in' | 'refused' {
    if (apiToken !== null) return hasSession(req) ? 'open' : 'sign-in';
    return isLoopbackPeer(req) ? 'open' : 'refused';
  }

  function hasSession(req: IncomingMessage): boolean {
    const id = readCookie(req.headers.cookie, cookieName);
    if (id === null) return false;
    const expires = sessions.get(id);
    if (expires === undefined) return false;
    if (expires <= Date.now()) {
      sessions.delete(id);
      return false;
    }
    return true;
  }

  function newSession(): string {
    const id = randomBytes(32).toString('base64url');
    while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    sessions.set(id, Date.now() + SESSION_TTL_MS);
    return id;
  }

  /** `GET /login` shows the form; `POST /login` with `token=<API token>` signs the browser in. */
  async function handleLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (apiToken === null || hasSession(req)) return redirect(res, '/');
      return sendLoginPage(res, 200, null);
    }
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 405, errorBody('INVALID_INPUT', `${req.method} is not allowed on /login; use GET or POST.`));
    }
    if (!originAllowed(req)) {
      req.resume();
      return sendJson(res, 403, errorBody('INVALID_INPUT', `Origin '${req.headers.origin ?? ''}' may not sign in here; open ${origin}/login instead.`));
    }
    if (apiToken === null) {
      req.resume();
      return redirect(res, '/');
    }
    const body = await readBody(req, LOGIN_BODY_LIMIT);
    const given = body === 'too-large' ? '' : (new URLSearchParams(body.toString('utf8')).get('token') ?? '').trim();
    if (given === '' || !sameSecret(given, apiToken)) {
      return sendLoginPage(res, 401, given === '' ? 'Enter the API token.' : 'That is not the API token of this server.');
    }
    res.writeHead(303, {
      Location: '/',
      'Set-Cookie': `${cookieName}=${newSession()}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`,
      'Cache-Control': 'no-store',
      'Content-Length': 0,
    });
    res.end();
  }

  function sendLoginPage(res: ServerResponse, status: number, message: string | null): void {
    const html = loginPage().replace('{{message}}', message === null ? '' : `<p class="error" role="alert">${escapeHtml(message)}</p>`);
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Content-Security-Policy': LOGIN_CSP,
      'Cache-Control': 'no-store',
      // Not no-referrer: a form posted under it carries "Origin: null", which the check refuses.
      'Referrer-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(html);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (options.rendererDir === null) {
      return sendJson(res, 404, errorBody('NOT_FOUND', 'This server has no UI (renderer not built). Run `npm run build`, or use POST /rpc/<method>.'));
    }
    const access = uiAccess(req);
    if (access === 'sign-in') return sendLoginPage(res, 401, null);
    if (access === 'refused') {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(`${REMOTE_REFUSED}\n`);
      return;
    }
    const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
    const file = normalize(join(options.rendererDir, relative));
    if (!file.startsWith(options.rendererDir + sep) && file !== join(options.rendererDir, 'index.html')) {
      return sendJson(res, 404, errorBody('NOT_FOUND', `No such file: ${pathname}`));
    }
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return sendJson(res, 404, errorBody('NOT_FOUND', `No such file: ${pathname}`));
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
    if (relative === 'index.html') {
      content = Buffer.from(injectToken(content.toString('utf8'), token), 'utf8');
      headers['Content-Security-Policy'] = RENDERER_CSP;
      headers['Cache-Control'] = 'no-store';
      headers['Referrer-Policy'] = 'no-referrer';
    }
    res.writeHead(200, headers);
    res.end(content);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  origin = `http://${shownHost}:${port}`;
  allowedHosts = new Set([`${shownHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  cookieName = `wicm_session_${port}`;

  return {
    url: `${origin}/`,
    token,
    server,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolvePromise());
      }),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Why a peer on another machine gets nothing from a server without an API token. */
const REMOTE_REFUSED =
  'This WICM Studio server answers only this machine. To use it from another host, restart it with --api-token-file <file> (or WICM_API_TOKEN) and sign in with that token.';

let loginHtml: string | null = null;
/** The login page (resources/login.html), read once. */
function loginPage(): string {
  loginHtml ??= readFileSync(join(findResourcesDir(), 'login.html'), 'utf8');
  return loginHtml;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The value of one cookie in a Cookie header, or null. */
function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

/** Adds the token meta tag the renderer's HTTP transport reads. */
function injectToken(html: string, token: string): string {
  return html.replace('</head>', `<meta name="wicm-token" content="${token}">\n</head>`);
}

function errorBody(code: string, message: string): unknown {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** Reads a request body up to `limit` bytes; 'too-large' when it is longer. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      resolvePromise('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
