import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type LabHarness } from './lab-client';

let h: LabHarness;

beforeEach(async () => {
  h = await startHarness({ kind: 'onos' });
});

afterEach(async () => {
  await h.close();
});

const S1 = 'of:0000000000000001';
const S2 = 'of:0000000000000002';

/** Hop 1 of svc1 on switch 1: ingress port 1 → PoP1 on port 3 tagged VLAN 400. */
const hop1 = {
  priority: 40000,
  isPermanent: true,
  timeout: 0,
  tableId: 0,
  selector: { criteria: [
    { type: 'IN_PORT', port: 1 },
    { type: 'ETH_TYPE', ethType: '0x0800' },
    { type: 'IPV4_SRC', ip: '192.168.10.0/24' },
    { type: 'IPV4_DST', ip: '10.20.0.0/24' },
  ] },
  treatment: { instructions: [
    { type: 'L2MODIFICATION', subtype: 'VLAN_PUSH' },
    { type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: 400 },
    { type: 'OUTPUT', port: '3' },
  ] },
};

interface Flow { id: string; appId: string; deviceId: string; state: string; priority: number; selector: { criteria: Record<string, unknown>[] }; treatment: { instructions: Record<string, unknown>[] } }

async function flows(path = '/onos/v1/flows'): Promise<Flow[]> {
  const answer = await h.call('GET', path);
  expect(answer.status).toBe(200);
  return (answer.json as { flows: Flow[] }).flows;
}

function expectOnosError(answer: Awaited<ReturnType<LabHarness['call']>>, status: number, message?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.json).toMatchObject({ code: status, ...(message === undefined ? {} : { message }) });
}

