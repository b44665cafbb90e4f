// Pushing to real Open vSwitch bridges (netdev datapath, private daemons): `wicm push --driver ovs`
// on the sample WAN with the Open Baton reference NSR, checked with dump-flows and ofproto/trace;
// drift and teardown by cookie; and a bundle the switch refuses, rolled back across bridges.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushReportDto } from '../../../core/contract/api';
import { parseFlowLine } from '../../../core/drivers';
import { COOKIE_MARKER } from '../../../core/drivers/openflow/cookie';
import { runCliCaptured } from '../../helpers/cli';
import { netdevOvsUnavailable, startNetdevOvs, type NetdevOvs } from '../../helpers/ovs-netdev';

const unavailable = netdevOvsUnavailable();
if (unavailable) console.log(`SKIP wicm push --driver ovs on real Open vSwitch: ${unavailable}`);

interface SampleTopology {
  topology: { bridges: { id: string; controllerId: string; datapathId: string }[]; ports: { bridgeId: string; ofPort: number | null }[] };
}

describe.skipIf(unavailable !== null)('wicm push --driver ovs on real Open vSwitch bridges', () => {
  let ovs: NetdevOvs;
  let dir: string;
  let project: string;
  const names: string[] = [];
  const previousHome = process.env.WICM_HOME;

  beforeAll(async () => {
    ovs = startNetdevOvs();
    dir = mkdtempSync(join(tmpdir(), 'wicm-ovs-push-'));
    process.env.WICM_HOME = join(dir, 'home');
    const sample = JSON.parse(readFileSync('resources/sample/sample-wan.json', 'utf8')) as SampleTopology;
    sample.topology.bridges.forEach((bridge, i) => {
      bridge.controllerId = `${ovs.prefix}b${i + 1}`;
      names.push(bridge.controllerId);
      const ports = sample.topology.ports.filter((p) => p.bridgeId === bridge.id && p.ofPort !== null).map((p) => p.ofPort as number);
      ovs.addBridge({ name: bridge.controllerId, ports, datapathId: BigInt(bridge.datapathId.split(':')[1] ?? '0').toString(16).padStart(16, '0') });
    });
    writeFileSync(join(dir, 'wan.json'), JSON.stringify(sample));
    project = join(dir, 'wan.wicm');
    const created = await runCliCaptured(['import', join(dir, 'wan.json'), 'test/fixtures/reference/openbaton-nsr-instantiate.json', '--project', project, '--create', '--plan']);
    expect(created.code).toBe(0);
  });

  afterAll(() => {
    ovs?.stop();
    if (previousHome === undefined) delete process.env.WICM_HOME;
    else process.env.WICM_HOME = previousHome;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ourFlows = (): number => names.flatMap((b) => ovs.dumpFlows(b).map(parseFlowLine)).filter((f) => f !== undefined && BigInt(f.cookie) >> 48n === COOKIE_MARKER).length;
  const target = (): string[] => ['--project', project, '--driver', 'ovs', '--controller', `unix:${ovs.dir}`];

  it('pushes one bundle per bridge, in sync afterwards; the customer traffic is redirected to the first PoP', async () => {
    const pushed = await runCliCaptured(['push', ...target(), '--json']);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    const report = JSON.parse(pushed.stdout) as PushReportDto;
    expect(report).toMatchObject({ ok: true, verified: true, target: { kind: 'ovs', url: `unix:${ovs.dir}` } });
    // One write per bridge the service uses: each is one OpenFlow bundle on the switch.
    expect(new Set(report.steps.map((s) => s.path)).size).toBe(report.steps.length);
    const bundles = ovs.received().filter((m) => m === 'OFPT_BUNDLE_CONTROL').length;
    expect(bundles).toBe(2 * report.steps.length); // open + commit per bundle
    expect(ovs.received().filter((m) => m === 'OFPT_FLOW_MOD')).toEqual([]);
    expect(ourFlows()).toBeGreaterThan(0);

    // ofproto/trace: customer → egress enters vbr1 on if_customer (1) and goes to if_athens (3), the PoP.
    const trace = ovs.trace(names[0] as string, 'in_port=1,ip,nw_src=192.168.10.5,nw_dst=10.20.0.9');
    expect(trace).toMatch(/cookie 0x5743[0-9a-f]{12}/);
    expect(trace).toMatch(/\n\s+output:3\n/);

    const drift = await runCliCaptured(['drift', ...target(), '--json']);
    expect(drift.code).toBe(0);
    expect(JSON.parse(drift.stdout)).toMatchObject({ drifted: 0 });
  });

  it('tears down by cookie: nothing of ours is left, the trace then drops', async () => {
    const down = await runCliCaptured(['teardown', ...target(), '--json']);
    expect(down.code).toBe(0);
    expect(JSON.parse(down.stdout)).toMatchObject({ ok: true, verified: true, operation: 'teardown' });
    expect(ourFlows()).toBe(0);
    expect(ovs.trace(names[0] as string, 'in_port=1,ip,nw_src=192.168.10.5,nw_dst=10.20.0.9')).toMatch(/Datapath actions: drop/);
  });

  it('rolls back every bridge when one refuses its bundle (it only speaks OpenFlow 1.0: no bundles)', async () => {
    const refusing = names[0] as string;
    ovs.run('ovs-vsctl', ['set', 'bridge', refusing, 'protocols=OpenFlow10']);
    try {
      const pushed = await runCliCaptured(['push', ...target(), '--json']);
      expect(pushed.code).not.toBe(0);
      const report = JSON.parse(pushed.stdout) as PushReportDto;
      expect(report).toMatchObject({ ok: false, verified: true });
      expect(report.failedStep).toMatchObject({ path: `/${refusing}`, error: expect.stringContaining(refusing) });
      expect(report.undone).toBeGreaterThan(0);
      expect(report.message).toMatch(/Rolled back/);
      expect(ourFlows()).toBe(0);
    } finally {
      ovs.run('ovs-vsctl', ['remove', 'bridge', refusing, 'protocols', 'OpenFlow10']);
    }
  });

  it('says what is wrong with an address where nothing listens, and exits non-zero', async () => {
    const r = await runCliCaptured(['drift', '--project', project, '--driver', 'ovs', '--controller', 'unix:/nonexistent-wicm/br0.mgmt']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Cannot reach the Open vSwitch switch at unix:\/nonexistent-wicm\/br0\.mgmt/);
  });
});
