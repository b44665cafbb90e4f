import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/host/cli/index';
import type { CliIo } from '../../../../electron/host/cli/command';
import { startHttpTransport } from '../../../../electron/host/http';
import { accessPolicy, createRestApi, isLoopbackHost } from '../../../../electron/host/rest';
import { memoryLogger } from '../../../helpers/quiet-logger';
import { startRest } from './rest-fixture';

const TOKEN = 'a-long-enough-test-token-0123456789';

/** A raw request with a chosen Host header (fetch cannot set it). */
function rawGet(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string; type: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] ?? '' }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('REST API access rules', () => {
  it('needs no token on a loopback bind without --api-token', async () => {
    const h = await startRest();
    expect((await h.call('GET', '/api/v1/flows')).status).toBe(200);
  });

  it('requires the token when one is configured: Bearer header or ?token=', async () => {
    const h = await startRest({ token: TOKEN });
    const none = await h.call('GET', '/vnf-connectivity');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="WICM"/);
    expect(none.body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await h.call('GET', '/vnf-connectivity', undefined, { Authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await h.call('GET', '/vnf-connectivity', undefined, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await h.call('GET', `/vnf-connectivity?token=${TOKEN}`)).status).toBe(200);
  });

  it('bound elsewhere (declared exposure), it requires the token and accepts any Host name', async () => {
    const h = await startRest({ bindHost: '0.0.0.0', token: TOKEN });
    const port = new URL(h.base).port;
    const anonymous = await rawGet(h.base, '/api/v1/flows', { Host: `wicm.example.net:${port}` });
    expect(anonymous.status).toBe(401);
    const withToken = await rawGet(h.base, '/api/v1/flows', { Host: `wicm.example.net:${port}`, Authorization: `Bearer ${TOKEN}` });
    expect(withToken.status).toBe(200);
  });

  it('on loopback refuses a Host naming another server (DNS rebinding) and a foreign Origin', async () => {
    const h = await startRest();
    const port = new URL(h.base).port;
    const rebound = await rawGet(h.base, '/api/v1/flows', { Host: `attacker.example:${port}` });
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'MISDIRECTED_REQUEST' } });
    const foreign = await h.call('POST', '/api/v1/flows', { instance_id: 'x' }, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('refuses to expose the API beyond loopback without a long enough token', () => {
    expect(() => accessPolicy('0.0.0.0', undefined)).toThrow(/--api-token/);
    expect(() => accessPolicy('10.1.2.3', '')).toThrow(/WICM_API_TOKEN/);
    expect(() => accessPolicy('0.0.0.0', 'short')).toThrow(/at least 16/);
    expect(accessPolicy('0.0.0.0', TOKEN)).toMatchObject({ loopback: false, token: TOKEN });
    expect(accessPolicy('127.0.0.1', undefined)).toMatchObject({ loopback: true, token: null });
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.org', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });

  it('wicm serve refuses a non-loopback --host without a token, before starting anything', async () => {
    const box = { out: '', err: '' };
    const io: CliIo = { out: (t) => (box.out += t), err: (t) => (box.err += t), env: {}, cwd: process.cwd() };
    expect(await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--no-ui'], io)).toBe(2);
    expect(box.err).toMatch(/--api-token/);
    expect(box.out).toBe('');
  });
});

describe('REST API bodies and errors', () => {
  it('limits the body size (413), needs JSON (415) and says when JSON is broken (400)', async () => {
    const h = await startRest({ bodyLimit: 1024 });
    const big = await h.call('POST', '/api/v1/flows', { instance_id: 'x', pad: 'x'.repeat(4000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await h.call('POST', '/api/v1/flows', '{"instance_id":"x"}', { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    const broken = await h.call('POST', '/nap', '{"nap":');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: 'PARSE_FAILED' });
    expect(broken.body.error).toMatch(/not valid JSON/);
  });

  it('has a 2 MB default body limit', async () => {
    const h = await startRest();
    const res = await h.call('POST', '/api/katana/slices', { _id: 'x', pad: 'y'.repeat(2 * 1024 * 1024 + 10) });
    expect(res.status).toBe(413);
  });

  it('answers JSON for unknown endpoints (404) and wrong methods (405 with Allow)', async () => {
    const h = await startRest();
    const unknown = await h.call('GET', '/api/v2/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/json/);
    expect(unknown.body.error.message).toMatch(/openapi\.json/);
    const wrong = await h.call('PATCH', '/api/v1/flows');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, GET');
    expect(wrong.body.message).toMatch(/PATCH/);
  });

  it('never leaks a stack or an internal message: 500 is JSON with a pointer to the log', async () => {
    const logger = memoryLogger();
    const api = createRestApi({
      dispatch: async () => {
        throw new Error('boom in /secret/path');
      },
      logger,
      push: { mode: 'plan-only' },
      access: accessPolicy('127.0.0.1', null),
    });
    const transport = await startHttpTransport({ dispatch: async () => ({ ok: true, value: null }), onEvent: () => () => undefined, rendererDir: null, port: 0, router: api.router });
    try {
      const res = await fetch(`${transport.url}api/v1/flows`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const text = await res.text();
      expect(text).not.toMatch(/secret|at \w+ \(/);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'INTERNAL' } });
      expect(logger.lines.join('\n')).toMatch(/boom in \/secret\/path/);
    } finally {
      await transport.close();
    }
  });

  it('leaves the RPC transport as it was: /rpc still needs its own token', async () => {
    const h = await startRest();
    const anonymous = await fetch(`${h.base}/rpc/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    const withToken = await fetch(`${h.base}/rpc/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.transport.token}` }, body: '{}' });
    expect(withToken.status).toBe(200);
  });
});
