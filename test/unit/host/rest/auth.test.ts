import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/host/cli/command';
import { runCli } from '../../../../electron/host/cli/index';
import { accessPolicy } from '../../../../electron/host/rest';
import { startRest, type RestHarness } from './rest-fixture';
import { basic, rawRequest } from './raw-http';

const TOKEN = 'tok-0123456789abcdef-xyz';

/** Authorization headers the server received, in order. */
function recordAuthorization(h: RestHarness): (string | null)[] {
  const seen: (string | null)[] = [];
  h.transport.server.on('request', (req) => seen.push(req.headers.authorization ?? null));
  return seen;
}

/** Runs a Python snippet; null (and the reason printed) when python3 or the module is missing. */
function python(code: string, args: readonly string[]): Promise<{ code: number; out: string; err: string } | null> {
  return new Promise((resolve) => {
    execFile('python3', ['-c', code, ...args], { timeout: 20_000 }, (error, out, err) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return resolve(null);
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err });
    });
  });
}

const hasPython = (await python('pass', [])) !== null;
const hasRequests = hasPython && (await python('import requests', []))?.code === 0;
if (!hasPython) console.log('auth.test: skipping the real-client tests: python3 is not installed');
else if (!hasRequests) console.log('auth.test: skipping the Python requests test: the requests module is not installed');

