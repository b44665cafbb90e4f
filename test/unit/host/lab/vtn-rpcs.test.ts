import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restconfError, startHarness, type LabHarness } from './lab-client';

let h: LabHarness;

beforeEach(async () => {
  h = await startHarness({ kind: 'odl-vtn' });
});

afterEach(async () => {
  await h.close();
});

const T = { 'tenant-name': 'vtn1' };
const B = { ...T, 'bridge-name': 'vbr1' };
const if1 = { ...B, 'interface-name': 'if1' };

/** Tenant vtn1, vBridge vbr1 with if1..if4. */
async function chain(): Promise<void> {
  expect((await h.rpc('vtn:update-vtn', T)).status).toBe(200);
  expect((await h.rpc('vtn-vbridge:update-vbridge', B)).status).toBe(200);
  for (const i of ['if1', 'if2', 'if3', 'if4']) {
    expect((await h.rpc('vtn-vinterface:update-vinterface', { ...B, 'interface-name': i })).status).toBe(200);
  }
}

function expectError(answer: Awaited<ReturnType<LabHarness['rpc']>>, status: number, tag: string, appTag: string | undefined, message?: string): void {
  expect(answer.status).toBe(status);
  const error = restconfError(answer);
  expect(error?.['error-tag']).toBe(tag);
  expect(error?.['error-app-tag']).toBe(appTag);
  expect(error?.['error-type']).toBe(appTag === undefined ? 'protocol' : 'application');
  if (message !== undefined) expect(error?.['error-message']).toBe(message);
}

const redirect = (index: number | string, to: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  index,
  condition: 'svc1',
  'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': to }, output: true },
  ...extra,
});