describe('ONOS stand-in: flow rules', () => {
  it('creates a flow with 201 + Location and reads it back in ONOS form', async () => {
    const answer = await h.call('POST', `/onos/v1/flows/${S1}?appId=org.wicm`, hop1);
    expect([answer.status, answer.text]).toEqual([201, '']);
    const location = answer.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${h.lab.url}/onos/v1/flows/${S1}/\\d+$`));
    const [flow] = await flows(`/onos/v1/flows/${S1}`);
    expect(flow).toMatchObject({
      id: location.split('/').pop(),
      appId: 'org.wicm',
      deviceId: S1,
      priority: 40000,
      isPermanent: true,
      tableId: 0,
      state: 'ADDED',
      selector: { criteria: [{ type: 'IN_PORT', port: 1 }, { type: 'ETH_TYPE', ethType: '0x800' }, { type: 'IPV4_SRC', ip: '192.168.10.0/24' }, { type: 'IPV4_DST', ip: '10.20.0.0/24' }] },
      treatment: { instructions: [{ type: 'L2MODIFICATION', subtype: 'VLAN_PUSH', ethernetType: '0x8100' }, { type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: 400 }, { type: 'OUTPUT', port: '3' }], deferred: [] },
    });
  });

  it('defaults the application to org.onosproject.rest, and the query appId wins over the body', async () => {
    await h.call('POST', `/onos/v1/flows/${S1}`, hop1);
    await h.call('POST', `/onos/v1/flows/${S2}?appId=org.q`, { ...hop1, appId: 'org.body' });
    expect((await flows()).map((f) => f.appId)).toEqual(['org.onosproject.rest', 'org.q']);
  });

  it('keeps the flow id when only the treatment changes (the rule is replaced)', async () => {
    const first = await h.call('POST', `/onos/v1/flows/${S1}?appId=org.wicm`, hop1);
    const changed = { ...hop1, treatment: { instructions: [{ type: 'OUTPUT', port: '2' }] } };
    const second = await h.call('POST', `/onos/v1/flows/${S1}?appId=org.wicm`, changed);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const all = await flows();
    expect(all).toHaveLength(1);
    expect(all[0]?.treatment.instructions).toEqual([{ type: 'OUTPUT', port: '2' }]);
    const third = await h.call('POST', `/onos/v1/flows/${S1}?appId=org.wicm`, { ...hop1, priority: 40001 });
    expect(third.headers.get('location')).not.toBe(first.headers.get('location'));
  });

  it('accepts the batch form and answers 200 with device and flow ids', async () => {
    const answer = await h.call('POST', '/onos/v1/flows?appId=org.wicm', { flows: [{ ...hop1, deviceId: S1 }, { ...hop1, deviceId: S2 }] });
    expect(answer.status).toBe(200);
    const created = (answer.json as { flows: { deviceId: string; flowId: string }[] }).flows;
    expect(created.map((c) => c.deviceId)).toEqual([S1, S2]);
    expect(created.every((c) => /^\d+$/.test(c.flowId))).toBe(true);
    expect((await flows()).map((f) => f.id)).toEqual(created.map((c) => c.flowId));
  });

  it('applies nothing of a batch with one bad flow', async () => {
    const answer = await h.call('POST', '/onos/v1/flows', { flows: [{ ...hop1, deviceId: S1 }, { ...hop1 }] });
    expectOnosError(answer, 400, 'deviceId member is required in FlowRule');
    expect(await flows()).toEqual([]);
    expectOnosError(await h.call('POST', '/onos/v1/flows', { rules: [] }), 400, 'Flows array was not specified');
  });

  it.each([
    [{ ...hop1, deviceId: S2 }, 'Invalid deviceId in flow creation request'],
    [{ ...hop1, priority: 70000 }, 'Priority cannot be greater than 65535'],
    [{ ...hop1, priority: undefined }, 'priority member is required in FlowRule'],
    [{ ...hop1, isPermanent: undefined }, 'isPermanent member is required in FlowRule'],
    [{ ...hop1, isPermanent: false, timeout: undefined }, 'timeout member is required in FlowRule if the flow is temporary'],
    [{ ...hop1, selector: { criteria: [{ type: 'IN_PORTS', port: 1 }] } }, 'Type IN_PORTS is unknown'],
    [{ ...hop1, selector: { criteria: [{ type: 'IPV4_SRC' }] } }, 'ip member is required in Criterion'],
    [{ ...hop1, selector: { criteria: [{ type: 'VLAN_VID', vlanId: 5000 }] } }, 'value exceeds allowed maximum VLAN ID value (4095)'],
    [{ ...hop1, treatment: { instructions: [{ type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: 4097 }] } }, 'value exceeds allowed maximum VLAN ID value (4095)'],
    [{ ...hop1, treatment: { instructions: [{ type: 'JUMP' }] } }, 'Instruction type JUMP is not supported'],
    [{ ...hop1, treatment: { instructions: [{ type: 'L2MODIFICATION', subtype: 'VLAN_SWAP' }] } }, 'L2 Instruction subtype VLAN_SWAP is not supported'],
    [{ ...hop1, treatment: { instructions: [{ type: 'OUTPUT' }] } }, 'port member is required in Instruction'],
  ])('rejects an invalid flow with 400 (%#)', async (body, message) => {
    expectOnosError(await h.call('POST', `/onos/v1/flows/${S1}`, body), 400, message);
    expect(await flows()).toEqual([]);
  });

  it('rejects malformed JSON with 400', async () => {
    expectOnosError(await h.call('POST', `/onos/v1/flows/${S1}`, '{"priority":'), 400);
  });

  it('accepts numbers and booleans as strings, and VLAN 4096 (any tagged)', async () => {
    const body = { ...hop1, priority: '40000', isPermanent: 'true', selector: { criteria: [{ type: 'IN_PORT', port: '1' }, { type: 'VLAN_VID', vlanId: '4096' }, { type: 'ETH_TYPE', ethType: 2048 }] } };
    expect((await h.call('POST', `/onos/v1/flows/${S1}`, body)).status).toBe(201);
    expect((await flows())[0]).toMatchObject({ priority: 40000, isPermanent: true, selector: { criteria: [{ port: 1 }, { vlanId: 4096 }, { ethType: '0x800' }] } });
  });

  it('leaves a flow for an unknown device PENDING_ADD and fails one missing its ETH_TYPE prerequisite', async () => {
    await h.call('POST', '/onos/v1/flows/of:00000000000000ff', hop1);
    const noEthType = { ...hop1, selector: { criteria: [{ type: 'IPV4_DST', ip: '10.20.0.0/24' }] } };
    await h.call('POST', `/onos/v1/flows/${S1}`, noEthType);
    expect((await flows()).map((f) => [f.deviceId, f.state])).toEqual([
      ['of:00000000000000ff', 'PENDING_ADD'],
      [S1, 'FAILED'],
    ]);
    expect((await flows('/onos/v1/flows/pending')).map((f) => f.deviceId)).toEqual(['of:00000000000000ff']);
  });

  it('answers 404 for a device without flows, on GET and DELETE', async () => {
    expectOnosError(await h.call('GET', `/onos/v1/flows/${S1}`), 404, 'Device is not found');
    expectOnosError(await h.call('DELETE', `/onos/v1/flows/${S1}/123`), 404, 'Device is not found');
  });

  it('reads one flow by device and flow id as ONOS does: the entry, none for an unknown id, 404 for a device without flows', async () => {
    expectOnosError(await h.call('GET', `/onos/v1/flows/${S1}/123`), 404, 'Device is not found');
    const id = (await h.call('POST', `/onos/v1/flows/${S1}?appId=org.wicm.test`, hop1)).headers.get('location')?.split('/').pop() ?? '';
    expect(await flows(`/onos/v1/flows/${S1}/${id}`)).toEqual([expect.objectContaining({ id, deviceId: S1, appId: 'org.wicm.test', priority: hop1.priority })]);
    expect(await flows(`/onos/v1/flows/${S1}/999`)).toEqual([]);
    expectOnosError(await h.call('GET', `/onos/v1/flows/${S1}/not-a-number`), 404);
  });

  it('deletes one flow with 204, also for an unknown flow id on a device with flows', async () => {
    const id = (await h.call('POST', `/onos/v1/flows/${S1}`, hop1)).headers.get('location')?.split('/').pop() ?? '';
    await h.call('POST', `/onos/v1/flows/${S1}`, { ...hop1, priority: 1 });
    expect((await h.call('DELETE', `/onos/v1/flows/${S1}/999`)).status).toBe(204);
    expect((await h.call('DELETE', `/onos/v1/flows/${S1}/${id}`)).status).toBe(204);
    expect((await flows()).map((f) => f.priority)).toEqual([1]);
    expect(await flows(`/onos/v1/flows/${S1}/${id}`)).toEqual([]);
  });

  it('deletes in batch with a body', async () => {
    const created = (await h.call('POST', '/onos/v1/flows', { flows: [{ ...hop1, deviceId: S1 }, { ...hop1, deviceId: S2 }] })).json as { flows: { deviceId: string; flowId: string }[] };
    expect((await h.call('DELETE', '/onos/v1/flows', { flows: [created.flows[0]] })).status).toBe(204);
    expect((await flows()).map((f) => f.deviceId)).toEqual([S2]);
  });

  it('refuses a batch delete element without deviceId or flowId as ONOS does, removing nothing', async () => {
    const created = (await h.call('POST', '/onos/v1/flows', { flows: [{ ...hop1, deviceId: S1 }, { ...hop1, deviceId: S2 }] })).json as { flows: { deviceId: string; flowId: string }[] };
    const [one, two] = created.flows as [{ deviceId: string; flowId: string }, { deviceId: string; flowId: string }];
    expectOnosError(await h.call('DELETE', '/onos/v1/flows', { flows: [one, { flowId: two.flowId }] }), 404, 'Device is not found');
    expectOnosError(await h.call('DELETE', '/onos/v1/flows', { flows: [one, { deviceId: S2 }] }), 404, 'Flow is not found');
    expectOnosError(await h.call('DELETE', '/onos/v1/flows', {}), 400, 'Flows array was not specified');
    expect(await flows()).toHaveLength(2);
    // Unknown (or non-numeric) flow ids remove nothing and still answer 204.
    expect((await h.call('DELETE', '/onos/v1/flows', { flows: [{ deviceId: S1, flowId: '12345' }, { deviceId: S2, flowId: 'x' }] })).status).toBe(204);
    expect(await flows()).toHaveLength(2);
  });
});

describe('ONOS stand-in: application ids', () => {
  it('reads and deletes flows by application', async () => {
    await h.call('POST', `/onos/v1/flows/${S1}?appId=org.wicm.svc1`, hop1);
    await h.call('POST', `/onos/v1/flows/${S2}?appId=org.wicm.svc1`, hop1);
    await h.call('POST', `/onos/v1/flows/${S1}?appId=org.other`, { ...hop1, priority: 10 });
    expect((await flows('/onos/v1/flows/application/org.wicm.svc1')).map((f) => f.deviceId)).toEqual([S1, S2]);
    expect((await h.call('DELETE', '/onos/v1/flows/application/org.wicm.svc1')).status).toBe(204);
    expect((await flows()).map((f) => f.appId)).toEqual(['org.other']);
    // The application stays registered after its flows are gone.
    expect(await flows('/onos/v1/flows/application/org.wicm.svc1')).toEqual([]);
    expect((await h.call('DELETE', '/onos/v1/flows/application/org.wicm.svc1')).status).toBe(204);
  });

  it('answers 404 for an application that was never registered', async () => {
    expectOnosError(await h.call('DELETE', '/onos/v1/flows/application/org.never'), 404, 'Application Id is not found');
    expectOnosError(await h.call('GET', '/onos/v1/flows/application/org.never'), 404, 'Application Id is not found');
    expect((await h.call('DELETE', '/onos/v1/flows/application/org.onosproject.cli')).status).toBe(204);
  });
});

describe('ONOS stand-in: topology discovery', () => {
  it('serves the default devices, ports, links (both directions) and hosts', async () => {
    const devices = (await h.call('GET', '/onos/v1/devices')).json as { devices: { id: string; type: string; available: boolean }[] };
    expect(devices.devices.map((d) => [d.id, d.type, d.available])).toEqual([[S1, 'SWITCH', true], [S2, 'SWITCH', true]]);
    const ports = (await h.call('GET', `/onos/v1/devices/${S1}/ports`)).json as { id: string; ports: { element: string; port: string; isEnabled: boolean; annotations: { portName: string } }[] };
    expect(ports.id).toBe(S1);
    expect(ports.ports.map((p) => [p.element, p.port, p.annotations.portName])).toEqual([1, 2, 3, 4].map((n) => [S1, String(n), `s1-eth${n}`]));
    const links = (await h.call('GET', '/onos/v1/links')).json as { links: unknown[] };
    expect(links.links).toEqual([
      { src: { port: '4', device: S1 }, dst: { port: '1', device: S2 }, type: 'DIRECT', state: 'ACTIVE' },
      { src: { port: '1', device: S2 }, dst: { port: '4', device: S1 }, type: 'DIRECT', state: 'ACTIVE' },
    ]);
    const hosts = (await h.call('GET', '/onos/v1/hosts')).json as { hosts: { id: string; ipAddresses: string[]; locations: unknown[] }[] };
    expect(hosts.hosts[0]).toMatchObject({ id: '00:00:00:00:00:01/None', ipAddresses: ['192.168.10.1'], locations: [{ elementId: S1, port: '1' }] });
  });

  it('filters links by device, port and direction', async () => {
    const egress = (await h.call('GET', `/onos/v1/links?device=${S1}&direction=EGRESS`)).json as { links: { src: { device: string } }[] };
    expect(egress.links.map((l) => l.src.device)).toEqual([S1]);
    const none = (await h.call('GET', `/onos/v1/links?device=${S1}&port=2`)).json as { links: unknown[] };
    expect(none.links).toEqual([]);
  });

  it('answers 404 for unknown devices and hosts', async () => {
    expectOnosError(await h.call('GET', '/onos/v1/devices/of:00000000000000ff'), 404, 'Device is not found');
    expectOnosError(await h.call('GET', '/onos/v1/hosts/00:00:00:00:00:99/None'), 404, 'Host is not found');
    expect((await h.call('GET', '/onos/v1/hosts/00:00:00:00:00:02/None')).status).toBe(200);
  });

  it('serves a configured seed topology', async () => {
    const seeded = await startHarness({
      kind: 'onos',
      seedTopology: {
        devices: [{ id: 'openflow:10', ports: [{ port: 1, annotations: { portName: 'wan0' } }], mfr: 'Acme' }, { id: 'of:000000000000000b' }],
        links: [
          { src: { device: 'openflow:10', port: 1 }, dst: { device: 'openflow:11', port: '7' } },
          { src: { device: 'openflow:11', port: 7 }, dst: { device: 'openflow:10', port: 1 } },
        ],
        hosts: [{ mac: 'aa:bb:cc:dd:ee:ff', ipAddresses: ['10.9.0.1'], location: { elementId: 'openflow:10', port: '1' } }],
      },
    });
    try {
      const device = (await seeded.call('GET', '/onos/v1/devices/of:000000000000000a/ports')).json as { mfr: string; ports: { annotations: { portName: string } }[] };
      expect(device.mfr).toBe('Acme');
      expect(device.ports[0]?.annotations.portName).toBe('wan0');
      expect(((await seeded.call('GET', '/onos/v1/links')).json as { links: unknown[] }).links).toHaveLength(2);
      const hosts = (await seeded.call('GET', '/onos/v1/hosts')).json as { hosts: { id: string; locations: unknown[] }[] };
      expect(hosts.hosts).toEqual([expect.objectContaining({ id: 'AA:BB:CC:DD:EE:FF/None', locations: [{ elementId: 'of:000000000000000a', port: '1' }] })]);
    } finally {
      await seeded.close();
    }
  });

  it('allows only GET on topology resources', async () => {
    expectOnosError(await h.call('POST', '/onos/v1/devices', {}), 405);
    expectOnosError(await h.call('GET', '/onos/v1/nothing'), 404);
  });
});
