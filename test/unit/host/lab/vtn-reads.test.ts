import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restconfError, startHarness, type LabHarness } from './lab-client';

let h: LabHarness;

beforeEach(async () => {
  h = await startHarness({
    kind: 'odl-vtn',
    seedTopology: {
      devices: [
        { id: 'openflow:1', ports: [{ port: 1, name: 's1-eth1' }, { port: 2, name: 's1-eth2', isEnabled: false }, { port: 3, name: 's1-eth3' }] },
      ],
    },
  });
});

afterEach(async () => {
  await h.close();
});

const B = { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1' };

async function build(): Promise<void> {
  await h.rpc('vtn:update-vtn', { 'tenant-name': 'vtn1', description: 'WICM tenant' });
  await h.rpc('vtn-vbridge:update-vbridge', { ...B, description: 'site A switch fabric' });
  for (const i of ['if1', 'if2', 'if3', 'if4']) await h.rpc('vtn-vinterface:update-vinterface', { ...B, 'interface-name': i });
  await h.rpc('vtn-port-map:set-port-map', { ...B, 'interface-name': 'if1', node: 'openflow:1', 'port-id': '1' });
  await h.rpc('vtn-port-map:set-port-map', { ...B, 'interface-name': 'if2', node: 'openflow:1', 'port-id': '2' });
  await h.rpc('vtn-port-map:set-port-map', { ...B, 'interface-name': 'if3', node: 'openflow:1', 'port-name': 's1-eth3', 'vlan-id': '400' });
  await h.rpc('vtn-flow-condition:set-flow-condition', {
    name: 'svc1',
    'vtn-flow-match': [{ index: 1, 'vtn-ether-match': { 'ether-type': 2048 }, 'vtn-inet-match': { 'source-network': '192.168.10.7/24', 'destination-network': '10.20.0.0/24' } }],
  });
  await h.rpc('vtn-flow-filter:set-flow-filter', {
    ...B,
    'interface-name': 'if1',
    output: 'false',
    'vtn-flow-filter': [{ index: '101', condition: 'svc1', 'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': 'if3' }, output: 'true' } }],
  });
}

