import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { isAddressInPrefix, tryParsePrefix } from '../../../core/net';
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
  /** The API token: Bearer header, Basic credentials or `?token=`; null = none (loopback and allowed networks only). */
  readonly token: string | null;
  /** Client networks (`--allow-from`, canonical CIDRs) admitted without a token. */
  readonly allowFrom: readonly string[];
}

/** The server's own identity, to check Host and Origin headers against. */
export interface ServerIdentity {
  /** `http://127.0.0.1:4321` */
  readonly origin: string;
  /** `host:port` values naming this server. */
  readonly allowedHosts: ReadonlySet<string>;
  /** Whether the request comes from this machine, judged by the socket's peer address (never a header). */
  readonly isLoopbackPeer: (req: IncomingMessage) => boolean;
  /** The socket's peer address (default `req.socket.remoteAddress`; tests inject a remote one). */
  readonly peerAddress?: (req: IncomingMessage) => string | undefined;
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
 * The access policy for a bind address, an optional token and the `--allow-from` networks.
 *
 * Loopback without a token: open to local processes (orchestrators on the same machine).
 * Anywhere else a token of at least {@link MIN_TOKEN_LENGTH} characters, or at least one allowed
 * network, is required, and their absence is refused here (CoreError INVALID_INPUT) so the server
 * never starts exposed. Each network must be a CIDR without host bits (`10.0.0.0/8`).
 */
export function accessPolicy(bindHost: string, token: string | null | undefined, allowFrom: readonly string[] = []): AccessPolicy {
  const loopback = isLoopbackHost(bindHost);
  const given = token === undefined || token === null || token === '' ? null : token;
  const networks = allowFrom.map(allowedNetwork);
  if (!loopback && given === null && networks.length === 0) {
    throw new CoreError(
      'INVALID_INPUT',
      `The REST API would be reachable from other hosts on ${bindHost} without a token: pass --api-token-file <file> (or set WICM_API_TOKEN), admit client networks with --allow-from <CIDR>, or bind to 127.0.0.1.`,
    );
  }
  if (given !== null && given.length < MIN_TOKEN_LENGTH) {
    throw new CoreError('INVALID_INPUT', `The API token is ${given.length} characters long; use at least ${MIN_TOKEN_LENGTH} (e.g. \`openssl rand -hex 24\`).`);
  }
  return { bindHost, loopback, token: given, allowFrom: networks };
}

/** One `--allow-from` value as a canonical CIDR, or a CoreError saying how to write it. */
function allowedNetwork(text: string): string {
  const parsed = tryParsePrefix(text);
  if (!parsed.ok) throw new CoreError('INVALID_INPUT', `--allow-from '${text}': ${parsed.message}`);
  if (!text.includes('/')) throw new CoreError('INVALID_INPUT', `--allow-from '${text}' is an address; write a network such as ${parsed.value.prefix} (one host) or 10.0.0.0/8.`);
  if (parsed.value.hostBitsSet) {
    throw new CoreError('INVALID_INPUT', `--allow-from '${text}' has host bits set; write the network as ${parsed.value.prefix}.`);
  }
  return parsed.value.prefix;
}

/** The challenge every 401 carries: Apache HttpClient (Open Baton) sends URL credentials only after it. */
export const BASIC_CHALLENGE = 'Basic realm="WICM", charset="UTF-8"';

/**
 * Checks one request against the policy: Host (loopback binds, against DNS rebinding), Origin
 * (a browser page of another site must not drive the API), then the peer (this machine without
 * a token; an `--allow-from` network always), then the API token from `Authorization: Bearer`,
 * HTTP Basic credentials (`http://wicm:TOKEN@host` — any user with the token as password, or the
 * token as user with an empty password) or `?token=`.
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
  if (policy.allowFrom.length > 0 && inNetworks((server.peerAddress ?? socketPeer)(req), policy.allowFrom)) return null;
  if (policy.token === null) {
    if (server.isLoopbackPeer(req)) return null;
    return new RestError(403, 'FORBIDDEN_PEER', 'Without an API token this API answers only programs on the same machine and the networks given with --allow-from; start the server with --api-token-file <file> (or WICM_API_TOKEN), or add the client\'s network with --allow-from <CIDR>.');
  }
  const given = credentials(req, url);
  if (given === null) {
    return new RestError(401, 'UNAUTHORIZED', 'This API needs the API token: put it in the URL as http://wicm:<token>@host:port (HTTP Basic), send "Authorization: Bearer <token>", or add ?token=<token>.');
  }
  if (!given.some((candidate) => sameSecret(candidate, policy.token!))) return new RestError(401, 'UNAUTHORIZED', 'Wrong API token.');
  return null;
}

/**
 * The token candidates a request carries: the Bearer token; for Basic credentials the password,
 * or the user name when the password is empty (`http://TOKEN@host`); else `?token=`. Null: none.
 */
function credentials(req: IncomingMessage, url: URL): string[] | null {
  const header = (req.headers.authorization ?? '').trim();
  if (/^Bearer\s/i.test(header)) return [header.slice('Bearer'.length).trim()];
  if (/^Basic\s/i.test(header)) {
    const decoded = Buffer.from(header.slice('Basic'.length).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    return [password === '' ? user : password];
  }
  const query = url.searchParams.get('token');
  return query === null || query === '' ? null : [query];
}

function socketPeer(req: IncomingMessage): string | undefined {
  return req.socket.remoteAddress;
}

/** Whether a peer address lies in one of the networks (IPv4 peers may come IPv4-mapped, `::ffff:a.b.c.d`). */
function inNetworks(address: string | undefined, networks: readonly string[]): boolean {
  if (address === undefined || address === '') return false;
  const bare = address.toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
  const candidates = mapped === undefined ? [bare] : [bare, mapped];
  return candidates.some((a) => isIP(a) !== 0 && networks.some((n) => (isIP(a) === 4) === !n.includes(':') && isAddressInPrefix(a, n)));
}

/** Constant-time comparison: both sides are hashed first, so neither content nor length leaks. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
