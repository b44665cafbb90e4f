// The driver contract suite against real Open vSwitch daemons (userspace datapath, private run
// directory and network namespace): the project's bridges are renamed to this run's `wo…`
// bridges, the target is the run directory, and "requests" are the OpenFlow messages the switch
// itself logged (vconn debug log), so "writes nothing" means no FLOW_MOD and no bundle reached it.
import { describe, it } from 'vitest';
import type { ControllerTargetDto, TopologySnapshotDto } from '../../../core/contract/api';
import { flowKey, ovsScript, parseFlowLine, serviceCookie } from '../../../core/drivers';
import { netdevOvsUnavailable, startNetdevOvs, type NetdevOvs } from '../../helpers/ovs-netdev';
import { runDriverContract, type LabHandle } from './driver-contract';

const unavailable = netdevOvsUnavailable();

interface OvsLab extends LabHandle {
  readonly ovs: NetdevOvs;
  readonly bridges: readonly string[];
}

const WRITES = /FLOW_MOD|BUNDLE|GROUP_MOD|METER_MOD|PORT_MOD|TABLE_MOD/;

/** `<bridge> <cookie> <flow key>`, the same shape for a dump line and an export line. */
function line(bridge: string, flowText: string): string {
  const flow = parseFlowLine(flowText);
  if (flow === undefined) throw new Error(`not a flow: ${flowText}`);
  return `${bridge} ${flow.cookie} ${flowKey(flow)}`;
}

function dpidHex(datapathId: string | null): string | undefined {
  const m = /^openflow:(\d+)$/.exec(datapathId ?? '');
  return m?.[1] ? BigInt(m[1]).toString(16).padStart(16, '0') : undefined;
}

if (unavailable) {
  describe('driver contract: Open vSwitch (ovs-ofctl bundles)', () => {
    it.skip(`skipped: ${unavailable}`, () => undefined);
  });
  console.log(`SKIP driver contract on Open vSwitch: ${unavailable}`);
} else {
  runDriverContract<OvsLab>('Open vSwitch (ovs-ofctl bundles)', () => ({
    kind: 'ovs',
    provision: false,
    credentials: false,
    unreachableUrl: 'unix:/nonexistent-wicm/wo-missing.mgmt',
    async start(ok) {
      const ovs = startNetdevOvs();
      const bridges: string[] = [];
      try {
        const snap = await ok<TopologySnapshotDto>('topology.get', {});
        for (const [i, bridge] of snap.topology.bridges.entries()) {
          const name = `${ovs.prefix}b${i + 1}`;
          await ok('topology.update', { kind: 'bridge', id: bridge.id, changes: { controllerId: name } });
          const ports = snap.topology.ports.filter((p) => p.bridgeId === bridge.id && p.ofPort !== null).map((p) => p.ofPort as number);
          const datapathId = dpidHex(bridge.datapathId ?? null);
          ovs.addBridge({ name, ports, ...(datapathId ? { datapathId } : {}) });
          bridges.push(name);
        }
      } catch (e) {
        ovs.stop();
        throw e;
      }
      const target: ControllerTargetDto = { kind: 'ovs', url: `unix:${ovs.dir}`, user: '', password: 'never-sent-OpenFlow-has-no-login' };
      const lab: OvsLab = {
        ovs,
        bridges,
        url: target.url,
        requests: () => ovs.received().map((m) => ({ method: WRITES.test(m) ? m : 'GET' })),
        close: async () => ovs.stop(),
      };
      return { lab, target };
    },
    view: (lab) => lab.bridges.flatMap((b) => lab.ovs.dumpFlows(b).map((l) => line(b, l))),
    // What the script export would add (`ovs-ofctl -O OpenFlow13 add-flow BRIDGE 'SPEC'`).
    expected: (input) =>
      ovsScript(input)
        .text.split('\n')
        .flatMap((l) => {
          const m = /^ovs-ofctl -O OpenFlow13 add-flow (\S+) '(.+)'$/.exec(l);
          return m?.[1] && m[2] ? [line(m[1], m[2])] : [];
        }),
    async createForeign(lab) {
      // Another application's flow on a bridge and port the project also uses.
      const bridge = lab.bridges[0] as string;
      const spec = 'cookie=0x1234,priority=41000,in_port=1,ip,nw_src=192.168.10.0/24,actions=output:2';
      lab.ovs.run('ovs-ofctl', ['add-flow', lab.ovs.socket(bridge), spec]);
      return [line(bridge, spec)];
    },
    async tamper(lab, _target, _pushed, serviceId) {
      // Remove one of the service's flows behind the project's back (strict match).
      const cookie = serviceCookie(serviceId);
      for (const bridge of lab.bridges) {
        const mine = lab.ovs.dumpFlows(bridge).map(parseFlowLine).find((f) => f?.cookie === cookie);
        if (mine === undefined) continue;
        lab.ovs.run('ovs-ofctl', ['--strict', 'del-flows', lab.ovs.socket(bridge), `table=${mine.table},priority=${mine.priority},${mine.match.join(',')}`]);
        return;
      }
      throw new Error(`no flow of ${serviceId} on the lab bridges`);
    },
  }));
}
