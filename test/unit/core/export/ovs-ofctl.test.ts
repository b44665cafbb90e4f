import { describe, expect, it } from 'vitest';
import type { PlanDto } from '../../../../core/contract/dto';
import { serviceCookie } from '../../../../core/drivers';
import { exportPlans, type ExportInput } from '../../../../core/export';
import { coreErrorOf, diagnosticsOf, expectShellSyntaxOk } from './helpers';
import { input, inputSvc1, path, plan1, svc1, topology, withControllerIds, withPort } from './sample';

const flowLines = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('ovs-ofctl'));

describe('Open vSwitch ovs-ofctl script', () => {
  it('is valid POSIX shell in every variant', () => {
    for (const options of [{}, { teardown: true }, { labPrelude: true }]) {
      expectShellSyntaxOk(exportPlans('ovs-ofctl', input, options).text);
    }
  });

  it('adds one OpenFlow 1.3 flow per rule with ip before the address fields and the service cookie', () => {
    const lines = flowLines(exportPlans('ovs-ofctl', inputSvc1).text);
    expect(lines).toHaveLength(8);
    const cookie = serviceCookie('svc1');
    for (const line of lines) {
      expect(line).toMatch(new RegExp(`^ovs-ofctl -O OpenFlow13 add-flow vbr[12] 'cookie=${cookie},table=0,priority=40096,in_port=\\d,ip,nw_src=[\\d./]+,nw_dst=[\\d./]+,actions=output:\\d'$`));
    }
    expect(lines.at(-1)).toBe(
      `ovs-ofctl -O OpenFlow13 add-flow vbr2 'cookie=${cookie},table=0,priority=40096,in_port=3,ip,nw_src=10.0.9.0/24,nw_dst=10.0.1.0/24,actions=output:2'`,
    );
  });

  it('derives a stable 64-bit cookie per service id, marked 0x5743', () => {
    expect(serviceCookie('svc1')).toMatch(/^0x5743[0-9a-f]{12}$/);
    expect(serviceCookie('svc1')).toBe(serviceCookie('svc1'));
    expect(serviceCookie('svc1')).not.toBe(serviceCookie('svc2'));
    expect(serviceCookie('ü-🚀')).toMatch(/^0x5743[0-9a-f]{12}$/);
  });

  it('pushes a tag towards a PoP and pops the same tag coming back', () => {
    const text = exportPlans('ovs-ofctl', input).text;
    expect(text).toContain("in_port=1,ip,nw_src=10.0.2.0/24,nw_dst=10.0.9.0/24,actions=mod_vlan_vid:400,output:2'");
    expect(text).toContain("priority=40097,in_port=2,dl_vlan=400,ip,nw_src=10.0.2.0/24,nw_dst=10.0.9.0/24,actions=strip_vlan,output:3'");
  });

  it('writes ipv6 matches for IPv6 services and leaves /0 sides out', () => {
    const v6: PlanDto = {
      ...plan1,
      forward: path('svc1', 'forward', '2001:db8:1::/48', '::/0', 'svc1_f', [], [['b1', 'p-user', 'p-popA', 1, null]]),
      reverse: path('svc1', 'reverse', '::/0', '2001:db8:1::/48', 'svc1_r', [], [['b1', 'p-popA', 'p-user', 2, null]]),
    };
    const lines = flowLines(exportPlans('ovs-ofctl', { ...inputSvc1, plans: [v6] }).text);
    expect(lines).toEqual([
      `ovs-ofctl -O OpenFlow13 add-flow vbr1 'cookie=${serviceCookie('svc1')},table=0,priority=40096,in_port=1,ipv6,ipv6_src=2001:db8:1::/48,actions=output:2'`,
      `ovs-ofctl -O OpenFlow13 add-flow vbr1 'cookie=${serviceCookie('svc1')},table=0,priority=40096,in_port=2,ipv6,ipv6_dst=2001:db8:1::/48,actions=output:1'`,
    ]);
  });

  it('ranks more specific matches higher', () => {
    const wide: PlanDto = {
      ...plan1,
      forward: path('svc1', 'forward', '10.0.0.0/16', '0.0.0.0/0', 'svc1_f', [], [['b1', 'p-user', 'p-popA', 1, null]]),
      reverse: path('svc1', 'reverse', '0.0.0.0/0', '10.0.0.0/16', 'svc1_r', [], []),
    };
    expect(flowLines(exportPlans('ovs-ofctl', { ...inputSvc1, plans: [wide] }).text)[0]).toContain('priority=40032,in_port=1,ip,nw_src=10.0.0.0/16,actions=output:2');
  });

  it('sends a hairpin back with in_port', () => {
    const hairpin: PlanDto = {
      ...plan1,
      forward: path('svc1', 'forward', '10.0.1.0/24', '10.0.9.0/24', 'svc1_f', [], [['b1', 'p-popA', 'p-popA', 1, null]]),
      reverse: path('svc1', 'reverse', '10.0.9.0/24', '10.0.1.0/24', 'svc1_r', [], []),
    };
    expect(flowLines(exportPlans('ovs-ofctl', { ...inputSvc1, plans: [hairpin] }).text)[0]).toMatch(/in_port=2,.*actions=in_port'$/);
  });

  it('names the port that has no OpenFlow number', () => {
    const error = coreErrorOf(() => exportPlans('ovs-ofctl', withPort(inputSvc1, 'p-popB', { ofPort: null })));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('Port "if_popB" of bridge "Site B" has no OpenFlow port number');
    const diagnostics = diagnosticsOf(error);
    expect(diagnostics.every((d) => d.code === 'NO_OF_PORT' && d.elementId === 'p-popB')).toBe(true);
    expect(diagnostics.map((d) => d.pointer)).toEqual([
      '/plans/0/forward/rules/2/outPortId',
      '/plans/0/forward/rules/3/inPortId',
      '/plans/0/reverse/rules/0/outPortId',
      '/plans/0/reverse/rules/1/inPortId',
    ]);
  });

  it('tears down by cookie on every bridge, newest service first, without needing port numbers', () => {
    const text = exportPlans('ovs-ofctl', withPort(input, 'p-popB', { ofPort: null }), { teardown: true }).text;
    expect(flowLines(text)).toEqual([
      `ovs-ofctl -O OpenFlow13 del-flows vbr2 'cookie=${serviceCookie('svc2')}/-1'`,
      `ovs-ofctl -O OpenFlow13 del-flows vbr1 'cookie=${serviceCookie('svc2')}/-1'`,
      `ovs-ofctl -O OpenFlow13 del-flows vbr2 'cookie=${serviceCookie('svc1')}/-1'`,
      `ovs-ofctl -O OpenFlow13 del-flows vbr1 'cookie=${serviceCookie('svc1')}/-1'`,
    ]);
  });

  it('creates bridges and numbered ports in the lab prelude only', () => {
    const lab = exportPlans('ovs-ofctl', inputSvc1, { labPrelude: true }).text;
    expect(lab).toContain('ovs-vsctl --may-exist add-br vbr1 -- set bridge vbr1 protocols=OpenFlow13 fail_mode=secure\n');
    expect(lab).toContain('ovs-vsctl --may-exist add-port vbr2 if_client -- set interface if_client ofport_request=3\n');
    expect(lab.indexOf('add-br vbr2')).toBeLessThan(lab.indexOf('add-flow'));
    expect(exportPlans('ovs-ofctl', inputSvc1).text).not.toContain('ovs-vsctl');
    const badPort = coreErrorOf(() => exportPlans('ovs-ofctl', withPort(inputSvc1, 'p-user', { name: 'a very long interface name' }), { labPrelude: true }));
    expect(diagnosticsOf(badPort)[0]).toMatchObject({ code: 'OVS_INVALID_NAME', elementId: 'p-user' });
  });

  it('refuses controller ids that are not OVS bridge names', () => {
    const error = coreErrorOf(() => exportPlans('ovs-ofctl', withControllerIds(inputSvc1, { b1: 'openflow:1' })));
    expect(diagnosticsOf(error)).toEqual([expect.objectContaining({ code: 'OVS_INVALID_NAME', elementId: 'b1' })]);
  });

  it('keeps names from breaking out of comment lines', () => {
    const evil: ExportInput = { ...inputSvc1, services: [{ ...svc1, name: "x\nrm -rf / #'" }] };
    const text = exportPlans('ovs-ofctl', evil, { generatedAt: 'now\ntouch /tmp/pwned' }).text;
    expect(text.split('\n').filter((l) => !l.startsWith('#') && l.trim() !== '' && !l.startsWith('ovs-ofctl') && l !== 'set -eu')).toEqual([]);
    expectShellSyntaxOk(text);
  });

  it('refuses flows that would replace each other (same match and priority)', () => {
    const twin = { ...svc1, id: 'svc1-copy', name: 'Copy' };
    const copy: PlanDto = JSON.parse(JSON.stringify(plan1).replaceAll('"svc1"', '"svc1-copy"')) as PlanDto;
    const error = coreErrorOf(() => exportPlans('ovs-ofctl', { topology, services: [svc1, twin], plans: [plan1, copy] }));
    const collisions = diagnosticsOf(error).filter((d) => d.code === 'FLOW_COLLISION');
    expect(collisions).toHaveLength(8);
    expect(collisions[0]?.pointer).toBe('/plans/1/forward/rules/0');
  });
});