describe('REST auth: the API token as HTTP Basic credentials', () => {
  it('accepts any user with the token as password, and the token as user with no password; Bearer and ?token= stay', async () => {
    const h = await startRest({ bindHost: '0.0.0.0', token: TOKEN, remotePeer: '198.51.100.7' });
    const get = (headers: Record<string, string>, path = '/api/v1/flows') => rawRequest(h.base, { method: 'GET', path, headers });
    expect((await get({ Authorization: basic('wicm', TOKEN) })).status).toBe(200);
    expect((await get({ Authorization: basic('tenor', TOKEN) })).status).toBe(200);
    expect((await get({ Authorization: basic(TOKEN, '') })).status).toBe(200);
    expect((await get({ Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get({}, `/api/v1/flows?token=${TOKEN}`)).status).toBe(200);
    for (const wrong of [basic('wicm', 'nope-nope-nope-nope'), basic('wicm', ''), basic('', ''), 'Basic !!!', `Bearer ${TOKEN}x`]) {
      const res = await get({ Authorization: wrong });
      expect(res.status, wrong).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="WICM"/);
    }
  });

  it('off loopback, a request without credentials gets 401 with WWW-Authenticate: Basic realm="WICM" and a JSON body', async () => {
    const h = await startRest({ bindHost: '0.0.0.0', token: TOKEN, remotePeer: '198.51.100.7' });
    const res = await rawRequest(h.base, { method: 'POST', path: '/api/v1/nfvo/init', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="WICM", charset="UTF-8"');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.message).toMatch(/http:\/\/wicm:<token>@host:port/);
  });

  it.skipIf(!hasRequests)('Python requests (Katana, demi-wicm scripts) sends URL userinfo up front: one request, 200', async () => {
    const h = await startRest({ bindHost: '0.0.0.0', token: TOKEN, remotePeer: '198.51.100.7' });
    const seen = recordAuthorization(h);
    const url = h.base.replace('http://', `http://wicm:${TOKEN}@`);
    const run = await python('import sys, requests\nr = requests.get(sys.argv[1] + "/api/v1/flows", timeout=10)\nprint(r.status_code, r.text)', [url]);
    expect(run?.out).toMatch(/^200 \{"flows":\[\]\}/);
    expect(seen).toEqual([basic('wicm', TOKEN)]);
  });

  it.skipIf(!hasPython)('urllib with HTTPBasicAuthHandler (like Apache HttpClient in Open Baton) sends credentials only after the challenge', async () => {
    const h = await startRest({ bindHost: '0.0.0.0', token: TOKEN, remotePeer: '198.51.100.7' });
    const seen = recordAuthorization(h);
    const code = [
      'import sys, urllib.request',
      'pm = urllib.request.HTTPPasswordMgrWithDefaultRealm()',
      'pm.add_password(None, sys.argv[1], "wicm", sys.argv[2])',
      'opener = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(pm))',
      'req = urllib.request.Request(sys.argv[1] + "/api/v1/nfvo/init", method="GET", headers={"accept": "application/json"})',
      'r = opener.open(req, timeout=10)',
      'print(r.status, r.read().decode())',
    ].join('\n');
    const run = await python(code, [h.base, TOKEN]);
    expect(run?.err).toBe('');
    expect(run?.out).toMatch(/^200 \{"events":\[\]\}/);
    expect(seen).toEqual([null, basic('wicm', TOKEN)]);
  });
});

describe('REST auth: --allow-from networks', () => {
  it('admits a peer in an allowed network without a token; others still need it', async () => {
    const inside = await startRest({ bindHost: '0.0.0.0', token: TOKEN, allowFrom: ['10.1.2.0/24', '2001:db8::/32'], remotePeer: '10.1.2.77' });
    expect((await inside.call('GET', '/api/v1/flows')).status).toBe(200);
    const mapped = await startRest({ bindHost: '0.0.0.0', token: TOKEN, allowFrom: ['10.1.2.0/24'], remotePeer: '::ffff:10.1.2.9' });
    expect((await mapped.call('GET', '/api/v1/flows')).status).toBe(200);
    const v6 = await startRest({ bindHost: '::', token: TOKEN, allowFrom: ['2001:db8::/32'], remotePeer: '2001:db8::5' });
    expect((await v6.call('GET', '/api/v1/flows')).status).toBe(200);
    const outside = await startRest({ bindHost: '0.0.0.0', token: TOKEN, allowFrom: ['10.1.2.0/24'], remotePeer: '10.1.3.1' });
    const refused = await outside.call('GET', '/api/v1/flows');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await outside.call('GET', '/api/v1/flows', undefined, { Authorization: basic('wicm', TOKEN) })).status).toBe(200);
  });

  it('without a token, only allowed networks (and this machine) get in: others get 403', async () => {
    const h = await startRest({ bindHost: '0.0.0.0', allowFrom: ['192.0.2.0/28'], remotePeer: '192.0.2.20' });
    const res = await h.call('GET', '/api/v1/flows');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN_PEER');
    expect(res.body.message).toMatch(/--allow-from/);
  });

  it('refuses networks written wrong, saying how to write them', () => {
    expect(accessPolicy('0.0.0.0', undefined, ['10.0.0.0/8'])).toMatchObject({ token: null, allowFrom: ['10.0.0.0/8'] });
    expect(accessPolicy('0.0.0.0', TOKEN, ['2001:DB8::/32']).allowFrom).toEqual(['2001:db8::/32']);
    expect(() => accessPolicy('0.0.0.0', TOKEN, ['10.1.2.3/8'])).toThrow(/host bits set; write the network as 10.0.0.0\/8/);
    expect(() => accessPolicy('0.0.0.0', TOKEN, ['10.1.2.3'])).toThrow(/is an address; write a network such as 10.1.2.3\/32/);
    expect(() => accessPolicy('0.0.0.0', TOKEN, ['lan'])).toThrow(/--allow-from 'lan'/);
    expect(() => accessPolicy('0.0.0.0', undefined, [])).toThrow(/--allow-from/);
  });

  it('wicm serve takes --allow-from (repeatable) and refuses a bad one before starting anything', async () => {
    const box = { out: '', err: '' };
    const io: CliIo = { out: (t) => (box.out += t), err: (t) => (box.err += t), env: {}, cwd: process.cwd() };
    expect(await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--no-ui', '--allow-from', '10.0.0.0/8', '--allow-from', '10.1.2.3/16'], io)).toBe(2);
    expect(box.err).toMatch(/--allow-from '10\.1\.2\.3\/16' has host bits set; write the network as 10\.1\.0\.0\/16/);
    expect(box.out).toBe('');
  });
});
