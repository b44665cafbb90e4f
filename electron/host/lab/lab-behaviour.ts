/** A request as a controller behaviour sees it (auth, body limit and faults already handled). */
export interface LabHttpRequest {
  readonly method: string;
  /** The path without query, still percent-encoded. */
  readonly pathname: string;
  readonly query: URLSearchParams;
  /** The body as text ('' when empty). */
  readonly body: string;
  /** Origin of this server as the client addressed it, e.g. `http://127.0.0.1:8181`. */
  readonly origin: string;
}

/** An answer: `json` is serialised as application/json; neither `json` nor `text` = empty body. */
export interface LabHttpResponse {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What makes a lab server behave like one controller kind. */
export interface LabBehaviour {
  handle(request: LabHttpRequest): LabHttpResponse;
  /**
   * Finishes an answer with what only the data plane knows (the lab ONOS's flow counters, read
   * from the live lab's Open vSwitch tables); absent: the answer of `handle` is final.
   */
  complete?(request: LabHttpRequest, response: LabHttpResponse): Promise<LabHttpResponse>;
  /** The answer to missing or wrong credentials (status 401). */
  unauthorized(): LabHttpResponse;
  /** The answer to a body over the limit (status 413). */
  tooLarge(limit: number): LabHttpResponse;
  /** The answer of an injected status fault without its own body, in the controller's error envelope. */
  injected(status: number): LabHttpResponse;
  /** JSON snapshot of the configuration state. */
  snapshot(): unknown;
  /** Back to the initial state (seed topology kept). */
  reset(): void;
}

/** Splits a percent-encoded path into decoded segments; undefined when an escape is malformed. */
export function pathSegments(pathname: string): readonly string[] | undefined {
  try {
    return pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}
