/**
 * `GET /metrics` with 1,000 services pushed to real Open vSwitch bridges (netdev datapath, private
 * daemons): the scrape reads every bridge's flow counters and maps each flow to its service, hop
 * and direction. metrics_scrape_ms is the median of 5 scrapes after one warm-up. Needs root and
 * Open vSwitch; otherwise it says why on stderr and prints nothing. One JSON line per metric.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanSetDto, TopologySnapshotDto } from '../core/contract/api';
import { ovsScript } from '../core/drivers';
import { startEngineHost } from '../electron/host/engine-host';
import { createMetrics } from '../electron/host/metrics/metrics';
import { accessPolicy } from '../electron/host/rest';
import { memoryLogger } from '../test/helpers/quiet-logger';
import { netdevOvsUnavailable, startNetdevOvs } from '../test/helpers/ovs-netdev';

const SERVICES = 1000;
const unavailable = netdevOvsUnavailable();
if (unavailable) {
  process.stderr.write(`metrics bench skipped: ${unavailable}\n`);
} else {
  const ovs = startNetdevOvs();
  const dir = mkdtempSync(join(tmpdir(), 'wicm-metrics-bench-'));
  try {
    const host = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir: dir, template: 'sample' });
    const ok = async <T>(method: string, req: unknown): Promise<T> => {
      const reply = await host.dispatch(method, req);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
      return reply.value as T;
    };
    const snap = await ok<TopologySnapshotDto>('topology.get', {});
    for (const [i, b] of snap.topology.bridges.entries()) {
      const name = `${ovs.prefix}b${i + 1}`;
      await ok('topology.update', { kind: 'bridge', id: b.id, changes: { controllerId: name } });
      ovs.addBridge({ name, ports: snap.topology.ports.filter((p) => p.bridgeId === b.id && p.ofPort !== null).map((p) => p.ofPort as number) });
    }
    // 1,000 services with distinct host-pair matches, through one PoP.
    for (let i = 0; i < SERVICES; i++) {
      await ok('services.save', { name: `s${i}`, inSegment: `192.168.10.${1 + (i % 250)}/32`, outSegment: `10.20.0.${1 + Math.floor(i / 250)}/32`, chain: ['pop-athens'], reverseChain: null });
    }
    await ok('plan.compute', {});
    const now = await ok<TopologySnapshotDto>('topology.get', {});
    const { plans } = await ok<PlanSetDto>('plan.get', {});
    // Installed as the OVS driver would, one bundle per bridge (faster than 1,000 pushes).
    const byBridge = new Map<string, string[]>();
    for (const line of ovsScript({ topology: now.topology, services: now.services, plans }).text.split('\n')) {
      const m = /^ovs-ofctl -O OpenFlow13 add-flow (\S+) '(.+)'$/.exec(line);
      if (m?.[1] && m[2]) byBridge.set(m[1], [...(byBridge.get(m[1]) ?? []), `add ${m[2]}`]);
    }
    let flows = 0;
    for (const [bridge, lines] of byBridge) {
      ovs.run('ovs-ofctl', ['--bundle', 'add-flows', ovs.socket(bridge), '-'], `${lines.join('\n')}\n`);
      flows += lines.length;
    }
    const metrics = createMetrics({ dispatch: host.dispatch, access: accessPolicy('127.0.0.1', null), ovsTargets: [`unix:${ovs.dir}`] });
    const warm = await metrics.scrape();
    const series = warm.split('\n').filter((l) => l.startsWith('wicm_service_bytes{')).length;
    if (series !== flows) throw new Error(`expected ${flows} wicm_service_bytes series, got ${series}`);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await metrics.scrape();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`${JSON.stringify({ metric: 'metrics_scrape_ms', value: Math.round(times[2] as number), services: SERVICES, flows })}\n`);
  } finally {
    ovs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