describe('VTN stand-in: operational reads', () => {
  it('serves an empty vtns container before any tenant exists', async () => {
    const answer = await h.call('GET', '/restconf/operational/vtn:vtns');
    expect([answer.status, answer.json]).toEqual([200, { vtns: {} }]);
  });

  it('serves the whole tree in the documented shape, with native numbers and booleans', async () => {
    await build();
    const answer = await h.call('GET', '/restconf/operational/vtn:vtns');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      vtns: {
        vtn: [{
          name: 'vtn1',
          'vtenant-config': { description: 'WICM tenant', 'idle-timeout': 300, 'hard-timeout': 0 },
          vbridge: [{
            name: 'vbr1',
            'vbridge-config': { description: 'site A switch fabric', 'age-interval': 600 },
            'bridge-status': { state: 'DOWN', 'path-faults': 0 },
            vinterface: [
              {
                name: 'if1',
                'vinterface-config': { enabled: true },
                'vinterface-status': { state: 'UP', 'entity-state': 'UP', 'mapped-port': 'openflow:1:1' },
                'port-map-config': { node: 'openflow:1', 'port-id': '1', 'vlan-id': 0 },
                'vinterface-input-filter': {
                  'vtn-flow-filter': [{ index: 101, condition: 'svc1', 'vtn-redirect-filter': { output: true, 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': 'if3' } } }],
                },
              },
              {
                name: 'if2',
                'vinterface-config': { enabled: true },
                'vinterface-status': { state: 'DOWN', 'entity-state': 'DOWN', 'mapped-port': 'openflow:1:2' },
                'port-map-config': { node: 'openflow:1', 'port-id': '2', 'vlan-id': 0 },
              },
              {
                name: 'if3',
                'vinterface-config': { enabled: true },
                'vinterface-status': { state: 'UP', 'entity-state': 'UP', 'mapped-port': 'openflow:1:3' },
                'port-map-config': { node: 'openflow:1', 'port-name': 's1-eth3', 'vlan-id': 400 },
              },
              { name: 'if4', 'vinterface-config': { enabled: true }, 'vinterface-status': { state: 'UNKNOWN', 'entity-state': 'UNKNOWN' } },
            ],
          }],
        }],
      },
    });
  });

  it('wraps list entries in one-element lists', async () => {
    await build();
    const tenant = await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1');
    expect(Object.keys(tenant.json as object)).toEqual(['vtn']);
    expect((tenant.json as { vtn: unknown[] }).vtn).toHaveLength(1);
    const bridge = await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/vbr1');
    expect(bridge.json).toMatchObject({ vbridge: [{ name: 'vbr1' }] });
    const iface = await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/vbr1/vinterface/if3');
    expect(iface.json).toMatchObject({ vinterface: [{ name: 'if3', 'port-map-config': { 'vlan-id': 400 } }] });
    const filter = await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/vbr1/vinterface/if1/vinterface-input-filter/vtn-flow-filter/101');
    expect(filter.json).toMatchObject({ 'vtn-flow-filter': [{ index: 101 }] });
  });

  it('reads one object by its key as text, and 404s keys that only look alike', async () => {
    // Reads render just the object named: its keys compare as RESTCONF compares them, as text.
    await build();
    const base = '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/vbr1/vinterface/if1/vinterface-input-filter/vtn-flow-filter';
    for (const key of ['0101', '101.0', ' 101', '102']) {
      const answer = await h.call('GET', `${base}/${encodeURIComponent(key)}`);
      expect([key, answer.status, restconfError(answer)?.['error-tag']]).toEqual([key, 404, 'data-missing']);
    }
    const match = await h.call('GET', '/restconf/operational/vtn-flow-condition:vtn-flow-conditions/vtn-flow-condition/svc1/vtn-flow-match/1');
    expect(match.json).toMatchObject({ 'vtn-flow-match': [{ index: 1 }] });
    const missing = await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/nosuch/vinterface/if1');
    expect(missing.status).toBe(404);
  });

  it('serves flow conditions with canonical networks and native numbers', async () => {
    await build();
    const all = await h.call('GET', '/restconf/operational/vtn-flow-condition:vtn-flow-conditions');
    const svc1 = {
      name: 'svc1',
      'vtn-flow-match': [{ index: 1, 'vtn-ether-match': { 'ether-type': 2048 }, 'vtn-inet-match': { 'source-network': '192.168.10.0/24', 'destination-network': '10.20.0.0/24' } }],
    };
    expect(all.json).toEqual({ 'vtn-flow-conditions': { 'vtn-flow-condition': [svc1] } });
    const one = await h.call('GET', '/restconf/operational/vtn-flow-condition:vtn-flow-conditions/vtn-flow-condition/svc1');
    expect(one.json).toEqual({ 'vtn-flow-condition': [svc1] });
  });

  it('marks a vTerminal and a disabled interface as the model describes', async () => {
    await h.rpc('vtn:update-vtn', { 'tenant-name': 'vtn1' });
    const vt = { 'tenant-name': 'vtn1', 'terminal-name': 'pop1' };
    await h.rpc('vtn-vterminal:update-vterminal', { ...vt, description: 'PoP 1' });
    await h.rpc('vtn-vinterface:update-vinterface', { ...vt, 'interface-name': 'p', enabled: false });
    await h.rpc('vtn-port-map:set-port-map', { ...vt, 'interface-name': 'p', node: 'openflow:1', 'port-id': '3' });
    const answer = await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1/vterminal/pop1');
    expect(answer.json).toEqual({
      vterminal: [{
        name: 'pop1',
        'vterminal-config': { description: 'PoP 1' },
        'bridge-status': { state: 'UNKNOWN', 'path-faults': 0 },
        vinterface: [{
          name: 'p',
          'vinterface-config': { enabled: false },
          'vinterface-status': { state: 'DOWN', 'entity-state': 'UP', 'mapped-port': 'openflow:1:3' },
          'port-map-config': { node: 'openflow:1', 'port-id': '3', 'vlan-id': 0 },
        }],
      }],
    });
  });

  it.each([
    '/restconf/operational/vtn:vtns/vtn/nosuch',
    '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/nosuch',
    '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/vbr1/vinterface/if9',
    '/restconf/operational/vtn-flow-condition:vtn-flow-conditions/vtn-flow-condition/nosuch',
  ])('answers 404 data-missing for %s', async (path) => {
    await build();
    const answer = await h.call('GET', path);
    expect(answer.status).toBe(404);
    expect(restconfError(answer)).toEqual({
      'error-type': 'protocol',
      'error-tag': 'data-missing',
      'error-message': 'Request could not be completed because the relevant data model content does not exist ',
    });
  });

  it('answers 400 unknown-element for an unknown module in a read path', async () => {
    const answer = await h.call('GET', '/restconf/operational/nosuch:things');
    expect([answer.status, restconfError(answer)?.['error-tag']]).toEqual([400, 'unknown-element']);
  });

  it('exposes the same tree as state()', async () => {
    await build();
    const tree = h.lab.state() as { vtns: unknown; 'vtn-flow-conditions': unknown };
    expect({ vtns: tree.vtns }).toEqual((await h.call('GET', '/restconf/operational/vtn:vtns')).json);
    expect(tree['vtn-flow-conditions']).toMatchObject({ 'vtn-flow-condition': [{ name: 'svc1' }] });
  });
});
