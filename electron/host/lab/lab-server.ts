import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleAdmin, isAdminPath } from './admin';
import { isAuthorized, type LabCredentials } from './basic-auth';
import { FaultPlan } from './faults';
import type { LabBehaviour, LabHttpResponse } from './lab-behaviour';
import { recordedBody, RequestLog } from './request-log';
import type { LabFault, LabFaultAction, LabRequestRecord } from './types';

/** Default largest request body (bytes). */
export const LAB_BODY_LIMIT = 1024 * 1024;

/** Past this many bytes an oversized body is no longer drained: the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Options of {@link startLabServer}. */
export interface LabServerOptions {
  readonly behaviour: LabBehaviour;
  readonly credentials: LabCredentials;
  readonly faults: readonly LabFault[];
  readonly host: string;
  readonly port: number;
  readonly bodyLimit: number;
}

/** A listening lab server. */
export interface LabServer {
  readonly url: string;
  requests(): readonly LabRequestRecord[];
  setFaults(faults: readonly LabFault[]): void;
  reset(): void;
  close(): Promise<void>;
}

type BodyResult = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'too-large' } | { readonly kind: 'aborted' };

/** Reads the body up to `limit`; an oversized body is drained (so the client reads the 413) up to DRAIN_LIMIT. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => resolve(size > limit ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}

function send(res: ServerResponse, response: LabHttpResponse): void {
  const payload = response.json !== undefined ? JSON.stringify(response.json) : (response.text ?? '');
  const type = response.json !== undefined ? 'application/json' : response.text !== undefined ? 'text/plain; charset=utf-8' : undefined;
  res.writeHead(response.status, {
    ...(type === undefined ? {} : { 'content-type': type }),
    'content-length': Buffer.byteLength(payload),
    ...response.headers,
  });
  res.end(payload);
}

/**
 * The HTTP plumbing shared by every lab controller kind.
 *
 * Order per request: bounded body (413) → Basic auth on every path (401) → admin endpoints under
 * `/__lab` → injected faults → the kind's behaviour. Every non-admin request is recorded.
 */
export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const { behaviour, credentials, bodyLimit } = options;
  const plan = new FaultPlan(options.faults);
  const log = new RequestLog();
  const sockets = new Set<Socket>();
  const hung = new Set<ServerResponse>();
  let closing = false;
  let address = '';

  const resetAll = (): void => {
    behaviour.reset();
    log.clear();
    plan.set(options.faults);
  };

  const applyFault = (action: LabFaultAction, req: IncomingMessage, res: ServerResponse): number => {
    switch (action.kind) {
      case 'status':
        send(res, action.body === undefined ? behaviour.injected(action.status) : { status: action.status, json: action.body });
        return action.status;
      case 'hang':
        // Never answered; released by the client giving up or by close().
        hung.add(res);
        res.on('close', () => hung.delete(res));
        return 0;
      case 'reset':
        req.socket.destroy();
        return 0;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const url = new URL(target, 'http://lab.invalid');
    const admin = isAdminPath(url.pathname);
    const body = await readBody(req, bodyLimit);
    if (body.kind === 'aborted' || closing) return;
    const record = (status: number, text: string | undefined, fault?: LabFaultAction['kind']): void => {
      if (!admin) log.add({ method, path: target, body: text === undefined ? undefined : recordedBody(text), status, ...(fault === undefined ? {} : { fault }) });
    };
    if (body.kind === 'too-large') {
      send(res, { ...behaviour.tooLarge(bodyLimit), headers: { connection: 'close' } });
      record(413, undefined);
      return;
    }
    if (!isAuthorized(req.headers.authorization, credentials)) {
      send(res, behaviour.unauthorized());
      record(401, body.text);
      return;
    }
    if (admin) {
      send(res, handleAdmin(method, url.pathname, body.text, {
        snapshot: () => behaviour.snapshot(),
        requests: () => log.list(),
        clearRequests: () => log.clear(),
        faults: () => plan.list(),
        setFaults: (faults) => plan.set(faults),
        reset: resetAll,
        run: (r) => {
          const inner = new URL(r.path, 'http://lab.invalid');
          return behaviour.handle({ method: r.method, pathname: inner.pathname, query: inner.searchParams, body: r.body, origin: `http://${req.headers.host ?? address}` });
        },
      }));
      return;
    }
    const fault = plan.next(method, target);
    if (fault !== undefined) {
      record(applyFault(fault, req, res), body.text, fault.kind);
      return;
    }
    const origin = `http://${req.headers.host ?? address}`;
    const request = { method, pathname: url.pathname, query: url.searchParams, body: body.text, origin };
    const handled = behaviour.handle(request);
    const response = behaviour.complete === undefined ? handled : await behaviour.complete(request, handled);
    send(res, response);
    record(response.status, body.text);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A bug in a behaviour: answer 500 rather than leave the client waiting.
      if (!res.headersSent) send(res, { status: 500, text: e instanceof Error ? e.message : String(e) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const info = server.address() as AddressInfo;
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  address = `${host}:${info.port}`;

  return {
    url: `http://${address}`,
    requests: () => log.list(),
    setFaults: (faults) => plan.set(faults),
    reset: resetAll,
    close: () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const res of hung) res.socket?.destroy();
      hung.clear();
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
