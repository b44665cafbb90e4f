import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in controller on 127.0.0.1 that refuses every request (401) and records its Authorization header. */
export interface AuthRecorder {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly authorizations: (string | undefined)[];
  close(): Promise<void>;
}

/** Starts an `AuthRecorder`: proof of which credentials reached an endpoint, and which never did. */
export async function startAuthRecorder(): Promise<AuthRecorder> {
  const authorizations: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    req.resume();
    res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"unauthorized"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