describe('VTN stand-in: update/remove of tenants, bridges, interfaces', () => {
  it('reports CREATED, then nothing, then CHANGED for update-vtn', async () => {
    expect((await h.rpc('vtn:update-vtn', { ...T, description: 'WICM tenant' })).json).toEqual({ output: { status: 'CREATED' } });
    expect((await h.rpc('vtn:update-vtn', { ...T, description: 'WICM tenant' })).json).toEqual({ output: {} });
    expect((await h.rpc('vtn:update-vtn', { ...T, 'idle-timeout': '30' })).json).toEqual({ output: { status: 'CHANGED' } });
  });

  it('applies update-mode CREATE (409 on existing) and MODIFY (404 on missing)', async () => {
    expectError(await h.rpc('vtn:update-vtn', { ...T, 'update-mode': 'MODIFY' }), 404, 'data-missing', 'NOTFOUND', 'VTN:vtn1: VTN does not exist.');
    await h.rpc('vtn:update-vtn', T);
    expectError(await h.rpc('vtn:update-vtn', { ...T, 'update-mode': 'CREATE' }), 409, 'data-exists', 'CONFLICT', 'VTN:vtn1: VTN already exists.');
    expectError(await h.rpc('vtn-vbridge:update-vbridge', { ...B, 'update-mode': 'MODIFY' }), 404, 'data-missing', 'NOTFOUND', 'vBridge:vtn1/vbr1: vBridge does not exist.');
  });

  it('keeps omitted fields with operation ADD and resets them with SET', async () => {
    await h.rpc('vtn:update-vtn', { ...T, description: 'd', 'idle-timeout': 60, 'hard-timeout': 120 });
    await h.rpc('vtn:update-vtn', { ...T, operation: 'ADD', 'hard-timeout': 90 });
    const kept = (await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1')).json;
    expect(kept).toMatchObject({ vtn: [{ 'vtenant-config': { description: 'd', 'idle-timeout': 60, 'hard-timeout': 90 } }] });
    expect((await h.rpc('vtn:update-vtn', { ...T, operation: 'SET' })).json).toEqual({ output: { status: 'CHANGED' } });
    const reset = (await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1')).json;
    expect(reset).toEqual({ vtn: [{ name: 'vtn1', 'vtenant-config': { 'idle-timeout': 300, 'hard-timeout': 0 } }] });
  });

  it('rejects idle-timeout not below a non-zero hard-timeout', async () => {
    expectError(await h.rpc('vtn:update-vtn', { ...T, 'idle-timeout': 100, 'hard-timeout': 50 }), 400, 'bad-element', 'BADREQUEST');
  });

  it.each([
    ['', 'VTN name cannot be empty'],
    ['vtn-1', 'VTN name is invalid'],
    ['_vtn', 'VTN name is invalid'],
    ['a'.repeat(32), 'VTN name is invalid'],
    ['vtn.1', 'VTN name is invalid'],
  ])('rejects the tenant name %j on create with 400 bad-element', async (name, message) => {
    expectError(await h.rpc('vtn:update-vtn', { 'tenant-name': name }), 400, 'bad-element', 'BADREQUEST', message);
  });

  it.each(['a', 'A1', `x${'_'.repeat(30)}`, '9lives'])('accepts the tenant name %j', async (name) => {
    expect((await h.rpc('vtn:update-vtn', { 'tenant-name': name })).json).toEqual({ output: { status: 'CREATED' } });
  });

  it('answers 400 missing-element when the name is absent', async () => {
    expectError(await h.rpc('vtn:update-vtn', {}), 400, 'missing-element', 'BADREQUEST', 'VTN name cannot be null');
    expectError(await h.rpc('vtn:remove-vtn', {}), 400, 'missing-element', 'BADREQUEST', 'VTN name cannot be null');
  });

  it('answers 404 when an invalid name designates an existing parent', async () => {
    expectError(await h.rpc('vtn-vbridge:update-vbridge', { 'tenant-name': 'bad-name', 'bridge-name': 'vbr1' }), 404, 'data-missing', 'NOTFOUND', 'bad-name: VTN does not exist.');
    expectError(await h.rpc('vtn:remove-vtn', { 'tenant-name': 'bad-name' }), 404, 'data-missing', 'NOTFOUND', 'bad-name: VTN does not exist.');
    await h.rpc('vtn:update-vtn', T);
    expectError(await h.rpc('vtn-vbridge:update-vbridge', { ...T, 'bridge-name': 'bad-name' }), 400, 'bad-element', 'BADREQUEST', 'vBridge name is invalid');
  });

  it('answers 404 for a missing tenant, bridge or interface', async () => {
    expectError(await h.rpc('vtn-vbridge:update-vbridge', B), 404, 'data-missing', 'NOTFOUND', 'VTN:vtn1: VTN does not exist.');
    await h.rpc('vtn:update-vtn', T);
    expectError(await h.rpc('vtn-vinterface:update-vinterface', if1), 404, 'data-missing', 'NOTFOUND', 'vBridge:vtn1/vbr1: vBridge does not exist.');
    expectError(await h.rpc('vtn-vbridge:remove-vbridge', B), 404, 'data-missing', 'NOTFOUND');
    await h.rpc('vtn-vbridge:update-vbridge', B);
    expectError(await h.rpc('vtn-vinterface:remove-vinterface', { ...B, 'interface-name': 'if9' }), 404, 'data-missing', 'NOTFOUND', 'vBridge-IF:vtn1/vbr1/if9: vInterface does not exist.');
  });

  it('needs a bridge or terminal name for an interface, and filters only where VTN has lists', async () => {
    await h.rpc('vtn:update-vtn', T);
    expectError(await h.rpc('vtn-vinterface:update-vinterface', { ...T, 'interface-name': 'if1' }), 400, 'missing-element', 'BADREQUEST', 'Virtual bridge name cannot be null');
    await h.rpc('vtn-vterminal:update-vterminal', { ...T, 'terminal-name': 'vt1' });
    const onTerminal = await h.rpc('vtn-flow-filter:set-flow-filter', { ...T, 'terminal-name': 'vt1', 'vtn-flow-filter': [{ index: 1, condition: 'c', 'vtn-pass-filter': {} }] });
    expectError(onTerminal, 400, 'bad-element', 'BADREQUEST', 'vTerminal:vtn1/vt1: vTerminal does not support flow filter.');
  });

  it('rejects a vBridge age-interval outside 10..1000000', async () => {
    await h.rpc('vtn:update-vtn', T);
    expectError(await h.rpc('vtn-vbridge:update-vbridge', { ...B, 'age-interval': 5 }), 400, 'invalid-value', 'BADREQUEST');
    expect((await h.rpc('vtn-vbridge:update-vbridge', { ...B, 'age-interval': '10' })).status).toBe(200);
  });

  it('lets a vTerminal hold one interface only (409 on a second)', async () => {
    await h.rpc('vtn:update-vtn', T);
    const vt = { ...T, 'terminal-name': 'vt1' };
    expect((await h.rpc('vtn-vterminal:update-vterminal', vt)).json).toEqual({ output: { status: 'CREATED' } });
    expect((await h.rpc('vtn-vinterface:update-vinterface', { ...vt, 'interface-name': 'a' })).status).toBe(200);
    expect((await h.rpc('vtn-vinterface:update-vinterface', { ...vt, 'interface-name': 'a', enabled: 'false' })).json).toEqual({ output: { status: 'CHANGED' } });
    expectError(await h.rpc('vtn-vinterface:update-vinterface', { ...vt, 'interface-name': 'b' }), 409, 'data-exists', 'CONFLICT', 'vTerminal can have only one interface');
  });

  it('removes everything below a tenant and answers 200 with an empty body', async () => {
    await chain();
    const removed = await h.rpc('vtn:remove-vtn', T);
    expect(removed.status).toBe(200);
    expect(removed.text).toBe('');
    expect((await h.call('GET', '/restconf/operational/vtn:vtns')).json).toEqual({ vtns: {} });
    expectError(await h.rpc('vtn:remove-vtn', T), 404, 'data-missing', 'NOTFOUND');
  });

  it('frees the port maps of a removed vBridge', async () => {
    await chain();
    const map = { node: 'openflow:1', 'port-id': '3', 'vlan-id': 400 };
    await h.rpc('vtn-port-map:set-port-map', { ...if1, ...map });
    expect((await h.rpc('vtn-vbridge:remove-vbridge', B)).status).toBe(200);
    await h.rpc('vtn-vbridge:update-vbridge', { ...T, 'bridge-name': 'vbr2' });
    await h.rpc('vtn-vinterface:update-vinterface', { ...T, 'bridge-name': 'vbr2', 'interface-name': 'x' });
    expect((await h.rpc('vtn-port-map:set-port-map', { ...T, 'bridge-name': 'vbr2', 'interface-name': 'x', ...map })).status).toBe(200);
  });
});

describe('VTN stand-in: request envelope', () => {
  it('rejects unknown keys, other top-level keys, a missing input and bad JSON with 400 malformed-message', async () => {
    expectError(await h.rpc('vtn:update-vtn', { ...T, colour: 'red' }), 400, 'malformed-message', undefined);
    expectError(await h.call('POST', '/restconf/operations/vtn:update-vtn', { input: T, extra: 1 }), 400, 'malformed-message', undefined);
    expectError(await h.call('POST', '/restconf/operations/vtn:update-vtn', {}), 400, 'malformed-message', undefined);
    expectError(await h.call('POST', '/restconf/operations/vtn:update-vtn', '{"input":'), 400, 'malformed-message', undefined);
    expectError(await h.call('POST', '/restconf/operations/vtn:update-vtn', ''), 400, 'malformed-message', undefined);
  });

  it('accepts module-qualified input and leaf names', async () => {
    const answer = await h.call('POST', '/restconf/operations/vtn:update-vtn', { 'vtn:input': { 'vtn:tenant-name': 'vtn1' } });
    expect(answer.json).toEqual({ output: { status: 'CREATED' } });
  });

  it('rejects values of the wrong type', async () => {
    expectError(await h.rpc('vtn:update-vtn', { ...T, 'idle-timeout': 'soon' }), 400, 'malformed-message', undefined);
    expectError(await h.rpc('vtn:update-vtn', { ...T, 'update-mode': 'REPLACE' }), 400, 'malformed-message', undefined);
    expectError(await h.rpc('vtn:update-vtn', { ...T, 'idle-timeout': 70000 }), 400, 'invalid-value', 'BADREQUEST');
  });

  it('answers 400 unknown-element for an unknown module or RPC', async () => {
    expectError(await h.rpc('vtnx:update-vtn', T), 400, 'unknown-element', undefined, "The module named 'vtnx' does not exist.");
    expectError(await h.rpc('vtn:update-vbridge', B), 400, 'unknown-element', undefined, 'RPC does not exist.');
  });

  it('allows only POST on operations', async () => {
    expect((await h.call('GET', '/restconf/operations/vtn:update-vtn')).status).toBe(405);
  });

  it('lists the VTN modules with their revisions', async () => {
    const answer = await h.call('GET', '/restconf/modules');
    expect(answer.status).toBe(200);
    const modules = (answer.json as { modules: { module: { name: string; revision: string }[] } }).modules.module;
    expect(modules).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'vtn', revision: '2015-03-28' }),
      expect.objectContaining({ name: 'vtn-flow-filter', revision: '2015-09-07' }),
      expect.objectContaining({ name: 'vtn-flow-condition', revision: '2015-03-13' }),
    ]));
  });
});

