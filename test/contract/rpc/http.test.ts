import { afterEach, describe, expect, it } from 'vitest';
import { startHttpTransport, type HttpTransport } from '../../../electron/host/http';
import type { Envelope } from '../../../core/contract/errors';
import { startTestHost } from './engine-fixture';
import { runRpcContract } from './rpc-contract';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const open: HttpTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

async function serve(rendererDir: string | null = null, bodyLimit?: number) {
  const { host, dir } = await startTestHost('browser');
  const transport = await startHttpTransport({ dispatch: host.dispatch, onEvent: host.onEvent, rendererDir, port: 0, ...(bodyLimit ? { bodyLimit } : {}) });
  open.push(transport);
  const post = (method: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${transport.url}rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${transport.token}`, ...headers },
      body,
    });
  return { transport, dir, post };
}

runRpcContract('HTTP', async () => {
  const { dir, post } = await serve();
  return { dir, call: async (method, req) => (await (await post(method, JSON.stringify(req))).json()) as Envelope };
});

describe('HTTP transport guards', () => {
  it('binds to 127.0.0.1 by default', async () => {
    const { transport } = await serve();
    expect(transport.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers 401 without the bearer token and 403 for a foreign Origin', async () => {
    const { post } = await serve();
    const noToken = await post('app.info', '{}', { Authorization: '' });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as Envelope).ok).toBe(false);
    const wrong = await post('app.info', '{}', { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const foreign = await post('app.info', '{}', { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('answers 400 with a message for malformed JSON, 413 over the body limit, 415 without JSON type', async () => {
    const { post } = await serve(null, 1024);
    const bad = await post('app.info', '{"oops":');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as Envelope;
    expect(body).toMatchObject({ ok: false, error: { code: 'PARSE_FAILED' } });
    if (!body.ok) expect(body.error.message).toMatch(/not valid JSON/);
    const big = await post('project.open', JSON.stringify({ path: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    const text = await post('app.info', '{}', { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('maps error codes to HTTP statuses (404 unknown method, 400 invalid input)', async () => {
    const { post } = await serve();
    expect((await post('nope.nope', '{}')).status).toBe(404);
    expect((await post('project.open', '{"path": 1}')).status).toBe(400);
  });

  it('refuses a Host header naming another server (DNS rebinding)', async () => {
    const { transport } = await serve();
    const port = new URL(transport.url).port;
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/rpc/app.info', method: 'POST', headers: { Host: `attacker.example:${port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${transport.token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('streams engine events over SSE to token holders', async () => {
    const { transport, dir, post } = await serve();
    const denied = await fetch(`${transport.url}events`);
    expect(denied.status).toBe(401);
    const controller = new AbortController();
    const res = await fetch(`${transport.url}events?token=${transport.token}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    await reader.read(); // ": connected"
    await post('project.saveAs', JSON.stringify({ path: join(dir, 'events.wicm') }));
    let text = '';
    while (!text.includes('project.didChange')) text += decoder.decode((await reader.read()).value);
    expect(text).toMatch(/data: \{"name":"project.didChange"/);
    controller.abort();
  });

  it('serves the renderer with the token meta tag and a CSP without unsafe-eval', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wicm-renderer-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<html><head><title>x</title></head><body></body></html>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const { transport } = await serve(dir);
    const page = await fetch(transport.url);
    const html = await page.text();
    expect(html).toContain(`<meta name="wicm-token" content="${transport.token}">`);
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    const js = await fetch(`${transport.url}assets/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    const traversal = await fetch(`${transport.url}..%2f..%2fetc%2fpasswd`);
    expect(traversal.status).toBe(404);
  });
});
