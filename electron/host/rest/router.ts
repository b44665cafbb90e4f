import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_REST_BODY_BYTES } from '../../../core/contract/limits';
import type { Logger } from '../../../core/service/ports';
import { readBody, type MountedRouter } from '../http';
import { parseJsonInput } from '../json-input';
import { BASIC_CHALLENGE, checkAccess, type AccessPolicy, type ServerIdentity } from './access';
import { EngineCallError, errorBody, fromEngineError, RestError, type ErrorStyle } from './errors';
import type { HttpMethod, RestReply, Route } from './route';

/** Default largest request body of the REST API (the shared limit of core/contract/limits.ts). */
export const REST_BODY_LIMIT = MAX_REST_BODY_BYTES;

/** Options of {@link createRouter}. */
export interface RouterOptions {
  readonly routes: readonly Route[];
  readonly policy: AccessPolicy;
  readonly logger: Logger;
  /** Largest request body in bytes (413 above); default {@link REST_BODY_LIMIT}. */
  readonly bodyLimit?: number;
}

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/**
 * The REST API as a router the HTTP transport mounts: it claims the first path segments of
 * its routes (`/api`, `/nap`, `/nfvi`, `/vnf-connectivity`), checks access, reads a bounded
 * JSON body, runs the handler and answers JSON, errors included (never HTML, never a stack).
 */