describe('VTN stand-in: port maps', () => {
  beforeEach(chain);

  it('creates, keeps, changes and removes a port map', async () => {
    const map = { ...if1, node: 'openflow:1', 'port-id': '1' };
    expect((await h.rpc('vtn-port-map:set-port-map', map)).json).toEqual({ output: { status: 'CREATED' } });
    expect((await h.rpc('vtn-port-map:set-port-map', { ...map, 'vlan-id': '0' })).json).toEqual({ output: {} });
    expect((await h.rpc('vtn-port-map:set-port-map', { ...map, 'vlan-id': 400 })).json).toEqual({ output: { status: 'CHANGED' } });
    expect((await h.rpc('vtn-port-map:remove-port-map', if1)).json).toEqual({ output: { status: 'REMOVED' } });
    expect((await h.rpc('vtn-port-map:remove-port-map', if1)).json).toEqual({ output: {} });
  });

  it('answers 409 when the (node, port, VLAN) is mapped to another interface', async () => {
    await h.rpc('vtn-port-map:set-port-map', { ...if1, node: 'openflow:1', 'port-id': '3', 'vlan-id': 400 });
    const clash = await h.rpc('vtn-port-map:set-port-map', { ...B, 'interface-name': 'if2', node: 'openflow:1', 'port-name': 's1-eth3', 'vlan-id': 400 });
    expectError(clash, 409, 'data-exists', 'CONFLICT', 'Specified port is mapped to vBridge-IF:vtn1/vbr1/if1');
    const otherVlan = await h.rpc('vtn-port-map:set-port-map', { ...B, 'interface-name': 'if2', node: 'openflow:1', 'port-id': '3', 'vlan-id': 401 });
    expect(otherVlan.status).toBe(200);
  });

  it('validates node, port and VLAN', async () => {
    expectError(await h.rpc('vtn-port-map:set-port-map', { ...if1, 'port-id': '1' }), 400, 'missing-element', 'BADREQUEST', 'Node cannot be null');
    expectError(await h.rpc('vtn-port-map:set-port-map', { ...if1, node: 'openflow:1' }), 400, 'bad-element', 'BADREQUEST', 'Target port name or ID must be specified');
    expectError(await h.rpc('vtn-port-map:set-port-map', { ...if1, node: 'switch1', 'port-id': '1' }), 400, 'bad-element', 'BADREQUEST');
    expectError(await h.rpc('vtn-port-map:set-port-map', { ...if1, node: 'openflow:1', 'port-id': 'eth1' }), 400, 'bad-element', 'BADREQUEST');
    expectError(await h.rpc('vtn-port-map:set-port-map', { ...if1, node: 'openflow:1', 'port-id': '1', 'vlan-id': 4096 }), 400, 'invalid-value', 'BADREQUEST');
  });

  it('answers 404 for a missing interface', async () => {
    expectError(await h.rpc('vtn-port-map:set-port-map', { ...B, 'interface-name': 'if9', node: 'openflow:1', 'port-id': '1' }), 404, 'data-missing', 'NOTFOUND');
    expectError(await h.rpc('vtn-port-map:remove-port-map', { ...B, 'interface-name': 'if9' }), 404, 'data-missing', 'NOTFOUND');
  });
});

