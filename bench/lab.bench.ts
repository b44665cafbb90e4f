// The live lab on this machine's Open vSwitch: `lab_up_ms` for the sample WAN and for a generated
// 50-bridge WAN (field `bridges`), and `lab_probe_ms` (3 ICMP echoes, or UDP datagrams without
// ping, through the Open Baton chain both ways, counters settled). Each lab is removed after its
// measurement. Skips with the reason printed when the machine cannot host a lab (not root, no OVS).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TopologyDto } from '../core/contract/dto';
import { planServices } from '../core/service/planning';
import { runCli } from '../electron/host/cli/index';
import type { CliIo } from '../electron/host/cli/command';
import { loadTopology } from '../electron/host/cli/sources';
import { labDown, labUp } from '../electron/host/live-lab/build';
import { hasProgram, labUnavailable, run } from '../electron/host/live-lab/exec';
import { applyBundles, labFlows } from '../electron/host/live-lab/flow-table';
import { labIdOf, planLab } from '../electron/host/live-lab/lab-plan';
import { probeService } from '../electron/host/live-lab/probe';

const why = labUnavailable();
if (why) {
  process.stderr.write(`SKIP lab bench: ${why}\n`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'wlb-'));
const quiet: CliIo = { out: () => undefined, err: (t) => void process.stderr.write(t), env: {}, cwd: process.cwd() };

/** A chain of n bridges: each with a host segment, a PoP, an uplink, and a link to the next. */
function chainWan(n: number): TopologyDto {
  const t = {
    bridges: [] as TopologyDto['bridges'][number][],
    ports: [] as TopologyDto['ports'][number][],
    links: [] as TopologyDto['links'][number][],
    segments: [] as TopologyDto['segments'][number][],
    pops: [] as TopologyDto['pops'][number][],
    naps: [],
    vlanPools: [],
    defaults: { sourceSegment: null, targetSegment: null },
  };
  for (let b = 0; b < n; b++) {
    const id = `br${b}`;
    t.bridges.push({ id, name: `bridge${b}`, kind: 'ovs', controllerId: id, datapathId: `openflow:${b + 1}` });
    for (const [k, name] of ['host', 'pop', 'up', 'left', 'right'].entries()) t.ports.push({ id: `${id}-${name}`, bridgeId: id, name, ofPort: k + 1 });
    t.segments.push({ id: `${id}-seg`, prefix: `10.${b >> 8}.${b & 255}.0/24`, portId: `${id}-host`, name: `lan${b}` });
    t.segments.push({ id: `${id}-default`, prefix: '0.0.0.0/0', portId: `${id}-up`, name: null });
    t.pops.push({ id: `pop${b}`, name: `pop${b}`, portId: `${id}-pop`, aliases: [] });
    if (b > 0) t.links.push({ id: `ln${b}`, aPortId: `br${b - 1}-right`, bPortId: `${id}-left` });
  }
  return t;
}

async function measureUp(topology: TopologyDto, name: string): Promise<number> {
  const dataDir = join(dir, name);
  const started = performance.now();
  const layout = await labUp(planLab(topology, labIdOf(dataDir)), dataDir, name, new Date());
  const ms = performance.now() - started;
  await labDown(layout, dataDir);
  return ms;
}

try {
  const project = join(dir, 'p.wicm');
  if ((await runCli(['import', 'resources/sample/sample-wan.json', 'test/fixtures/reference/openbaton-nsr-instantiate.json', '--project', project, '--create', '--plan'], quiet)) !== 0) throw new Error('import failed');
  const source = await loadTopology(project);
  const sample = (JSON.parse(readFileSync('resources/sample/sample-wan.json', 'utf8')) as { topology: TopologyDto }).topology;
  console.log(JSON.stringify({ metric: 'lab_up_ms', value: Math.round(await measureUp(sample, 's')), bridges: sample.bridges.length }));
  const wan50 = chainWan(50);
  console.log(JSON.stringify({ metric: 'lab_up_ms', value: Math.round(await measureUp(wan50, 'w')), bridges: wan50.bridges.length }));

  const dataDir = join(dir, 'p');
  const layout = await labUp(planLab(source.topology, labIdOf(dataDir)), dataDir, project, new Date());
  try {
    const { plans } = planServices(source.topology, source.services, source.allocations);
    const service = source.services[0]!;
    const plan = plans.find((p) => p.serviceId === service.id)!;
    const bundles = applyBundles(labFlows(layout, { topology: source.topology, services: [service], plans: [plan] }), layout.bridges.map((b) => b.ovsName));
    for (const [bridge, text] of bundles) await run('ovs-ofctl', ['-O', 'OpenFlow14', '--bundle', 'add-flows', bridge, '-'], { runDir: layout.runDir, input: text });
    const udp = !hasProgram('ping');
    const started = performance.now();
    const report = await probeService(layout, source.topology, service, plan, plans, { count: 3, udp });
    const ms = performance.now() - started;
    if (!report.delivered) throw new Error(`probe not delivered: ${report.forward.stoppedAt ?? report.reverse.stoppedAt}`);
    console.log(JSON.stringify({ metric: 'lab_probe_ms', value: Math.round(ms), packets: 3, protocol: udp ? 'udp' : 'icmp' }));
  } finally {
    await labDown(layout, dataDir);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
