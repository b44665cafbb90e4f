// The desktop app's opt-in local server (electron/host/local-server.ts), in Node: off by default;
// turned on it serves the REST API and GET /metrics of `wicm serve` on 127.0.0.1 against the
// app's open project, behind an API token kept in the data folder (owner-only); the choice
// survives a restart; close() (on quit) stops it; a taken port is refused with the reason.
// The Electron glue (electron/main/index.ts: the menu click, will-quit) needs an Electron binary.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHost, type EngineHost } from '../../../electron/host/engine-host';
import { localServer, LOCAL_SERVER_PORT } from '../../../electron/host/local-server';
import { localServerItems } from '../../../electron/main/menu';
import { memoryLogger } from '../../helpers/quiet-logger';

const ELECTRON_SKIP = 'the Electron-only wiring (menu click, will-quit in electron/main/index.ts) needs an Electron binary, which this machine cannot download (offline)';
console.log(`SKIP local server Electron glue: ${ELECTRON_SKIP}`);

describe('the desktop local server (REST API and /metrics on 127.0.0.1)', () => {
  let dir: string;
  let host: EngineHost;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wls-'));
    host = await startEngineHost({ mode: 'desktop', logger: memoryLogger(), dataDir: dir, template: 'sample' });
  });
  afterAll(async () => {
    await host.engine.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is off until turned on; then REST and /metrics answer with the token only; the choice survives a restart; close stops it', async () => {
    const first = localServer(host, dir, memoryLogger());
    expect(await first.startIfEnabled()).toEqual({ enabled: false, port: LOCAL_SERVER_PORT, url: null, error: null });
    writeFileSync(join(dir, 'local-server.json'), JSON.stringify({ enabled: false, port: 0 }));
    const second = localServer(host, dir, memoryLogger());
    const on = await second.setEnabled(true);
    expect(on.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const token = await second.token();
    expect(statSync(join(dir, 'local-server-token')).mode & 0o077).toBe(0);
    const auth = { authorization: `Bearer ${token}` };

    expect((await fetch(`${on.url}metrics`)).status).toBe(401);
    const flows = await fetch(`${on.url}api/v1/flows`, { headers: auth });
    expect(flows.status).toBe(200);
    expect(await flows.json()).toEqual({ flows: expect.any(Array) });
    const metrics = await fetch(`${on.url}metrics`, { headers: auth });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(/^wicm_rest_requests_total\{route="GET \/api\/v1\/flows",status="200"\} 1$/m);
    // The RPC API of the transport needs its per-launch token, which is never shown: the API token does not open it.
    expect((await fetch(`${on.url}rpc/topology.get`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);

    await second.close();
    await expect(fetch(`${on.url}metrics`, { headers: auth })).rejects.toThrow();
    expect(JSON.parse(readFileSync(join(dir, 'local-server.json'), 'utf8'))).toEqual({ enabled: true, port: 0 });

    const restarted = localServer(host, dir, memoryLogger());
    const again = await restarted.startIfEnabled();
    expect(again.url).not.toBeNull();
    expect(await restarted.token()).toBe(token);
    expect((await fetch(`${again.url}metrics`, { headers: auth })).status).toBe(200);
    const off = await restarted.setEnabled(false);
    expect(off).toMatchObject({ enabled: false, url: null });
    await expect(fetch(`${again.url}metrics`, { headers: auth })).rejects.toThrow();
  });

  it('refuses a port that is taken, naming it, and stays off', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      writeFileSync(join(dir, 'local-server.json'), JSON.stringify({ enabled: false, port }));
      const server = localServer(host, dir, memoryLogger());
      await expect(server.setEnabled(true)).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
      expect(server.status()).toMatchObject({ url: null, error: expect.stringContaining('already in use') });
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('shows in the File menu as a checkbox naming the address, with Copy API Token while it runs', () => {
    const clicks: string[] = [];
    const actions = { toggleLocalServer: () => clicks.push('toggle'), copyLocalServerToken: () => clicks.push('copy') } as unknown as Parameters<typeof localServerItems>[0];
    const off = localServerItems(actions, { enabled: false, port: 4322, url: null });
    expect(off.map((i) => [i.label, i.checked, i.enabled])).toEqual([[undefined, undefined, undefined], ['Serve REST API and /metrics on 127.0.0.1:4322', false, undefined], ['Copy Local Server API Token', undefined, false]]);
    const on = localServerItems(actions, { enabled: true, port: 0, url: 'http://127.0.0.1:40001/' });
    expect(on[1]).toMatchObject({ label: 'Serve REST API and /metrics on 127.0.0.1:40001', type: 'checkbox', checked: true });
    (on[1]!.click as () => void)();
    (on[2]!.click as () => void)();
    expect(clicks).toEqual(['toggle', 'copy']);
  });

  it.skip(`Electron glue: ${ELECTRON_SKIP}`, () => undefined);
});
