import { request } from 'node:http';

/** One HTTP exchange as a client's library puts it on the wire. */
export interface RawRequest {
  readonly method: string;
  /** Request target as sent (path, query). */
  readonly path: string;
  /** Header names and values exactly as the client sets them (Host is added from the base URL unless given). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bytes sent as they are (a string is sent as UTF-8). */
  readonly body?: Buffer | string;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/**
 * Sends a request with node:http and nothing added but Host and Content-Length (when a body is
 * given and the client sets none): no fetch defaults (sec-fetch-*, accept-language…), so a replay
 * carries only the headers the client's library sends.
 */
export function rawRequest(base: string, req: RawRequest): Promise<RawAnswer> {
  const url = new URL(base);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers: Record<string, string> = { ...req.headers };
  const has = (name: string): boolean => Object.keys(headers).some((k) => k.toLowerCase() === name);
  if (!has('host')) headers['Host'] = url.host;
  if (body !== undefined && !has('content-length')) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const r = request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** `Authorization: Basic …` for a user and password. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