export function createRouter(options: RouterOptions): MountedRouter {
  const bodyLimit = options.bodyLimit ?? REST_BODY_LIMIT;
  const compiled = options.routes.map(compile);
  const roots = new Set(options.routes.map((r) => firstSegment(r.path)));

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL, server: ServerIdentity): Promise<void> {
    const style = styleFor(options.routes, url.pathname);
    const denied = checkAccess(options.policy, req, url, server);
    if (denied) {
      req.resume();
      return sendError(res, style, denied);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const onPath = compiled.map((c) => ({ c, m: c.pattern.exec(url.pathname) })).filter((x) => x.m !== null);
    const hit = onPath.find((x) => x.c.route.method === method);
    if (!hit) {
      req.resume();
      if (onPath.length === 0) {
        return sendError(res, style, new RestError(404, 'NOT_FOUND', `No endpoint ${method} ${url.pathname}; GET /api/openapi.json lists them.`));
      }
      const allow = [...new Set(onPath.map((x) => x.c.route.method))].join(', ');
      return sendError(res, style, new RestError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}; use ${allow}.`), { Allow: allow });
    }
    const { route } = hit.c;
    const params: Record<string, string> = {};
    const groups = hit.m!.slice(1);
    for (const [i, name] of hit.c.names.entries()) params[name] = safeDecode(groups[i] ?? '');
    const body = await readJsonBody(req, bodyLimit, route.body ?? 'json');
    if (body instanceof RestError) return sendError(res, route.style, body, body.status === 413 ? { Connection: 'close' } : {});
    let answer: RestReply;
    try {
      answer = await route.handle({ method: route.method, pathname: url.pathname, params, query: url.searchParams, body: body.value, text: body.text, origin: originOf(req.headers.host, url) });
    } catch (e) {
      return sendError(res, route.style, toRestError(e, options.logger, `${method} ${url.pathname}`));
    }
    sendJson(res, answer.status, answer.body);
  }

  return {
    claims: (pathname) => roots.has(firstSegment(collapseSlashes(pathname))),
    handle: async (req, res, url, server) => {
      try {
        // A base URL configured with a trailing '/' puts '//vnf-connectivity' or '//api/sm' on the wire (TeNOR, Katana).
        url.pathname = collapseSlashes(url.pathname);
        await serve(req, res, url, server);
      } catch (e) {
        options.logger.error(`REST ${req.method ?? ''} ${url.pathname} failed`, e instanceof Error ? e.stack : e);
        if (!res.headersSent) sendError(res, 'wicm', new RestError(500, 'INTERNAL', 'Internal error; the server log has the details.'));
        else res.destroy();
      }
    },
  };
}

/** Every route's method and path template (for the OpenAPI coverage check). */
export function routeKeys(routes: readonly Route[]): string[] {
  return routes.map((r) => `${r.method} ${r.path}`);
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((part) => {
      const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(part);
      if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

function collapseSlashes(path: string): string {
  return path.replace(/\/{2,}/g, '/');
}

function firstSegment(path: string): string {
  return `/${path.split('/')[1] ?? ''}`;
}

/** The error style of the route sharing the longest literal prefix with the path. */
function styleFor(routes: readonly Route[], pathname: string): ErrorStyle {
  let best: { style: ErrorStyle; length: number } = { style: 'wicm', length: 0 };
  for (const route of routes) {
    const literal = route.path.split('{')[0]!;
    let n = 0;
    while (n < literal.length && n < pathname.length && literal[n] === pathname[n]) n++;
    if (n > best.length && firstSegment(route.path) === firstSegment(pathname)) best = { style: route.style, length: n };
  }
  return best.style;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function readJsonBody(req: IncomingMessage, limit: number, mode: 'json' | 'forced'): Promise<{ value: unknown; text: string } | RestError> {
  const method = (req.method ?? 'GET') as HttpMethod;
  if (method !== 'POST' && method !== 'PUT') {
    req.resume();
    return { value: undefined, text: '' };
  }
  const raw = await readBody(req, limit);
  if (raw === 'too-large') {
    return new RestError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes; send one record per request.`);
  }
  const type = req.headers['content-type'] ?? '';
  const text = decodeBody(raw, type, mode);
  if (text instanceof RestError) return text;
  if (text.trim() === '') return { value: undefined, text: '' };
  if (mode === 'json' && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    return new RestError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the body as JSON with "Content-Type: application/json" (got '${type || 'none'}').`);
  }
  const parsed = parseJsonInput(text, 'The body');
  return parsed.ok ? { value: parsed.value, text } : new RestError(400, parsed.problem.code, parsed.problem.message, parsed.problem.pointer);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const LATIN1 = /^(iso-8859-1|latin1|l1|iso_8859-1|cp819|us-ascii|windows-1252)$/i;

/**
 * The body as text, never with silently replaced bytes: the charset of the Content-Type when it
 * names ISO-8859-1, else strict UTF-8. On `forced` routes a body that is not UTF-8 and names no
 * charset is read as ISO-8859-1 (Open Baton encodes events that way without saying so).
 */
function decodeBody(raw: Buffer, type: string, mode: 'json' | 'forced'): string | RestError {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1];
  if (charset !== undefined && LATIN1.test(charset)) return raw.toString('latin1');
  try {
    return STRICT_UTF8.decode(raw);
  } catch {
    if (mode === 'forced' && charset === undefined) return raw.toString('latin1');
    const at = firstBadUtf8(raw);
    return new RestError(400, 'INVALID_INPUT', `The body is not UTF-8 text (byte ${at} is not valid UTF-8); send UTF-8 JSON, or name the charset in the Content-Type (e.g. "application/json; charset=iso-8859-1").`);
  }
}

/** Offset of the first byte that is not valid UTF-8: the first U+FFFD a lossy decode made that the bytes do not spell. */
function firstBadUtf8(raw: Buffer): number {
  const text = raw.toString('utf8');
  let offset = 0;
  for (const char of text) {
    const literal = char === '\ufffd' && raw[offset] === 0xef && raw[offset + 1] === 0xbf && raw[offset + 2] === 0xbd;
    if (char === '\ufffd' && !literal) return offset;
    offset += Buffer.byteLength(char, 'utf8');
  }
  return offset;
}

function toRestError(e: unknown, logger: Logger, what: string): RestError {
  if (e instanceof RestError) return e;
  if (e instanceof EngineCallError) return fromEngineError(e);
  logger.error(`REST ${what} failed`, e instanceof Error ? e.stack : e);
  return new RestError(500, 'INTERNAL', 'Internal error; the server log has the details.');
}

function sendError(res: ServerResponse, style: ErrorStyle, e: RestError, headers: Record<string, string> = {}): void {
  // Apache HttpClient (Open Baton) sends URL credentials only after a Basic challenge.
  const extra = e.status === 401 ? { 'WWW-Authenticate': BASIC_CHALLENGE, ...headers } : headers;
  sendJson(res, e.status, errorBody(style, e), extra);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** `http://<Host header>` (how the client reached this server), or the server's own origin when the header is absent or not a host. */
function originOf(host: string | undefined, url: URL): string {
  if (host === undefined || host === '') return url.origin;
  try {
    const parsed = new URL(`http://${host}`);
    return parsed.host === host.toLowerCase() ? parsed.origin : url.origin;
  } catch {
    return url.origin;
  }
}
