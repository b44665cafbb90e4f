// Counters from the controller (issue 14, monitoring): a service pushed to the lab ONOS, real
// packets probed through it on the live lab, then GET /metrics reads each hop's packets and
// bytes from ONOS itself (its flow entries' `packets`/`bytes`, which the lab ONOS reads from the
// live lab's Open vSwitch flows it compiled), not from the switches: the metrics here have no
// live-lab data folder, only the controller. Before the probe, and once the lab is down, ONOS
// reports 0, as a real ONOS does for a flow without traffic. Skips, printing why, where the
// machine cannot host a lab.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControllerTargetDto } from '../../../core/contract/api';
import { loadTopology } from '../../../electron/host/cli/sources';
import { startEngineHost } from '../../../electron/host/engine-host';
import { startLabController, type LabController } from '../../../electron/host/lab';
import { hasProgram, labUnavailable } from '../../../electron/host/live-lab/exec';
import type { LiveLabLayout } from '../../../electron/host/live-lab/layout';
import type { ProbeReport } from '../../../electron/host/live-lab/probe-report';
import { createMetrics } from '../../../electron/host/metrics/metrics';
import { accessPolicy } from '../../../electron/host/rest';
import { runCliCaptured } from '../../helpers/cli';
import { memoryLogger } from '../../helpers/quiet-logger';
import { ref, SAMPLE_WAN } from './reference-nsrs';

const unavailable = labUnavailable();
if (unavailable) console.log(`SKIP controller counters: ${unavailable}`);
const udp = hasProgram('ping') ? [] : ['--udp'];

const dir = mkdtempSync(join(tmpdir(), 'wc-'));
const dataDir = join(dir, 'd');
const env = (): Record<string, string> => ({ PATH: process.env['PATH'] ?? '', WICM_HOME: join(dir, 'home') });
const lab = (...args: string[]): ReturnType<typeof runCliCaptured> => runCliCaptured(['lab', ...args, '--data-dir', dataDir], env());

interface OnosFlow { readonly id: string; readonly deviceId: string; readonly packets: number; readonly bytes: number }

async function onosFlows(onos: LabController): Promise<OnosFlow[]> {
  const res = await fetch(`${onos.url}/onos/v1/flows`, { headers: { authorization: `Basic ${Buffer.from('admin:karaf').toString('base64')}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { flows: OnosFlow[] }).flows;
}

/** `wicm_service_<what>{…,hop,direction,…}` of every hop of a direction, in hop order. */
function hopValues(text: string, what: 'packets' | 'bytes', d: ProbeReport['forward']): number[] {
  return d.hops.map((hop, i) => {
    const line = new RegExp(`^wicm_service_${what}\\{service_id="[^"]+",service="[^"]*",hop="${i + 1}",direction="${d.direction}",bridge="${hop.bridge}"\\} (\\d+)$`, 'm').exec(text);
    expect(line, `${d.direction} hop ${i + 1} ${what} in /metrics`).not.toBeNull();
    return Number(line![1]);
  });
}

describe.skipIf(unavailable !== null)('/metrics reads the counters ONOS keeps (lab ONOS on the live lab)', () => {
  let onos: LabController;
  let layout: LiveLabLayout | undefined;

  beforeAll(async () => {
    const up = await lab('up', '--project', await project('base'), '--json');
    expect(up.code, up.stderr).toBe(0);
    layout = (JSON.parse(up.stdout) as { layout: LiveLabLayout }).layout;
    onos = await startLabController({ kind: 'onos', dataDir });
  }, 120_000);

  afterAll(async () => {
    try {
      await onos?.close();
      await lab('down');
      const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
      for (const ns of [layout?.daemonNetns, ...(layout?.hosts ?? []).map((h) => h.netns)].filter(Boolean)) expect(left).not.toMatch(new RegExp(`^${ns}\\b`, 'm'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  async function project(name: string): Promise<string> {
    const file = join(dir, `${name}.wicm`);
    const imported = await runCliCaptured(['import', SAMPLE_WAN, ref('openbaton-nsr-instantiate.json'), '--project', file, '--create', '--plan'], env());
    expect(imported.code, imported.stderr).toBe(0);
    return file;
  }

  it('push, probe N packets: every hop of both directions counts exactly N in ONOS and in /metrics; 0 before the probe and with the lab down', async () => {
    const file = await project('counted');
    const [id] = (await loadTopology(file)).services.map((s) => s.id);
    const target: ControllerTargetDto = { kind: 'onos', url: onos.url, user: 'admin', password: 'karaf' };
    const pushed = await runCliCaptured(['push', '--project', file, '--service', id!, '--driver', 'onos', '--controller', onos.url, '--user', 'admin', '--password', 'karaf'], env());
    expect(pushed.code, pushed.stdout + pushed.stderr).toBe(0);
    await onos.dataPlane!.settled();

    const host = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir: join(dir, 'home'), projectPath: file });
    // No live-lab data folder: the only source of service counters is the controller.
    const metrics = createMetrics({ dispatch: host.dispatch, access: accessPolicy('127.0.0.1', null), controllers: [target] });
    const flows = await onosFlows(onos);
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.map((f) => f.packets)).toEqual(flows.map(() => 0));

    const run = await lab('probe', '--project', file, '--service', id!, '--count', '4', '--json', ...udp);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as ProbeReport;
    expect(report.received).toBe(4);

    const counted = await onosFlows(onos);
    expect(counted.map((f) => f.packets)).toEqual(counted.map(() => 4));
    expect(counted.every((f) => f.bytes >= 4 * 60)).toBe(true);
    const text = await metrics.scrape();
    for (const d of [report.forward, report.reverse]) {
      expect(hopValues(text, 'packets', d)).toEqual(d.hops.map(() => report.sent));
      const bytes = hopValues(text, 'bytes', d);
      expect(bytes.every((b) => b >= report.sent * 60)).toBe(true);
    }
    // The bytes /metrics gives are ONOS's own.
    expect(hopValues(text, 'bytes', report.forward).reduce((a, b) => a + b, 0) + hopValues(text, 'bytes', report.reverse).reduce((a, b) => a + b, 0)).toBe(counted.reduce((a, f) => a + f.bytes, 0));

    expect((await lab('down')).code).toBe(0);
    expect((await onosFlows(onos)).map((f) => f.packets)).toEqual(counted.map(() => 0));
  }, 120_000);
});
