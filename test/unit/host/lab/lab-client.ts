import { startLabController, type LabController, type LabControllerOptions } from '../../../../electron/host/lab';

/** Basic `Authorization` header value. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** An answer with its body parsed when it is JSON. */
export interface LabAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** A started controller plus an authenticated client for it. */
export interface LabHarness {
  readonly lab: LabController;
  call(method: string, path: string, body?: unknown, init?: RequestInit): Promise<LabAnswer>;
  /** VTN: `POST /restconf/operations/<rpc>` with `{"input":…}`. */
  rpc(rpc: string, input: unknown): Promise<LabAnswer>;
  close(): Promise<void>;
}

/** Starts a lab controller on an ephemeral port with a client that sends the default credentials. */
export async function startHarness(options: LabControllerOptions): Promise<LabHarness> {
  const lab = await startLabController(options);
  const defaultPassword = options.kind === 'onos' ? 'karaf' : 'admin';
  const auth = basic(options.user ?? 'admin', options.password ?? defaultPassword);
  const call = async (method: string, path: string, body?: unknown, init?: RequestInit): Promise<LabAnswer> => {
    const response = await fetch(`${lab.url}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      ...init,
    });
    const text = await response.text();
    const json = ((): unknown => {
      try {
        return text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        return undefined;
      }
    })();
    return { status: response.status, headers: response.headers, text, json };
  };
  return {
    lab,
    call,
    rpc: (rpc, input) => call('POST', `/restconf/operations/${rpc}`, { input }),
    close: () => lab.close(),
  };
}

/** The first RESTCONF error of an answer. */
export function restconfError(answer: LabAnswer): Record<string, unknown> | undefined {
  const body = answer.json as { errors?: { error?: Record<string, unknown>[] } } | undefined;
  return body?.errors?.error?.[0];
}
