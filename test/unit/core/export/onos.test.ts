import { describe, expect, it } from 'vitest';
import type { PlanDto } from '../../../../core/contract/dto';
import { onosDeviceId, onosFlows } from '../../../../core/drivers';
import { exportPlans } from '../../../../core/export';
import { coreErrorOf, diagnosticsOf } from './helpers';
import { input, inputSvc1, path, plan1, withControllerIds, withPort } from './sample';

const of = withControllerIds(input, { b1: 'openflow:1', b2: 'openflow:255' });

describe('ONOS flow batch', () => {
  it('maps OpenFlow node ids to ONOS device ids', () => {
    expect(onosDeviceId('openflow:1')).toBe('of:0000000000000001');
    expect(onosDeviceId('openflow:18446744073709551615')).toBe('of:ffffffffffffffff');
    expect(onosDeviceId('openflow:18446744073709551616')).toBeUndefined();
    expect(onosDeviceId('of:00000000000000aB')).toBe('of:00000000000000aB');
    expect(onosDeviceId('of:1')).toBeUndefined();
    expect(onosDeviceId('vbr1')).toBeUndefined();
  });

  it('writes one permanent flow per rule, with ETH_TYPE before the IP criteria', () => {
    const { flows } = onosFlows(of, { appId: 'org.example.wicm' });
    expect(flows).toHaveLength(14);
    expect(flows[0]).toEqual({
      priority: 40096,
      timeout: 0,
      isPermanent: true,
      deviceId: 'of:0000000000000001',
      tableId: 0,
      appId: 'org.example.wicm',
      treatment: { instructions: [{ type: 'OUTPUT', port: '2' }] },
      selector: {
        criteria: [
          { type: 'IN_PORT', port: 1 },
          { type: 'ETH_TYPE', ethType: '0x800' },
          { type: 'IPV4_SRC', ip: '10.0.1.0/24' },
          { type: 'IPV4_DST', ip: '10.0.9.0/24' },
        ],
      },
    });
    expect(flows.filter((f) => f.deviceId === 'of:00000000000000ff')).toHaveLength(8);
  });

  it('pushes, sets and pops VLAN tags around a PoP', () => {
    const { flows } = onosFlows(of);
    const tagged = flows.filter((f) => JSON.stringify(f).includes('VLAN'));
    expect(tagged.map((f) => [f.selector.criteria.find((c) => c.type === 'VLAN_VID'), f.treatment.instructions])).toEqual([
      [undefined, [{ type: 'L2MODIFICATION', subtype: 'VLAN_PUSH' }, { type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: 400 }, { type: 'OUTPUT', port: '2' }]],
      [{ type: 'VLAN_VID', vlanId: 400 }, [{ type: 'L2MODIFICATION', subtype: 'VLAN_POP' }, { type: 'OUTPUT', port: '3' }]],
      [undefined, [{ type: 'L2MODIFICATION', subtype: 'VLAN_PUSH' }, { type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: 401 }, { type: 'OUTPUT', port: '2' }]],
      [{ type: 'VLAN_VID', vlanId: 401 }, [{ type: 'L2MODIFICATION', subtype: 'VLAN_POP' }, { type: 'OUTPUT', port: '1' }]],
    ]);
    expect(tagged.map((f) => f.priority)).toEqual([40096, 40097, 40096, 40097]);
  });

  it('writes IPv6 criteria with EtherType 0x86dd', () => {
    const v6: PlanDto = {
      ...plan1,
      forward: path('svc1', 'forward', '2001:db8:1::/48', '2001:db8:9::/48', 'svc1_f', [], [['b1', 'p-user', 'p-popA', 1, null]]),
      reverse: path('svc1', 'reverse', '2001:db8:9::/48', '2001:db8:1::/48', 'svc1_r', [], []),
    };
    const { flows } = onosFlows(withControllerIds({ ...inputSvc1, plans: [v6] }, { b1: 'openflow:1' }));
    expect(flows.map((f) => f.selector.criteria)).toEqual([
      [
        { type: 'IN_PORT', port: 1 },
        { type: 'ETH_TYPE', ethType: '0x86dd' },
        { type: 'IPV6_SRC', ip: '2001:db8:1::/48' },
        { type: 'IPV6_DST', ip: '2001:db8:9::/48' },
      ],
    ]);
  });

  it('refuses bridges without an OpenFlow device id and ports without a number', () => {
    const error = coreErrorOf(() => onosFlows(withPort(withControllerIds(inputSvc1, { b1: 'openflow:1' }), 'p-client', { ofPort: null })));
    expect(diagnosticsOf(error).map((d) => [d.code, d.elementId])).toEqual([
      ['NO_OF_PORT', 'p-client'],
      ['NO_OF_PORT', 'p-client'],
      ['ONOS_DEVICE_ID', 'b2'],
    ]);
    expect(coreErrorOf(() => onosFlows(of, { appId: 'a/b' })).message).toContain('"a/b" is not a usable ONOS application id');
  });

  it('tears down by application id and says what that removes', () => {
    const result = exportPlans('onos', of, { teardown: true, appId: 'org.wicm.svc1' });
    expect(JSON.parse(result.text)).toEqual({ requests: [{ method: 'DELETE', path: '/onos/v1/flows/application/org.wicm.svc1' }] });
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'info', code: 'ONOS_TEARDOWN_BY_APP' })]);
  });
});
