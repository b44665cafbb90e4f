import { afterEach, describe, expect, it } from 'vitest';
import { createDriver } from '../../../../core/drivers';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import { createNodeHttpClient } from '../../../../electron/host/platform/http-client';

/**
 * Reading objects one by one on a lab ODL VTN: a tenant, vBridge or vInterface that a port map or
 * filter below it proves there is reported without a read of its own, and one nothing proves is
 * still read (present or absent), so the answer is the same as reading every path.
 */

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

const auth = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

async function rpc(base: string, name: string, input: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${base}/restconf/operations/${name}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ input }) });
  expect(res.status, `${name}: ${await res.text()}`).toBe(200);
}

describe('VTN reads of named objects', () => {
  it('proves parents from what is found below them and reads only what nothing proves', async () => {
    const lab = await startLabController({ kind: 'odl-vtn' });
    labs.push(lab);
    const at = (bridge: string, iface: string) => ({ 'tenant-name': 't1', 'bridge-name': bridge, 'interface-name': iface });
    await rpc(lab.url, 'vtn:update-vtn', { 'tenant-name': 't1', 'update-mode': 'UPDATE' });
    await rpc(lab.url, 'vtn-vbridge:update-vbridge', { 'tenant-name': 't1', 'bridge-name': 'b1', 'update-mode': 'UPDATE' });
    await rpc(lab.url, 'vtn-vbridge:update-vbridge', { 'tenant-name': 't1', 'bridge-name': 'b2', 'update-mode': 'UPDATE' });
    await rpc(lab.url, 'vtn-vinterface:update-vinterface', { ...at('b1', 'mapped'), 'update-mode': 'UPDATE' });
    await rpc(lab.url, 'vtn-port-map:set-port-map', { ...at('b1', 'mapped'), node: 'openflow:1', 'port-id': '1' });
    await rpc(lab.url, 'vtn-vinterface:update-vinterface', { ...at('b2', 'bare'), 'update-mode': 'UPDATE' });

    const driver = createDriver({ kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' });
    const http = createNodeHttpClient();
    const ids = [
      'vtn:t1',
      'vbridge:t1/b1',
      'vinterface:t1/b1/mapped',
      'port-map:t1/b1/mapped',
      'vbridge:t1/b2',
      'vinterface:t1/b2/bare',
      'port-map:t1/b2/bare',
      'vinterface:t1/b2/missing',
      'port-map:t1/b2/missing',
      'vbridge:t1/b3',
      'vinterface:t1/b3/x',
      'filter:t1/b1/mapped#7',
    ];
    const before = lab.requests().length;
    const found = await driver.readObjects?.(http, ids);
    http.close();

    expect(new Set(found?.map((l) => l.id))).toEqual(new Set(['vtn:t1', 'vbridge:t1/b1', 'vinterface:t1/b1/mapped', 'port-map:t1/b1/mapped', 'vbridge:t1/b2', 'vinterface:t1/b2/bare']));
    expect(found?.find((l) => l.id === 'port-map:t1/b1/mapped')?.content).toMatchObject({ node: 'openflow:1' });
    const paths = lab.requests().slice(before).filter((r) => r.method === 'GET').map((r) => r.path);
    // The port map proves t1, b1 and b1/mapped: none of them is read.
    expect(paths.filter((p) => p.endsWith('/vtenant-config') || p.includes('/vbridge/b1/vbridge-config') || p.includes('/mapped/vinterface-config'))).toEqual([]);
    // Nothing below b2/bare, b2/missing, b2 and b3 was found, so each is read.
    for (const p of ['/vbridge/b2/vinterface/bare/vinterface-config', '/vbridge/b2/vinterface/missing/vinterface-config', '/vbridge/b2/vbridge-config', '/vbridge/b3/vbridge-config']) {
      expect(paths.filter((q) => q.endsWith(p))).toHaveLength(1);
    }
    expect(paths).toHaveLength(ids.length - 3);
  });
});
