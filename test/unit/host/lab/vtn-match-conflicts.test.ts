// Issue 14 item 5: the lab VTN refuses the flow matches real VTN refuses (VTNEtherMatch,
// VTNInetMatch, ProtocolUtils in opendaylight/vtn): 400, error-tag bad-element, app-tag BADREQUEST.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restconfError, startHarness, type LabHarness } from './lab-client';

let h: LabHarness;
beforeEach(async () => {
  h = await startHarness({ kind: 'odl-vtn' });
});
afterEach(async () => {
  await h.close();
});

const condition = (match: Record<string, unknown>) => h.rpc('vtn-flow-condition:set-flow-condition', { name: 'c1', operation: 'SET', 'vtn-flow-match': [{ index: 1, ...match }] });

async function expectRefused(match: Record<string, unknown>, message: string): Promise<void> {
  const answer = await condition(match);
  expect(answer.status).toBe(400);
  expect(restconfError(answer)).toMatchObject({ 'error-type': 'application', 'error-tag': 'bad-element', 'error-app-tag': 'BADREQUEST', 'error-message': message });
  expect((await h.rpc('vtn-flow-condition:remove-flow-condition', { name: 'c1' })).status).toBe(404);
}

const inet = { 'vtn-inet-match': { 'source-network': '192.168.10.0/24', 'destination-network': '10.20.0.0/24' } };

describe('VTN stand-in: flow match conflicts', () => {
  it('refuses ether-type 0x86dd with an IPv4 inet match (Ethernet type conflict)', async () => {
    await expectRefused({ 'vtn-ether-match': { 'ether-type': 0x86dd }, ...inet }, 'Ethernet type conflict: type=0x86dd, expected=0x800');
  });

  it('refuses an ether-type above 0xffff', async () => {
    await expectRefused({ 'vtn-ether-match': { 'ether-type': 0x10000 } }, 'Invalid Ethernet type: 65536');
  });

  it('refuses vlan-pcp without a vlan-id, and with the untagged vlan-id 0', async () => {
    await expectRefused({ 'vtn-ether-match': { 'vlan-pcp': 3 } }, 'VLAN priority requires a valid VLAN ID.');
    await expectRefused({ 'vtn-ether-match': { 'vlan-id': 0, 'vlan-pcp': 3 } }, 'VLAN priority requires a valid VLAN ID.');
  });

  it('refuses a TCP match with protocol 17 and a UDP match with protocol 6 (IP protocol conflict)', async () => {
    await expectRefused({ 'vtn-inet-match': { protocol: 17 }, 'vtn-tcp-match': { 'tcp-destination-range': { 'port-from': 80 } } }, 'IP protocol conflict: proto=17, expected=6');
    await expectRefused({ 'vtn-inet-match': { protocol: '6' }, 'vtn-udp-match': { 'udp-source-range': { 'port-from': 53 } } }, 'IP protocol conflict: proto=6, expected=17');
  });

  it('still accepts the consistent forms the drivers and T-NOVA send', async () => {
    expect((await condition({ 'vtn-ether-match': { 'ether-type': 2048 }, ...inet })).status).toBe(200);
    expect((await condition({ 'vtn-ether-match': { 'ether-type': '2048', 'vlan-id': 400, 'vlan-pcp': 3 } })).status).toBe(200);
    expect((await condition({ 'vtn-inet-match': { protocol: 6 }, 'vtn-tcp-match': { 'tcp-destination-range': { 'port-from': 80 } } })).status).toBe(200);
    expect((await condition({ 'vtn-ether-match': { 'ether-type': 0x86dd } })).status).toBe(200);
  });
});
