import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpTransport, type HttpTransport } from '../../../electron/host/http';
import { accessPolicy, createRestApi } from '../../../electron/host/rest';
import { isLoopbackAddress } from '../../../electron/host/rest/access';
import { memoryLogger } from '../../helpers/quiet-logger';

const API_TOKEN = 'api-token-for-tests-0123456789abcdef';

/** A raw answer: status, headers and body text. */
interface Raw {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A request to 127.0.0.1 with headers fetch will not let a test choose (Host, Cookie). */
function raw(port: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

interface Server {
  readonly transport: HttpTransport;
  readonly port: string;
  /** Where the fake engine was asked to write (it never writes anything itself). */
  readonly calls: { method: string; req: unknown }[];
}

/**
 * The real transport on 127.0.0.1 with a tiny renderer. `remote` makes the peer check answer
 * "not this machine", as for a client connecting from another host to a 0.0.0.0 bind.
 */
async function serve(options: { readonly apiToken?: string | null; readonly remote?: boolean; readonly rest?: boolean } = {}): Promise<Server> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-page-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<html><head><title>WICM</title></head><body>app</body></html>');
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  const calls: { method: string; req: unknown }[] = [];
  const dispatch = async (method: string, req: unknown) => {
    calls.push({ method, req });
    return { ok: true as const, value: { method } };
  };
  const api = options.rest
    ? createRestApi({ dispatch, logger: memoryLogger(), push: { mode: 'plan-only' }, access: accessPolicy('127.0.0.1', options.apiToken ?? null) })
    : null;
  const transport = await startHttpTransport({
    dispatch,
    onEvent: () => () => undefined,
    rendererDir: dir,
    port: 0,
    apiToken: options.apiToken ?? null,
    ...(options.remote ? { isLoopbackPeer: () => false } : {}),
    ...(api ? { router: api.router } : {}),
  });
  cleanup.push(async () => {
    await transport.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { transport, port: new URL(transport.url).port, calls };
}

const json = { 'Content-Type': 'application/json' };

describe('who gets the page token: decided by the peer address, never by Host', () => {
  it('repro: a remote client forging "Host: 127.0.0.1:PORT" on a server with --api-token gets the login page, not the token', async () => {
    const s = await serve({ apiToken: API_TOKEN, remote: true });
    const page = await raw(s.port, 'GET', '/', { Host: `127.0.0.1:${s.port}` });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('action="/login"');
    expect(page.body).not.toContain(s.transport.token);
    expect(page.body).not.toContain('wicm-token');
    // The assets are the app, not for anonymous visitors either.
    expect((await raw(s.port, 'GET', '/assets/app.js', { Host: `127.0.0.1:${s.port}` })).status).toBe(401);
  });

  it('repro: without the page token, POST /rpc/project.saveAs is 401 and reaches no handler', async () => {
    const s = await serve({ apiToken: API_TOKEN, remote: true });
    const pwned = join(tmpdir(), `pwned-${process.pid}-${Date.now()}.wicm`);
    const body = JSON.stringify({ path: pwned });
    expect((await raw(s.port, 'POST', '/rpc/project.saveAs', { ...json, Host: `127.0.0.1:${s.port}` }, body)).status).toBe(401);
    expect((await raw(s.port, 'POST', '/rpc/project.saveAs', { ...json, Authorization: `Bearer ${API_TOKEN.slice(1)}x` }, body)).status).toBe(401);
    expect(s.calls).toEqual([]);
    expect(existsSync(pwned)).toBe(false);
  });

  it('refuses a remote peer outright when no API token is configured (page, RPC and events)', async () => {
    const s = await serve({ remote: true });
    const page = await raw(s.port, 'GET', '/', { Host: `127.0.0.1:${s.port}` });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain(s.transport.token);
    expect(page.body).toMatch(/--api-token-file/);
    // Even holding the per-launch token (say, copied from a log), a remote peer is refused.
    const rpc = await raw(s.port, 'POST', '/rpc/app.info', { ...json, Authorization: `Bearer ${s.transport.token}` }, '{}');
    expect(rpc.status).toBe(403);
    expect((await raw(s.port, 'GET', `/events?token=${s.transport.token}`)).status).toBe(403);
    expect((await raw(s.port, 'GET', '/login')).status).toBe(303);
    expect(s.calls).toEqual([]);
  });

  it('gives a browser on this machine the page with its token when no API token is set (real socket address)', async () => {
    const s = await serve();
    const page = await raw(s.port, 'GET', '/', { Host: `127.0.0.1:${s.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="wicm-token" content="${s.transport.token}">`);
    const call = await raw(s.port, 'POST', '/rpc/app.info', { ...json, Authorization: `Bearer ${s.transport.token}` }, '{}');
    expect(call.status).toBe(200);
    // localhost is this server too, and a page it serves sends that as its Origin.
    const viaLocalhost = await raw(s.port, 'POST', '/rpc/app.info', { ...json, Host: `localhost:${s.port}`, Origin: `http://localhost:${s.port}`, Authorization: `Bearer ${s.transport.token}` }, '{}');
    expect(viaLocalhost.status).toBe(200);
  });

  it('keeps the DNS-rebinding and Origin checks: foreign Host 421, foreign Origin 403', async () => {
    const s = await serve();
    expect((await raw(s.port, 'GET', '/', { Host: `attacker.example:${s.port}` })).status).toBe(421);
    const foreign = await raw(s.port, 'POST', '/rpc/app.info', { ...json, Origin: 'http://attacker.example', Authorization: `Bearer ${s.transport.token}` }, '{}');
    expect(foreign.status).toBe(403);
    const spoofed = await raw(s.port, 'POST', '/rpc/app.info', { ...json, Host: `attacker.example:${s.port}`, Origin: `http://attacker.example:${s.port}`, Authorization: `Bearer ${s.transport.token}` }, '{}');
    expect(spoofed.status).toBe(421);
  });
});

describe('signing in with the API token', () => {
  it('a remote browser signs in on /login and then gets the page; the session cookie is HttpOnly and SameSite=Strict', async () => {
    const s = await serve({ apiToken: API_TOKEN, remote: true });
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await raw(s.port, 'GET', '/login')).body).toContain('type="password"');
    const wrong = await raw(s.port, 'POST', '/login', form, 'token=not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatch(/not the API token/);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const empty = await raw(s.port, 'POST', '/login', form, 'token=');
    expect(empty.body).toMatch(/Enter the API token/);

    const ok = await raw(s.port, 'POST', '/login', form, `token=${encodeURIComponent(API_TOKEN)}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/');
    const cookie = ok.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^wicm_session_${s.port}=[A-Za-z0-9_-]{40,};`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toContain(API_TOKEN);
    const pair = cookie.split(';')[0]!;

    const page = await raw(s.port, 'GET', '/', { Cookie: `other=1; ${pair}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="wicm-token" content="${s.transport.token}">`);
    expect((await raw(s.port, 'GET', '/login', { Cookie: pair })).status).toBe(303);
    // A made-up session, or a real one under another server's cookie name, is not a sign-in.
    expect((await raw(s.port, 'GET', '/', { Cookie: `wicm_session_${s.port}=forged` })).status).toBe(401);
    expect((await raw(s.port, 'GET', '/', { Cookie: pair.replace(`wicm_session_${s.port}`, 'wicm_session_1') })).status).toBe(401);
    // The page's token then drives RPC as before.
    expect((await raw(s.port, 'POST', '/rpc/app.info', { ...json, Authorization: `Bearer ${s.transport.token}` }, '{}')).status).toBe(200);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const s = await serve({ apiToken: API_TOKEN, remote: true });
    const res = await raw(s.port, 'POST', '/login', { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://attacker.example' }, `token=${API_TOKEN}`);
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('with an API token on loopback, local browsers sign in too: the page token is not free for every local user', async () => {
    const s = await serve({ apiToken: API_TOKEN });
    const page = await raw(s.port, 'GET', '/');
    expect(page.status).toBe(401);
    expect(page.body).not.toContain(s.transport.token);
    expect((await raw(s.port, 'POST', '/rpc/app.info', json, '{}')).status).toBe(401);
  });
});

describe('REST API and the peer address', () => {
  it('without a token, a remote peer gets 403 from the REST API even on a loopback bind', async () => {
    const s = await serve({ remote: true, rest: true });
    const res = await raw(s.port, 'GET', '/api/v1/flows', { Host: `127.0.0.1:${s.port}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'FORBIDDEN_PEER' } });
    expect(s.calls).toEqual([]);
  });

  it('with a token on loopback (WICM_API_TOKEN / --api-token), REST needs it', async () => {
    const s = await serve({ apiToken: API_TOKEN, rest: true });
    expect((await raw(s.port, 'DELETE', '/nap/nap1')).status).toBe(401);
    expect(s.calls).toEqual([]);
    // With it the request reaches the engine (this fake engine's answer is not a flow list).
    await raw(s.port, 'GET', '/api/v1/flows', { Authorization: `Bearer ${API_TOKEN}` });
    expect(s.calls.length).toBeGreaterThan(0);
  });
});

describe('malformed request URLs', () => {
  it('repro: POST /rpc/%E0%A4%A is checked for the token first (401), then answered 400, never 500', async () => {
    const s = await serve();
    const anonymous = await raw(s.port, 'POST', '/rpc/%E0%A4%A', json, '{}');
    expect(anonymous.status).toBe(401);
    const res = await raw(s.port, 'POST', '/rpc/%E0%A4%A', { ...json, Authorization: `Bearer ${s.transport.token}` }, '{}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/percent-encoding/) } });
    expect(s.calls).toEqual([]);
  });

  it('answers odd request targets without a 500', async () => {
    const s = await serve();
    for (const path of ['/%', '/rpc/', '/%E0%A4%A', '/assets/%ZZ', '//evil.example/rpc/app.info']) {
      const res = await raw(s.port, 'GET', path);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});

describe('isLoopbackAddress (the socket peer test)', () => {
  it('accepts 127.0.0.0/8, ::1 and IPv4-mapped loopback; refuses everything else', () => {
    for (const a of ['127.0.0.1', '127.9.8.7', '::1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3', '0:0:0:0:0:0:0:1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of [undefined, '', '0.0.0.0', '::', '10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '::2', 'localhost', '127.0.0.1.evil']) expect(isLoopbackAddress(a), String(a)).toBe(false);
  });
});
