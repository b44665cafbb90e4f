import { describe, expect, it } from 'vitest';
import { SHARED_OWNER } from '../../../../core/drivers/driver';
import { createVtnDriver } from '../../../../core/drivers/odl-vtn';
import { createOnosDriver } from '../../../../core/drivers/onos';
import { input, withControllerIds } from '../export/sample';

const vtn = createVtnDriver({ kind: 'odl-vtn', url: 'http://c:8181/restconf/', user: 'admin', password: 'admin', tenant: 't1' });

describe('VTN desired objects', () => {
  it('one condition per direction and one redirect filter per hop, owned by the service, ranked from the ingress', () => {
    const objects = vtn.desired({ ...input, plans: [input.plans[0]!], provision: false });
    expect(objects.map((o) => o.id)).toEqual([
      'cond:svc1_f',
      'filter:t1/vbr2/if_popB#1',
      'filter:t1/vbr2/if_exit2#1',
      'filter:t1/vbr1/if_popA#1',
      'filter:t1/vbr1/if_user#1',
      'cond:svc1_r',
      'filter:t1/vbr1/if_popA#2',
      'filter:t1/vbr1/if_exit1#1',
      'filter:t1/vbr2/if_popB#2',
      'filter:t1/vbr2/if_client#1',
    ]);
    expect(objects.every((o) => o.serviceId === 'svc1')).toBe(true);
    const ingress = objects.find((o) => o.id === 'filter:t1/vbr1/if_user#1');
    expect(ingress).toMatchObject({
      kind: 'filter',
      chain: { key: 'svc1_f', rank: 0 },
      after: ['cond:svc1_f', 'vinterface:t1/vbr1/if_user', 'vinterface:t1/vbr1/if_popA'],
      content: { condition: 'svc1_f', 'vtn-redirect-filter': { output: true, 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': 'if_popA' } } },
      remove: { method: 'POST', path: '/restconf/operations/vtn-flow-filter:remove-flow-filter', body: { input: expect.objectContaining({ indices: [1], 'interface-name': 'if_user' }) } },
    });
    expect(objects.find((o) => o.id === 'filter:t1/vbr2/if_popB#1')?.chain).toEqual({ key: 'svc1_f', rank: 3 });
    expect(objects.find((o) => o.id === 'cond:svc1_f')).toMatchObject({
      content: { matches: [{ index: 1, 'vtn-ether-match': { 'ether-type': 2048 }, 'vtn-inet-match': { 'source-network': '10.0.1.0/24', 'destination-network': '10.0.9.0/24' } }] },
      remove: { path: '/restconf/operations/vtn-flow-condition:remove-flow-condition', body: { input: { name: 'svc1_f' } } },
    });
  });

  it('with provisioning adds the tenant, vBridges, vInterfaces and port maps as shared objects', () => {
    const topology = { ...input.topology, bridges: input.topology.bridges.map((b, i) => ({ ...b, datapathId: `openflow:${i + 1}` })) };
    const objects = vtn.desired({ ...input, topology, plans: [input.plans[0]!], provision: true });
    const shared = objects.filter((o) => o.serviceId === SHARED_OWNER);
    expect(shared.map((o) => o.kind)).toEqual(expect.arrayContaining(['vtn', 'vbridge', 'vinterface', 'port-map']));
    expect(shared.find((o) => o.id === 'port-map:t1/vbr1/if_user')).toMatchObject({ content: { node: 'openflow:1', 'port-id': '1', 'vlan-id': 0 }, after: ['vinterface:t1/vbr1/if_user'] });
    expect(shared.find((o) => o.id === 'vbridge:t1/vbr2')?.after).toEqual(['vtn:t1']);
  });
});

describe('VTN port maps carry the plan\'s VLAN', () => {
  const topology = { ...input.topology, bridges: input.topology.bridges.map((b, i) => ({ ...b, datapathId: `openflow:${i + 1}` })) };
  const plan2 = input.plans[1]!;

  it('maps a PoP vInterface with the tag the plan sends towards it, other vInterfaces untagged', () => {
    const reverse = { ...plan2.reverse, rules: plan2.reverse.rules.map((r) => ({ ...r, vlan: null })) };
    const objects = vtn.desired({ ...input, topology, plans: [{ ...plan2, reverse }], provision: true });
    expect(objects.find((o) => o.id === 'port-map:t1/vbr2/if_popB_v400')?.content).toEqual({ node: 'openflow:2', 'port-id': '2', 'port-name': undefined, 'vlan-id': 400 });
    expect(objects.find((o) => o.id === 'port-map:t1/vbr2/if_client')?.content).toMatchObject({ 'vlan-id': 0 });
  });

  it('gives a port reached with two VLANs one vInterface per VLAN, each port-mapped with its tag (T-NOVA chain_create)', () => {
    const objects = vtn.desired({ ...input, topology, plans: [plan2], provision: true });
    expect(objects.find((o) => o.id === 'port-map:t1/vbr2/if_popB_v400')?.content).toMatchObject({ node: 'openflow:2', 'port-id': '2', 'vlan-id': 400 });
    expect(objects.find((o) => o.id === 'port-map:t1/vbr2/if_popB_v401')?.content).toMatchObject({ node: 'openflow:2', 'port-id': '2', 'vlan-id': 401 });
    // The hop towards the PoP redirects out of the tagged vInterface; the PoP's answer enters on it.
    expect(objects.find((o) => o.id === 'filter:t1/vbr2/if_exit2#2')?.content).toMatchObject({ 'vtn-redirect-filter': { 'redirect-destination': { 'interface-name': 'if_popB_v400' } } });
    expect(objects.some((o) => o.id.startsWith('filter:t1/vbr2/if_popB_v400#'))).toBe(true);
  });
});

describe('ONOS desired objects', () => {
  const onos = createOnosDriver({ kind: 'onos', url: 'http://c:8181', user: 'onos', password: 'rocks', appId: 'org.test' });
  const onosInput = withControllerIds(input, { b1: 'openflow:1', b2: 'openflow:2' });

  it('one flow per hop, keyed by device, table, priority and match; posted under the application id', () => {
    const objects = onos.desired({ ...onosInput, plans: [onosInput.plans[1]!], provision: false });
    expect(objects).toHaveLength(6);
    expect(objects.every((o) => o.serviceId === 'svc2' && o.kind === 'flow')).toBe(true);
    expect(objects.map((o) => o.chain)).toEqual([
      { key: 'svc2/forward', rank: 0 },
      { key: 'svc2/forward', rank: 1 },
      { key: 'svc2/forward', rank: 2 },
      { key: 'svc2/reverse', rank: 0 },
      { key: 'svc2/reverse', rank: 1 },
      { key: 'svc2/reverse', rank: 2 },
    ]);
    const tagged = objects[1]!;
    expect(tagged.id).toBe('flow:of:0000000000000002/t0/p40096/ETH_TYPE=0x800,IN_PORT=1,IPV4_DST=10.0.9.0/24,IPV4_SRC=10.0.2.0/24');
    expect(tagged.create).toMatchObject({ method: 'POST', path: '/onos/v1/flows/of:0000000000000002?appId=org.test' });
    expect(tagged.content).toEqual({
      isPermanent: true,
      timeout: 0,
      instructions: [{ type: 'L2MODIFICATION', subtype: 'VLAN_PUSH' }, { type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: 400 }, { type: 'OUTPUT', port: '2' }],
    });
    expect(tagged.remove).toBeUndefined();
  });
});
