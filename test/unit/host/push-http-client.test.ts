import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../../core/drivers/http';
import { createNodeHttpClient, type NodeHttpClient } from '../../../electron/host/platform/http-client';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number, body: string) => void;

const servers: Server[] = [];
const clients: NodeHttpClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  })));
});

/** A local server answering with `handler`; counts requests. */
async function serve(handler: Handler): Promise<{ url: string; hits: () => number; seen: { method: string; auth?: string; body: string }[] }> {
  let hits = 0;
  const seen: { method: string; auth?: string; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits += 1;
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', ...(req.headers.authorization ? { auth: req.headers.authorization } : {}), body });
      handler(req, res, hits, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits, seen };
}

function client(options: Parameters<typeof createNodeHttpClient>[0] = {}): NodeHttpClient {
  const c = createNodeHttpClient({ backoffMs: 1, ...options });
  clients.push(c);
  return c;
}

async function rejection(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    return e as HttpError;
  }
  throw new Error('expected a rejection');
}

describe('node HTTP client of the drivers', () => {
  it('sends Basic auth and the body, and resolves any status with headers and body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json', location: '/x/1' });
      res.end('{"code":409}');
    });
    const r = await client().request('POST', `${s.url}/p`, { body: '{"a":1}', headers: { 'content-type': 'application/json' }, auth: { user: 'admin', password: 'pw' } });
    expect(r).toEqual({ status: 409, headers: expect.objectContaining({ location: '/x/1', 'content-type': 'application/json' }), body: '{"code":409}' });
    expect(s.seen).toEqual([{ method: 'POST', auth: `Basic ${Buffer.from('admin:pw').toString('base64')}`, body: '{"a":1}' }]);
  });

  it('retries a GET after 503 and after a reset connection, with backoff', async () => {
    const delays: number[] = [];
    const s = await serve((req, res, hit) => {
      if (hit === 1) return void res.writeHead(503).end();
      if (hit === 2) return void req.socket.destroy();
      res.writeHead(200).end('ok');
    });
    const r = await client({ retries: 2, backoffMs: 10, sleep: async (ms) => void delays.push(ms) }).request('GET', s.url);
    expect(r.status).toBe(200);
    expect(s.hits()).toBe(3);
    expect(delays).toEqual([10, 20]);
  });

  it('gives up on a GET after the retries and returns the last answer', async () => {
    const s = await serve((_req, res) => void res.writeHead(503).end('busy'));
    const r = await client({ retries: 2 }).request('GET', s.url);
    expect(r).toMatchObject({ status: 503, body: 'busy' });
    expect(s.hits()).toBe(3);
  });

  it('never retries a POST or a DELETE (a write is sent once), even on 503 or a reset', async () => {
    const busy = await serve((_req, res) => void res.writeHead(503).end());
    expect((await client({ retries: 3 }).request('POST', busy.url, { body: '{}' })).status).toBe(503);
    expect(busy.hits()).toBe(1);
    const reset = await serve((req) => void req.socket.destroy());
    const e = await rejection(client({ retries: 3 }).request('DELETE', `${reset.url}/flows/1`));
    expect(e.kind).toBe('connection-reset');
    expect(e.method).toBe('DELETE');
    expect(reset.hits()).toBe(1);
  });

  it('times out a request that gets no answer, as a typed timeout; a GET is retried, a POST is not', async () => {
    const s = await serve(() => undefined);
    // No clock here: the message names the 100 ms timer that fired (the default is 10 s), and a
    // timeout that never fired would hang until the test times out.
    const post = await rejection(client({ retries: 2 }).request('POST', s.url, { body: 'x', timeoutMs: 100 }));
    expect(post.kind).toBe('timeout');
    expect(post.message).toMatch(/no answer within 100 ms/);
    expect(s.hits()).toBe(1);
    const get = await rejection(client({ retries: 1 }).request('GET', s.url, { timeoutMs: 80 }));
    expect(get.kind).toBe('timeout');
    expect(s.hits()).toBe(3);
  });

  it('reports a refused connection as such', async () => {
    const s = await serve(() => undefined);
    const port = new URL(s.url).port;
    await new Promise<void>((resolve) => (servers.pop() as Server).close(() => resolve()));
    const e = await rejection(client({ retries: 0 }).request('GET', `http://127.0.0.1:${port}/x`));
    expect(e.kind).toBe('connection-refused');
  });

  it('never puts credentials in errors: user info is cut from the URL and the password scrubbed', async () => {
    const secret = 'Sup3r-S3cret';
    const e = await rejection(client({ retries: 0 }).request('GET', `http://admin:${secret}@127.0.0.1:9/restconf?x=${secret}`, { auth: { user: 'admin', password: secret } }));
    expect(e.url).not.toContain(secret);
    expect(e.url).not.toContain('admin@');
    expect(e.message).not.toContain(secret);
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain(secret);
  });

  it('sends credentials from the URL only as given in auth (user info is never forwarded)', async () => {
    const s = await serve((_req, res) => void res.writeHead(204).end());
    await client().request('GET', s.url.replace('http://', 'http://u:p@'));
    expect(s.seen[0]?.auth).toBeUndefined();
  });

  it('fails a TLS handshake against a plain HTTP server as tls or reset, not as an answer', async () => {
    const s = await serve((_req, res) => void res.writeHead(200).end('plain'));
    const e = await rejection(client({ retries: 0 }).request('GET', s.url.replace('http:', 'https:'), { timeoutMs: 2000 }));
    expect(['tls', 'connection-reset']).toContain(e.kind);
  });

  it('refuses an answer larger than the limit', async () => {
    const s = await serve((_req, res) => void res.writeHead(200).end('x'.repeat(5000)));
    const e = await rejection(client({ retries: 0, maxBodyBytes: 1000 }).request('GET', s.url));
    expect(e.message).toMatch(/larger than 1000 bytes/);
  });
});
