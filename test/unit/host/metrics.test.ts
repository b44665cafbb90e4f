// GET /metrics as `wicm serve` mounts it, against real Open vSwitch bridges: a push through the
// observed dispatch is counted, a real packet sent into the ingress bridge shows up as bytes and
// packets of the service's first forward hop, and REST answers are counted by route and status.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditResultDto, PushReportDto, TopologySnapshotDto } from '../../../core/contract/api';
import { startEngineHost, type EngineHost } from '../../../electron/host/engine-host';
import { startHttpTransport, type HttpTransport } from '../../../electron/host/http';
import { createMetrics, mountRouters, sliceMetricName, type Metrics } from '../../../electron/host/metrics/metrics';
import { accessPolicy, createRestApi } from '../../../electron/host/rest';
import { memoryLogger } from '../../helpers/quiet-logger';
import { netdevOvsUnavailable, startNetdevOvs, type NetdevOvs } from '../../helpers/ovs-netdev';

const unavailable = netdevOvsUnavailable();
if (unavailable) console.log(`SKIP /metrics with Open vSwitch counters: ${unavailable}`);

/** An IPv4 header-only packet 192.168.10.5 → 10.20.0.9 in an Ethernet frame (34 bytes). */
const PACKET = '020000000002' + '020000000001' + '0800' + '450000140000000040010000' + 'c0a80a05' + '0a140009';

it('names a Katana slice gauge as Katana does', () => {
  expect(sliceMetricName('5f1a-2b3c')).toBe('slice_5f1a_2b3c_flows');
});

describe.skipIf(unavailable !== null)('GET /metrics on wicm serve', () => {
  let ovs: NetdevOvs;
  let dir: string;
  let host: EngineHost;
  let metrics: Metrics;
  let transport: HttpTransport;
  let bridge: string;
  let serviceId: string;

  beforeAll(async () => {
    ovs = startNetdevOvs();
    dir = mkdtempSync(join(tmpdir(), 'wicm-metrics-'));
    host = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir: dir, template: 'sample' });
    const access = accessPolicy('127.0.0.1', null);
    metrics = createMetrics({ dispatch: host.dispatch, access });
    const dispatch = metrics.observeDispatch(host.dispatch);
    const rest = createRestApi({ dispatch, logger: memoryLogger(), push: { mode: 'none' }, access });
    transport = await startHttpTransport({ dispatch, onEvent: host.onEvent, rendererDir: null, port: 0, router: mountRouters(metrics.router, metrics.observeRouter(rest.router, rest.routes)) });
    const ok = async <T>(method: string, req: unknown): Promise<T> => {
      const reply = await dispatch(method, req);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
      return reply.value as T;
    };
    const snap = await ok<TopologySnapshotDto>('topology.get', {});
    for (const [i, b] of snap.topology.bridges.entries()) {
      const name = `${ovs.prefix}b${i + 1}`;
      if (i === 0) bridge = name;
      await ok('topology.update', { kind: 'bridge', id: b.id, changes: { controllerId: name } });
      ovs.addBridge({ name, ports: snap.topology.ports.filter((p) => p.bridgeId === b.id && p.ofPort !== null).map((p) => p.ofPort as number) });
    }
    serviceId = (await ok<EditResultDto>('services.save', { name: 'A', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens'], reverseChain: null })).id;
    await ok('plan.compute', {});
    const report = await ok<PushReportDto>('push.apply', { target: { kind: 'ovs', url: `unix:${ovs.dir}`, user: '', password: '' } });
    expect(report).toMatchObject({ ok: true, verified: true });
  });

  afterAll(async () => {
    await transport?.close();
    ovs?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts the push, reads bytes and packets per service, hop and direction from the switch, and REST requests by route', async () => {
    ovs.run('ovs-ofctl', ['packet-out', ovs.socket(bridge), `in_port=1 packet=${PACKET} actions=table`]);
    // The userspace datapath updates counters shortly after: wait for the switch to show the packet.
    for (let i = 0; i < 100 && !ovs.dumpFlows(bridge).some((l) => / n_packets=1,/.test(l)); i++) await new Promise((r) => setImmediate(r));
    await fetch(`${transport.url}api/openapi.json`);
    await fetch(`${transport.url}api/v1/nope`);
    const response = await fetch(`${transport.url}metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('wicm_push_transactions_total{operation="push",driver="ovs",outcome="committed"} 1');
    expect(text).toMatch(/wicm_push_steps_total\{operation="push",driver="ovs",action="create",status="applied"\} [1-9]/);
    expect(text).toMatch(/wicm_push_duration_seconds_count\{operation="push",driver="ovs"\} 1/);
    expect(text).toContain(`wicm_service_packets{service_id="${serviceId}",service="A",hop="1",direction="forward",bridge="${bridge}"} 1`);
    expect(text).toContain(`wicm_service_bytes{service_id="${serviceId}",service="A",hop="1",direction="forward",bridge="${bridge}"} 34`);
    expect(text).toMatch(/wicm_service_bytes\{[^}]*direction="reverse"[^}]*\} 0/);
    expect(text).toContain('wicm_rest_requests_total{route="GET /api/openapi.json",status="200"} 1');
    expect(text).toMatch(/wicm_rest_requests_total\{route="unmatched",status="404"\} 1/);
  });
});
