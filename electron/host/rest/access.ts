import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { CoreError } from '../../../core/util/core-error';
import { RestError } from './errors';

/** Shortest API token accepted for a server reachable from other hosts. */
export const MIN_TOKEN_LENGTH = 16;

/** Who may call the REST API. */
export interface AccessPolicy {
  /** The address the server is exposed on (as given to `--host`). */
  readonly bindHost: string;
  /** Bound to a loopback address: the Host header is checked (DNS rebinding). */
  readonly loopback: boolean;
  /** Bearer token every request must carry; null = none needed (loopback only). */
  readonly token: string | null;
}

/** The server's own identity, to check Host and Origin headers against. */
export interface ServerIdentity {
  /** `http://127.0.0.1:4321` */
  readonly origin: string;
  /** `host:port` values naming this server. */
  readonly allowedHosts: ReadonlySet<string>;
  /** Whether the request comes from this machine, judged by the socket's peer address (never a header). */
  readonly isLoopbackPeer: (req: IncomingMessage) => boolean;
}

/** Whether an address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  if (bare.startsWith('::ffff:')) return isLoopbackHost(bare.slice('::ffff:'.length));
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * Whether a socket's peer address is this machine: 127.0.0.0/8, ::1, or either mapped into
 * IPv6 (`::ffff:127.x.y.z`). This is the address the connection came from, which a client cannot
 * choose the way it chooses a Host or Origin header.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined || address === '') return false;
  const bare = address.toLowerCase().replace(/%.*$/, '');
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** The real peer check: the socket's remote address. */
export function isLoopbackSocketPeer(req: IncomingMessage): boolean {
  return isLoopbackAddress(req.socket.remoteAddress);
}

/**
 * The access policy for a bind address and an optional token.
 *
 * Loopback without a token: open to local processes (orchestrators on the same machine).
 * Anywhere else a token of at least {@link MIN_TOKEN_LENGTH} characters is required, and its
 * absence is refused here (CoreError INVALID_INPUT) so the server never starts exposed.
 */
export function accessPolicy(bindHost: string, token: string | null | undefined): AccessPolicy {
  const loopback = isLoopbackHost(bindHost);
  const given = token === undefined || token === null || token === '' ? null : token;
  if (!loopback && given === null) {
    throw new CoreError(
      'INVALID_INPUT',
      `The REST API would be reachable from other hosts on ${bindHost} without a token: pass --api-token <secret> (or set WICM_API_TOKEN), or bind to 127.0.0.1.`,
    );
  }
  if (given !== null && given.length < MIN_TOKEN_LENGTH) {
    throw new CoreError('INVALID_INPUT', `The API token is ${given.length} characters long; use at least ${MIN_TOKEN_LENGTH} (e.g. \`openssl rand -hex 24\`).`);
  }
  return { bindHost, loopback, token: given };
}

/**
 * Checks one request against the policy: Host (loopback binds, against DNS rebinding), Origin
 * (a browser page of another site must not drive the API), then the bearer token from the
 * `Authorization` header or, for orchestrators that cannot set headers, `?token=`.
 */
export function checkAccess(policy: AccessPolicy, req: IncomingMessage, url: URL, server: ServerIdentity): RestError | null {
  const host = req.headers.host ?? '';
  if (policy.loopback && !server.allowedHosts.has(host)) {
    return new RestError(421, 'MISDIRECTED_REQUEST', `Host '${host}' is not this server; call ${server.origin}.`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== server.origin) {
    return new RestError(403, 'FORBIDDEN_ORIGIN', `Origin '${origin}' may not call this API; orchestrators call it directly, not from a web page.`);
  }
  if (policy.token === null) {
    if (server.isLoopbackPeer(req)) return null;
    return new RestError(403, 'FORBIDDEN_PEER', 'Without an API token this API answers only programs on the same machine; start the server with --api-token-file <file> (or WICM_API_TOKEN) to accept other hosts.');
  }
  const header = req.headers.authorization ?? '';
  const given = /^Bearer /i.test(header) ? header.slice('Bearer '.length).trim() : (url.searchParams.get('token') ?? '');
  if (given === '') {
    return new RestError(401, 'UNAUTHORIZED', 'This API needs a token: send "Authorization: Bearer <token>" or add ?token=<token> to the URL.');
  }
  if (!sameSecret(given, policy.token)) return new RestError(401, 'UNAUTHORIZED', 'Wrong API token.');
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
