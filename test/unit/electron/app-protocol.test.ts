import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  RENDERER_CSP,
  contentTypeOf,
  registerAppProtocol,
  resolveAppPath,
  serveAppRequest,
  withDirectives,
} from '../../../electron/main/app-protocol';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const root = '/opt/wicm/out/renderer';

/** A built renderer folder with a secret next to it (what traversal would reach). */
async function builtRenderer(): Promise<{ dir: string; secret: string }> {
  const base = await tempDir();
  const dir = join(base, 'out', 'renderer');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>WICM Studio</title>');
  await writeFile(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  const secret = join(base, 'secret.key');
  await writeFile(secret, 'top secret');
  return { dir, secret };
}

const directives = (policy: string): Map<string, string> =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources.join(' ')]),
  );

describe('app:// protocol: path resolution', () => {
  it('maps the page and its assets into the renderer folder', () => {
    expect(resolveAppPath(root, APP_ENTRY_URL)).toBe(resolve(root, 'index.html'));
    expect(resolveAppPath(root, 'app://wicm/')).toBe(resolve(root, 'index.html'));
    expect(resolveAppPath(root, 'app://wicm/assets/index-abc.js?v=1#x')).toBe(resolve(root, 'assets/index-abc.js'));
    expect(resolveAppPath(root, 'app://wicm/assets/a%20b.css')).toBe(resolve(root, 'assets/a b.css'));
  });

  it('refuses .., encoded separators, other hosts and schemes', () => {
    for (const url of [
      'app://wicm/../../etc/passwd',
      'app://wicm/%2e%2e/%2e%2e/etc/passwd',
      'app://wicm/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://wicm/assets%2f..%2f..%2fsecret.key',
      'app://wicm/..%5c..%5csecret.key',
      'app://wicm/C:%5cWindows%5cwin.ini',
      'app://wicm/index.html%00.png',
      'app://wicm/%E0%A4%A',
      'app://evil/index.html',
      'file:///opt/wicm/out/renderer/index.html',
      'https://wicm/index.html',
      'not a url',
    ]) {
      const file = resolveAppPath(root, url);
      // Either refused outright, or (after the URL parser dropped the dots) still inside the folder.
      if (file !== null) expect(file.startsWith(`${resolve(root)}/`), url).toBe(true);
    }
    expect(resolveAppPath(root, 'app://wicm/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://wicm/..%5c..%5csecret.key')).toBeNull();
    expect(resolveAppPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://wicm/%E0%A4%A')).toBeNull();
  });

  it('gives each file its MIME type', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/a.unknown')).toBe('application/octet-stream');
  });
});

describe('app:// protocol: answers', () => {
  it('serves the page with the CSP as a header, and nothing outside the folder', async () => {
    const { dir } = await builtRenderer();
    const page = await serveAppRequest(dir, { url: APP_ENTRY_URL, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers['Content-Security-Policy']).toBe(RENDERER_CSP);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(Buffer.from(page.body as Uint8Array).toString()).toContain('WICM Studio');
    const script = await serveAppRequest(dir, { url: 'app://wicm/assets/index-abc.js', method: 'GET' });
    expect(script.status).toBe(200);
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    for (const url of ['app://wicm/../secret.key', 'app://wicm/..%2fsecret.key', 'app://wicm/..%2f..%2fsecret.key', 'app://wicm/missing.js', 'app://wicm/assets']) {
      const answer = await serveAppRequest(dir, { url, method: 'GET' });
      expect(answer.status, url).toBe(404);
      expect(String(answer.body)).not.toContain('top secret');
      expect(answer.headers['Content-Security-Policy']).toBe(RENDERER_CSP);
    }
  });

  it('answers only GET and HEAD', async () => {
    const { dir } = await builtRenderer();
    const post = await serveAppRequest(dir, { url: APP_ENTRY_URL, method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.Allow).toBe('GET, HEAD');
    const head = await serveAppRequest(dir, { url: APP_ENTRY_URL, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it('registers one handler that turns answers into Responses', async () => {
    const { dir } = await builtRenderer();
    type Handler = (request: Request) => Promise<Response> | Response;
    let handler: Handler | undefined;
    let scheme = '';
    registerAppProtocol({ handle: (s: string, h: Handler) => ((scheme = s), (handler = h)) } as never, dir);
    expect(scheme).toBe('app');
    const real = await handler!(new Request(APP_ENTRY_URL));
    expect(real.status).toBe(200);
    expect(real.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await real.text()).toContain('WICM Studio');
    const traversal = await handler!(new Request('app://wicm/..%2fsecret.key'));
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain('top secret');
  });

  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
  });
});

describe('content security policy', () => {
  const header = directives(RENDERER_CSP);
  const html = readFileSync(resolve('renderer/index.html'), 'utf8');
  const meta = directives(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '');

  it('the header keeps every directive of the meta tag, word for word', () => {
    expect(meta.size).toBeGreaterThan(0);
    for (const [name, sources] of meta) expect(header.get(name), name).toBe(sources);
  });

  it('sets each directive once, adding the desktop ones only where missing', () => {
    const names = RENDERER_CSP.split(';').map((d) => d.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(header.get('frame-src')).toBe("'none'");
    expect(header.get('form-action')).toBe("'none'");
    expect(withDirectives("default-src 'self'; frame-src 'self';", ["frame-src 'none'", "form-action 'none'"])).toBe("default-src 'self'; frame-src 'self'; form-action 'none'");
  });

  it('has no unsafe-eval, scripts only from the app, and no framing', () => {
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
    expect(RENDERER_CSP).not.toContain('wasm-unsafe-eval');
    expect(header.get('script-src')).toBe("'self'");
    expect(header.get('object-src')).toBe("'none'");
    expect(header.get('frame-ancestors')).toBe("'none'");
    expect(header.get('base-uri')).toBe("'none'");
  });
});