describe('VTN stand-in: flow conditions', () => {
  const svc1 = {
    name: 'svc1',
    operation: 'SET',
    'vtn-flow-match': [{ index: '1', 'vtn-ether-match': { 'ether-type': '0x0800' }, 'vtn-inet-match': { 'source-network': '192.168.10.0/24', 'destination-network': '10.20.0.0/24' } }],
  };

  it('creates, detects no change, merges with ADD and replaces with SET', async () => {
    expect((await h.rpc('vtn-flow-condition:set-flow-condition', svc1)).json).toEqual({ output: { status: 'CREATED' } });
    expect((await h.rpc('vtn-flow-condition:set-flow-condition', svc1)).json).toEqual({ output: {} });
    const add = { name: 'svc1', 'vtn-flow-match': [{ index: 2, 'vtn-inet-match': { protocol: 17 } }] };
    expect((await h.rpc('vtn-flow-condition:set-flow-condition', add)).json).toEqual({ output: { status: 'CHANGED' } });
    const merged = (await h.call('GET', '/restconf/operational/vtn-flow-condition:vtn-flow-conditions/vtn-flow-condition/svc1')).json;
    expect(merged).toMatchObject({ 'vtn-flow-condition': [{ 'vtn-flow-match': [{ index: 1 }, { index: 2 }] }] });
    expect((await h.rpc('vtn-flow-condition:set-flow-condition', { ...add, operation: 'SET' })).json).toEqual({ output: { status: 'CHANGED' } });
    const replaced = (await h.call('GET', '/restconf/operational/vtn-flow-condition:vtn-flow-conditions/vtn-flow-condition/svc1')).json;
    expect(replaced).toEqual({ 'vtn-flow-condition': [{ name: 'svc1', 'vtn-flow-match': [{ index: 2, 'vtn-inet-match': { protocol: 17 } }] }] });
  });

  it.each([
    [0, 'Invalid match index: 0'],
    [65536, 'Invalid match index: 65536'],
    ['70000', 'Invalid match index: 70000'],
  ])('rejects match index %j with 400 invalid-value', async (index, message) => {
    const answer = await h.rpc('vtn-flow-condition:set-flow-condition', { name: 'c', 'vtn-flow-match': [{ index }] });
    expectError(answer, 400, 'invalid-value', 'BADREQUEST', message);
  });

  it('accepts match indices 1 and 65535', async () => {
    const answer = await h.rpc('vtn-flow-condition:set-flow-condition', { name: 'c', 'vtn-flow-match': [{ index: 1 }, { index: '65535' }] });
    expect(answer.status).toBe(200);
  });

  it('rejects duplicate and missing match indices, invalid names and IPv6 networks', async () => {
    expectError(await h.rpc('vtn-flow-condition:set-flow-condition', { name: 'c', 'vtn-flow-match': [{ index: 1 }, { index: '1' }] }), 400, 'bad-element', 'BADREQUEST', 'Duplicate match index: 1');
    expectError(await h.rpc('vtn-flow-condition:set-flow-condition', { name: 'c', 'vtn-flow-match': [{ 'vtn-inet-match': { protocol: 6 } }] }), 400, 'missing-element', 'BADREQUEST', 'Match index cannot be null');
    expectError(await h.rpc('vtn-flow-condition:set-flow-condition', { name: '3f2a-uuid' }), 400, 'bad-element', 'BADREQUEST', 'Flow condition name is invalid');
    expectError(await h.rpc('vtn-flow-condition:set-flow-condition', { name: 'c', 'vtn-flow-match': [{ index: 1, 'vtn-inet-match': { 'source-network': '2001:db8::/64' } }] }), 400, 'invalid-value', 'BADREQUEST');
  });

  it('answers 404 with present:true for a missing condition, and on remove', async () => {
    expectError(await h.rpc('vtn-flow-condition:set-flow-condition', { name: 'svc9', present: 'true' }), 404, 'data-missing', 'NOTFOUND', 'svc9: Flow condition does not exist.');
    expectError(await h.rpc('vtn-flow-condition:remove-flow-condition', { name: 'svc9' }), 404, 'data-missing', 'NOTFOUND', 'svc9: Flow condition does not exist.');
    await h.rpc('vtn-flow-condition:set-flow-condition', svc1);
    const removed = await h.rpc('vtn-flow-condition:remove-flow-condition', { name: 'svc1' });
    expect([removed.status, removed.text]).toEqual([200, '']);
  });
});

