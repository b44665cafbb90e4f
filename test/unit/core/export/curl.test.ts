import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { vtnRequests } from '../../../../core/drivers';
import { exportPlans } from '../../../../core/export';
import { expectShellSyntaxOk } from './helpers';
import { input, inputSvc1 } from './sample';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A stand-in controller that records requests and answers with `status(n)`. */
async function standIn(status: (n: number) => number): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: JSON.parse(data) as unknown,
      });
      const code = status(received.length);
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(code === 200 ? '{"output":{"status":"CREATED"}}' : '{"errors":{"error":[{"error-tag":"data-missing","error-message":"VTN:vtn1: VTN does not exist."}]}}');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server?.address() as AddressInfo).port}/`, received };
}

function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-s'], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(script);
  });
}

describe('curl script of the VTN requests', () => {
  it('is valid POSIX shell, install and teardown', () => {
    expectShellSyntaxOk(exportPlans('curl', input).text);
    expectShellSyntaxOk(exportPlans('curl', input, { teardown: true }).text);
    expectShellSyntaxOk(exportPlans('curl', input, { labPrelude: true }).text);
  });

  it('never writes credentials or the controller into the file', () => {
    const text = exportPlans('curl', input).text;
    expect(text).toContain('set -eu');
    expect(text).toContain('${WICM_USER:?');
    expect(text).toContain('${WICM_PASSWORD:?');
    expect(text).toContain('${WICM_CONTROLLER:-');
    expect(text).toContain('--fail-with-body');
    expect(text).not.toMatch(/admin|--user|-u /);
  });

  it('sends exactly the VTN requests, in order, with Basic auth', async () => {
    const { url, received } = await standIn(() => 200);
    const password = `p"a\\ss 'w0rd`;
    const result = await runScript(exportPlans('curl', inputSvc1).text, {
      WICM_CONTROLLER: url,
      WICM_USER: 'admin',
      WICM_PASSWORD: password,
    });
    expect(result.stderr).not.toContain('curl:');
    expect(result.code).toBe(0);
    const expected = vtnRequests(inputSvc1).requests;
    expect(received.map((r) => ({ method: r.method, url: r.url, body: r.body }))).toEqual(
      expected.map((r) => ({ method: r.method, url: r.path, body: r.body })),
    );
    const basic = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    expect(received.every((r) => r.authorization === basic && r.contentType === 'application/json')).toBe(true);
  });

  it('stops at the first refused request and shows the controller\'s error body', async () => {
    const { url, received } = await standIn((n) => (n === 2 ? 404 : 200));
    const result = await runScript(exportPlans('curl', inputSvc1, { teardown: true }).text, {
      WICM_CONTROLLER: url,
      WICM_USER: 'admin',
      WICM_PASSWORD: 'admin',
    });
    expect(result.code).not.toBe(0);
    expect(received).toHaveLength(2);
    expect(result.stdout).toContain('VTN does not exist.');
  });

  it('refuses to run without credentials', async () => {
    const result = await runScript(exportPlans('curl', inputSvc1).text, { WICM_USER: 'admin' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('set WICM_PASSWORD');
  });
});
