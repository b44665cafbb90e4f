import type { ErrorStyle } from './errors';

/** HTTP methods the REST API serves. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A request as a route handler sees it: access checked, body read and parsed. */
export interface RestRequest {
  readonly method: HttpMethod;
  readonly pathname: string;
  /** Path parameters by name (`/api/v1/flows/{id}` → `id`), URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body; undefined when the request had none. */
  readonly body: unknown;
  /** The body as sent (importers take text). */
  readonly text: string;
  /** `http://host:port` as the client addressed this server (for links in answers). */
  readonly origin?: string;
}

/** What a handler answers: status and JSON body (none for 204). */
export interface RestReply {
  readonly status: number;
  readonly body?: unknown;
}

/** One endpoint. */
export interface Route {
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/v1/flows/{id}`. */
  readonly path: string;
  /** How this endpoint's API family spells errors. */
  readonly style: ErrorStyle;
  /**
   * `forced`: the body is read as JSON whatever its Content-Type (demi-wicm's
   * `get_json(force=True)` routes), and bytes that are not UTF-8 and carry no charset are read
   * as ISO-8859-1, which is what Open Baton's event sender sends. Default `json`: a JSON
   * Content-Type is required (415) and the body must be UTF-8 unless its charset says otherwise.
   */
  readonly body?: 'json' | 'forced';
  readonly handle: (req: RestRequest) => Promise<RestReply>;
}

/** A JSON reply. */
export function reply(status: number, body?: unknown): RestReply {
  return body === undefined ? { status } : { status, body };
}