describe('VTN stand-in: flow filters', () => {
  beforeEach(chain);

  const setOn = (target: Record<string, unknown>, filters: unknown[], output?: unknown): ReturnType<LabHarness['rpc']> =>
    h.rpc('vtn-flow-filter:set-flow-filter', { ...target, ...(output === undefined ? {} : { output }), 'vtn-flow-filter': filters });

  it('creates, leaves unchanged, and replaces by index in one (interface, direction) list', async () => {
    expect((await setOn(if1, [redirect(101, 'if3')], 'false')).json).toEqual({ output: { 'flow-filter-result': [{ index: 101, status: 'CREATED' }] } });
    expect((await setOn(if1, [redirect('101', 'if3')], false)).json).toEqual({ output: { 'flow-filter-result': [{ index: 101 }] } });
    expect((await setOn(if1, [redirect(101, 'if4')])).json).toEqual({ output: { 'flow-filter-result': [{ index: 101, status: 'CHANGED' }] } });
    const list = (await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/vbr1/vinterface/if1/vinterface-input-filter')).json;
    expect(list).toEqual({
      'vinterface-input-filter': {
        'vtn-flow-filter': [{ index: 101, condition: 'svc1', 'vtn-redirect-filter': { output: true, 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': 'if4' } } }],
      },
    });
  });

  it('keeps separate lists per interface and per direction', async () => {
    await setOn(if1, [redirect(1, 'if3')]);
    expect((await setOn(if1, [redirect(1, 'if3')], 'true')).json).toEqual({ output: { 'flow-filter-result': [{ index: 1, status: 'CREATED' }] } });
    expect((await setOn({ ...B, 'interface-name': 'if2' }, [redirect(1, 'if3')])).json).toEqual({ output: { 'flow-filter-result': [{ index: 1, status: 'CREATED' }] } });
  });

  it('answers one result per filter, in input order', async () => {
    const answer = await setOn(if1, [redirect(20, 'if3'), { index: 10, condition: 'svc2', 'vtn-drop-filter': {} }]);
    expect(answer.json).toEqual({ output: { 'flow-filter-result': [{ index: 20, status: 'CREATED' }, { index: 10, status: 'CREATED' }] } });
  });

  it.each([0, 65536, '70000'])('rejects filter index %j with 400 invalid-value', async (index) => {
    expectError(await setOn(if1, [redirect(index, 'if3')]), 400, 'invalid-value', 'BADREQUEST', `Invalid filter index: ${Number(index)}`);
  });

  it('validates the filter list as VTN does', async () => {
    expectError(await setOn(if1, []), 400, 'missing-element', 'BADREQUEST', 'At least one flow filter must be specified.');
    expectError(await setOn(if1, [redirect(1, 'if3'), redirect(1, 'if4')]), 400, 'bad-element', 'BADREQUEST', 'Duplicate flow filter index: 1');
    expectError(await setOn(if1, [{ condition: 'svc1', 'vtn-pass-filter': {} }]), 400, 'missing-element', 'BADREQUEST', 'Filter index cannot be null');
    expectError(await setOn(if1, [{ index: 1, condition: 'svc1' }]), 400, 'missing-element', 'BADREQUEST', 'vtn-flow-filter-type cannot be null');
    expectError(await setOn(if1, [{ index: 1, condition: 'svc-1', 'vtn-pass-filter': {} }]), 400, 'bad-element', 'BADREQUEST', 'Flow condition name is invalid');
    expectError(await setOn(if1, [{ index: 1, condition: 'c', 'vtn-pass-filter': {}, 'vtn-drop-filter': {} }]), 400, 'malformed-message', undefined);
    expectError(await setOn(if1, [redirect(1, 'if1')]), 400, 'bad-element', 'BADREQUEST', 'Self redirection is not allowed: vBridge-IF:vtn1/vbr1/if1');
    expectError(await setOn(if1, [{ index: 1, condition: 'c', 'vtn-redirect-filter': { output: true } }]), 400, 'missing-element', 'BADREQUEST', 'redirect-destination cannot be null');
    expectError(await setOn(if1, [{ index: 1, condition: 'c', 'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr1' } } }]), 400, 'missing-element', 'BADREQUEST', 'Invalid redirect-destination: vInterface name cannot be null');
    expectError(await setOn(if1, [{ index: 1, condition: 'c', 'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr-1', 'interface-name': 'x' } } }]), 400, 'bad-element', 'BADREQUEST', 'Invalid redirect-destination: vBridge name is invalid');
    expectError(await setOn(if1, [{ index: 1, condition: 'c', 'vtn-pass-filter': {}, 'vtn-flow-action': [{ order: 1, 'vtn-set-vlan-id-action': { 'vlan-id': 5 } }] }]), 400, 'bad-element', 'BADREQUEST');
  });

  it('does not require the condition or the redirect destination to exist', async () => {
    const answer = await setOn(if1, [{ index: 1, condition: 'nosuch', 'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr9', 'interface-name': 'ghost' }, output: true } }]);
    expect(answer.json).toEqual({ output: { 'flow-filter-result': [{ index: 1, status: 'CREATED' }] } });
  });

  it('answers 404 for a missing target node', async () => {
    expectError(await setOn({ ...B, 'interface-name': 'if9' }, [redirect(1, 'if3')]), 404, 'data-missing', 'NOTFOUND', 'vBridge-IF:vtn1/vbr1/if9: vInterface does not exist.');
    expectError(await setOn({ 'tenant-name': 'vtn2', 'bridge-name': 'vbr1', 'interface-name': 'if1' }, [redirect(1, 'if3')]), 404, 'data-missing', 'NOTFOUND', 'VTN:vtn2: VTN does not exist.');
    expectError(await h.rpc('vtn-flow-filter:remove-flow-filter', { ...B, 'interface-name': 'if9', indices: [1] }), 404, 'data-missing', 'NOTFOUND');
  });

  it('sets filters on a vBridge and VTN-wide', async () => {
    expect((await setOn(B, [redirect(5, 'if3')], true)).status).toBe(200);
    expect((await setOn(T, [{ index: 5, condition: 'svc1', 'vtn-pass-filter': {} }])).status).toBe(200);
    const tenant = (await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1')).json as { vtn: [Record<string, unknown>] };
    expect(tenant.vtn[0]['vtn-input-filter']).toEqual({ 'vtn-flow-filter': [{ index: 5, condition: 'svc1', 'vtn-pass-filter': {} }] });
    expect((tenant.vtn[0].vbridge as Record<string, unknown>[])[0]?.['vbridge-output-filter']).toBeDefined();
  });

  it('removes listed indices (unknown ones without status) or the whole list', async () => {
    await setOn(if1, [redirect(1, 'if3'), redirect(2, 'if4'), redirect(3, 'if2')]);
    const some = await h.rpc('vtn-flow-filter:remove-flow-filter', { ...if1, output: false, indices: ['1', 9] });
    expect(some.json).toEqual({ output: { 'flow-filter-result': [{ index: 1, status: 'REMOVED' }, { index: 9 }] } });
    const all = await h.rpc('vtn-flow-filter:remove-flow-filter', if1);
    expect(all.json).toEqual({ output: { 'flow-filter-result': [{ index: 2, status: 'REMOVED' }, { index: 3, status: 'REMOVED' }] } });
    const iface = (await h.call('GET', '/restconf/operational/vtn:vtns/vtn/vtn1/vbridge/vbr1/vinterface/if1')).json as { vinterface: [Record<string, unknown>] };
    expect(iface.vinterface[0]['vinterface-input-filter']).toBeUndefined();
  });
});
