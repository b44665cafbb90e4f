// Applies the exported script to a real Open vSwitch (dummy datapath, no kernel module, no root)
// and checks with ofproto/trace what each hop does. Skipped where OVS is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceCookie } from '../../../../core/drivers';
import { exportPlans } from '../../../../core/export';
import type { PlanDto } from '../../../../core/contract/dto';
import { ovsUnavailable, startDummyOvs, type DummyOvs } from '../../../helpers/ovs-dummy';
import { input, inputSvc1, path, plan1 } from './sample';

const unavailable = ovsUnavailable();
if (unavailable) console.log(`SKIP ovs-ofctl on a dummy Open vSwitch: ${unavailable}`);

let ovs: DummyOvs;
const run = (file: string, args: string[]): string => ovs.run(file, args);
const trace = (bridge: string, flow: string) => ovs.trace(bridge, flow);
function runScript(text: string): void {
  const result = ovs.runScript(text);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

describe.skipIf(unavailable !== null)('ovs-ofctl script on a dummy-datapath Open vSwitch', () => {
  beforeAll(() => {
    ovs = startDummyOvs();
  });

  afterAll(() => ovs.stop());

  it('steers every hop of both services, then the teardown removes exactly their flows', () => {
    runScript(exportPlans('ovs-ofctl', input, { labPrelude: true }).text);
    const c1 = serviceCookie('svc1');
    const c2 = serviceCookie('svc2');
    const fwd1 = 'ip,nw_src=10.0.1.5,nw_dst=10.0.9.9';
    const rev1 = 'ip,nw_src=10.0.9.9,nw_dst=10.0.1.5';
    const fwd2 = 'ip,nw_src=10.0.2.5,nw_dst=10.0.9.9';
    const rev2 = 'ip,nw_src=10.0.9.9,nw_dst=10.0.2.5';
    const cases: [string, string, string, string[]][] = [
      ['vbr1', `in_port=1,${fwd1}`, c1, ['output:2']],
      ['vbr1', `in_port=2,${fwd1}`, c1, ['output:3']],
      ['vbr2', `in_port=1,${fwd1}`, c1, ['output:2']],
      ['vbr2', `in_port=2,${fwd1}`, c1, ['output:3']],
      ['vbr2', `in_port=3,${rev1}`, c1, ['output:2']],
      ['vbr2', `in_port=2,${rev1}`, c1, ['output:1']],
      ['vbr1', `in_port=3,${rev1}`, c1, ['output:2']],
      ['vbr1', `in_port=2,${rev1}`, c1, ['output:1']],
      ['vbr1', `in_port=1,${fwd2}`, c2, ['output:3']],
      ['vbr2', `in_port=1,${fwd2}`, c2, ['push_vlan:0x8100', 'set_field:4496->vlan_vid', 'output:2']],
      ['vbr2', `in_port=2,dl_vlan=400,${fwd2}`, c2, ['pop_vlan', 'output:3']],
      ['vbr2', `in_port=3,${rev2}`, c2, ['push_vlan:0x8100', 'set_field:4497->vlan_vid', 'output:2']],
      ['vbr2', `in_port=2,dl_vlan=401,${rev2}`, c2, ['pop_vlan', 'output:1']],
      ['vbr1', `in_port=3,${rev2}`, c2, ['output:1']],
    ];
    for (const [bridge, flow, cookie, actions] of cases) {
      expect(trace(bridge, flow), `${bridge} ${flow}`).toEqual({ cookie, actions });
    }
    // Back from PoP B without the service's tag: no WICM flow matches (secure fail mode drops).
    expect(trace('vbr2', `in_port=2,${fwd2}`).cookie).toBeUndefined();

    runScript(exportPlans('ovs-ofctl', { ...input, plans: input.plans.slice(1), services: input.services.slice(1) }, { teardown: true }).text);
    expect(run('ovs-ofctl', ['-O', 'OpenFlow13', 'dump-flows', 'vbr2', '--no-stats'])).not.toContain(c2);
    expect(trace('vbr2', `in_port=2,${fwd1}`).cookie).toBe(c1);
    runScript(exportPlans('ovs-ofctl', input, { teardown: true }).text);
    for (const bridge of ['vbr1', 'vbr2']) {
      expect(run('ovs-ofctl', ['-O', 'OpenFlow13', 'dump-flows', bridge, '--no-stats']).trim()).toBe('');
    }
  });

  it('loads IPv6 and hairpin flows as exported', () => {
    const v6: PlanDto = {
      ...plan1,
      forward: path('svc1', 'forward', '2001:db8:1::/48', '2001:db8:9::/48', 'svc1_f', [], [
        ['b1', 'p-user', 'p-popA', 1, null],
        ['b1', 'p-popA', 'p-popA', 2, null],
      ]),
      reverse: path('svc1', 'reverse', '2001:db8:9::/48', '2001:db8:1::/48', 'svc1_r', [], [['b1', 'p-popA', 'p-user', 3, null]]),
    };
    const v6Input = { ...inputSvc1, plans: [v6] };
    runScript(exportPlans('ovs-ofctl', v6Input, { labPrelude: true }).text);
    expect(trace('vbr1', 'in_port=1,ipv6,ipv6_src=2001:db8:1::5,ipv6_dst=2001:db8:9::9').actions).toEqual(['output:2']);
    expect(trace('vbr1', 'in_port=2,ipv6,ipv6_src=2001:db8:1::5,ipv6_dst=2001:db8:9::9').actions).toEqual(['IN_PORT']);
    expect(trace('vbr1', 'in_port=2,ipv6,ipv6_src=2001:db8:9::9,ipv6_dst=2001:db8:1::5').actions).toEqual(['output:1']);
    runScript(exportPlans('ovs-ofctl', v6Input, { teardown: true }).text);
    expect(run('ovs-ofctl', ['-O', 'OpenFlow13', 'dump-flows', 'vbr1', '--no-stats']).trim()).toBe('');
  });
});
