import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { EventMessage } from '../../core/contract/events';
import { MAX_INPUT_BYTES } from '../../core/contract/limits';
import { statusOf, type Dispatch } from './dispatch';
import { parseJsonInput } from './json-input';

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
}

/**
 * A router mounted beside the RPC API. It gets the requests whose path it claims before the
 * Host check and static serving, and applies its own access rules, told who the server is.
 */
export interface MountedRouter {
  claims(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, server: { readonly origin: string; readonly allowedHosts: ReadonlySet<string> }): Promise<void>;
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
 * for EventSource), an Origin equal to ours when one is sent, and a Host naming this server
 * (against DNS rebinding).
 */
export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const bodyLimit = options.bodyLimit ?? RPC_BODY_LIMIT;
  const sockets = new Set<Socket>();
  let origin = '';
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (options.router?.claims(url.pathname)) return options.router.handle(req, res, url, { origin, allowedHosts });
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendJson(res, 421, errorBody('INVALID_INPUT', `Host '${req.headers.host ?? ''}' is not this server; use ${origin}.`));
    }
    if (url.pathname.startsWith('/rpc/')) return handleRpc(req, res, decodeURIComponent(url.pathname.slice('/rpc/'.length)));
    if (url.pathname === '/events') return handleEvents(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, errorBody('INVALID_INPUT', `${req.method} is not allowed on ${url.pathname}.`));
    return serveStatic(res, url.pathname);
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, errorBody('INVALID_INPUT', `Use POST /rpc/${method} with a JSON body.`));
    const denied = checkAccess(req, null);
    if (denied) return sendJson(res, denied.status, errorBody('INVALID_INPUT', denied.message));
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

  function checkAccess(req: IncomingMessage, queryToken: string | null): { status: number; message: string } | null {
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin) {
      return { status: 403, message: `Origin '${reqOrigin}' is not allowed; only pages served by ${origin} may call this API.` };
    }
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : (queryToken ?? '');
    if (!sameSecret(given, token)) {
      return { status: 401, message: 'Missing or wrong bearer token. The page served at / carries it; CLI clients get it from the serve output.' };
    }
    return null;
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (options.rendererDir === null) {
      return sendJson(res, 404, errorBody('NOT_FOUND', 'This server has no UI (renderer not built). Run `npm run build`, or use POST /rpc/<method>.'));
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

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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
