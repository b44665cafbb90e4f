import type { ControllerTargetDto } from '../contract/api';
import { CoreError } from '../util/core-error';
import { StepFailure, type DriverRequest } from './driver';
import { isHttpError, isSuccess, redactUrl, type HttpClient, type HttpError, type HttpResponse } from './http';

/** Default per-request deadline. */
export const DEFAULT_TIMEOUT_MS = 10_000;

const bases = new Map<string, readonly string[]>();
/** The member each cluster target last got an answer from (index into its members). */
const healthy = new Map<string, number>();

/**
 * The base URLs of a target's members: `url` lists one controller, or the members of a cluster
 * separated by commas or spaces (ODL and ONOS run as clusters of equal members). Each without a
 * trailing slash, `/restconf` or `/onos/v1` (paths add them back).
 */
export function memberBases(target: ControllerTargetDto): readonly string[] {
  const known = bases.get(target.url);
  if (known !== undefined) return known;
  const list = target.url
    .split(/[\s,]+/)
    .filter((u) => u !== '')
    .map((u) => redactUrl(u).replace(/\/+$/, '').replace(/\/(restconf|onos\/v1)$/i, ''));
  if (bases.size > 64) bases.clear();
  bases.set(target.url, list);
  return list;
}

/** The base URL of the member in use (the only one for a single controller). */
export function baseUrl(target: ControllerTargetDto): string {
  const list = memberBases(target);
  return list[(healthy.get(target.url) ?? 0) % Math.max(1, list.length)] ?? '';
}

/** Transport failures after which the next member of a cluster is tried. */
const FAILOVER = new Set(['connection-refused', 'connection-reset', 'timeout', 'network']);

/** Whether a failure lost the answer of a write that may have been applied (the request went out). */
export function answerLost(e: unknown, request: DriverRequest): boolean {
  return isHttpError(e) && request.method !== 'GET' && (e.kind === 'connection-reset' || e.kind === 'timeout' || e.kind === 'network');
}

/**
 * Sends one request with the target's credentials and deadline; JSON in, raw answer out.
 *
 * On a cluster, a request goes to the member that answered last. When that member cannot be
 * reached the next one is used from then on: a read or a write that never went out
 * (connection refused) is sent there; a write whose answer was lost is not re-sent here (it
 * may have been applied): the failure goes to the caller, which reads back on the next member
 * before retrying (`applyOnce` in failover.ts).
 */
export async function send(http: HttpClient, target: ControllerTargetDto, request: DriverRequest): Promise<HttpResponse> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const options = {
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body }),
    timeoutMs: target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    auth: { user: target.user, password: target.password },
  };
  const members = memberBases(target);
  const first = healthy.get(target.url) ?? 0;
  for (let tried = 0; ; tried++) {
    const index = (first + tried) % Math.max(1, members.length);
    try {
      const response = await http.request(request.method, `${members[index] ?? ''}${request.path}`, options);
      if (members.length > 1) healthy.set(target.url, index);
      return response;
    } catch (e) {
      const last = tried + 1 >= members.length;
      if (members.length <= 1 || !isHttpError(e) || !FAILOVER.has(e.kind)) throw e;
      healthy.set(target.url, (index + 1) % members.length);
      if (last || answerLost(e, request)) throw e;
    }
  }
}

/** Parses a JSON body; undefined when empty or not JSON. */
export function jsonBody(response: HttpResponse): unknown {
  if (response.body.trim() === '') return undefined;
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    return undefined;
  }
}

/** The controller's own error text: RESTCONF `errors.error[0].error-message`, ONOS `message`, or the body. */
export function controllerMessage(response: HttpResponse): string {
  const json = jsonBody(response) as { errors?: { error?: { 'error-message'?: unknown }[] }; message?: unknown } | undefined;
  const restconf = json?.errors?.error?.[0]?.['error-message'];
  if (typeof restconf === 'string') return restconf;
  if (typeof json?.message === 'string') return json.message;
  const text = response.body.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Throws a StepFailure unless the answer is 2xx (or one of `tolerated`). */
export function expectSuccess(response: HttpResponse, request: DriverRequest, tolerated: readonly number[] = []): HttpResponse {
  if (isSuccess(response.status) || tolerated.includes(response.status)) return response;
  const detail = controllerMessage(response);
  throw new StepFailure(response.status, `HTTP ${response.status} from ${request.method} ${request.path}${detail ? `: ${detail}` : ''}`);
}

/** Text of a step failure for the report (never credentials: HttpErrors are redacted at the source). */
export function failureText(e: unknown): string {
  if (e instanceof StepFailure || isHttpError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads one resource for the read-back; 404 means "nothing there".
 *
 * Anything that says the controller cannot be used (unreachable, bad credentials, not the
 * expected controller) becomes `DRIVER_UNAVAILABLE` naming the URL and how to fix it.
 */
export async function readResource(http: HttpClient, target: ControllerTargetDto, path: string, what: string): Promise<unknown> {
  const request: DriverRequest = { method: 'GET', path };
  let response: HttpResponse;
  try {
    response = await send(http, target, request);
  } catch (e) {
    if (!isHttpError(e)) throw e;
    throw unavailable(target, e);
  }
  if (response.status === 404) return undefined;
  if (isSuccess(response.status)) {
    const json = jsonBody(response);
    if (json === undefined && response.body.trim() !== '') {
      throw new CoreError('DRIVER_UNAVAILABLE', `${baseUrl(target)}${path} did not answer JSON: is ${baseUrl(target)} really ${what}?`);
    }
    return json;
  }
  throw unavailableStatus(target, response, path, what);
}

/** DRIVER_UNAVAILABLE for an error status met while reading. */
export function unavailableStatus(target: ControllerTargetDto, response: HttpResponse, path: string, what: string): CoreError {
  const url = baseUrl(target);
  const detail = controllerMessage(response);
  if (response.status === 401 || response.status === 403) {
    return new CoreError(
      'DRIVER_UNAVAILABLE',
      `The controller at ${url} rejected the credentials of user '${target.user}' (HTTP ${response.status}): check the user name and password.`,
      { url, status: response.status },
    );
  }
  return new CoreError(
    'DRIVER_UNAVAILABLE',
    `Reading ${url}${path} failed with HTTP ${response.status}${detail ? ` (${detail})` : ''}: check that ${url} is ${what} and that it is healthy.`,
    { url, status: response.status },
  );
}

/** DRIVER_UNAVAILABLE for a transport failure. */
export function unavailable(target: ControllerTargetDto, e: HttpError): CoreError {
  const url = baseUrl(target);
  const fix: Record<typeof e.kind, string> = {
    timeout: `it did not answer within ${target.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms: check that it is up, or raise the timeout`,
    'connection-refused': 'nothing listens there: check the host and port, and that the controller is running',
    'connection-reset': 'it closed the connection: check the URL scheme (http/https) and the controller logs',
    dns: 'the host name does not resolve: check the URL',
    tls: 'the TLS handshake failed: check the certificate, or use http:// if the controller does not speak TLS',
    network: 'the network request failed: check the URL and the network',
  };
  return new CoreError('DRIVER_UNAVAILABLE', `Cannot reach the controller at ${url} (${e.kind}): ${fix[e.kind]}.`, { url, reason: e.kind });
}
