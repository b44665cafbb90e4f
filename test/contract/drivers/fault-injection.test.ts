// Pushes multi-hop services with one fault (500 / hang past the deadline / connection reset) at
// a seeded random write, many times: after each, the lab controller must be exactly as before
// the push — no partial chain left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControllerTargetDto, EditResultDto, PushReportDto } from '../../../core/contract/api';
import type { Envelope } from '../../../core/contract/errors';
import { startLabController, type LabController, type LabFaultAction } from '../../../electron/host/lab';
import { startTestHost } from '../rpc/engine-fixture';
import { labRequest, onosFlowsOf, vtnRpc, vtnView } from './lab-http';
import { seededRandom } from '../../helpers/seeded-random';

const RUNS_PER_DRIVER = 100;
/**
 * Request timeout of the faulted pushes: an injected hang must time out, an ordinary request
 * (the compensation steps included) must not, even on a busy 2-core machine. At 400 ms a
 * loaded machine timed rollback steps out and the run reported an incomplete rollback.
 */
const HANG_TIMEOUT_MS = 1_500;

const rng = seededRandom;

type Json = Record<string, unknown>;

/** Key order and list order do not matter; volatile ONOS counters are dropped. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise).map((v) => JSON.stringify(v)).sort().map((t) => JSON.parse(t) as unknown);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Json)
        .filter(([k]) => !['life', 'lastSeen', 'packets', 'bytes'].includes(k))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

const SERVICES = [
  { name: 'A', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'], reverseChain: null },
  { name: 'B', inSegment: '192.168.10.0/24', outSegment: '10.30.0.0/24', chain: ['pop-athens', 'pop-heraklion'], reverseChain: null },
  { name: 'C', inSegment: '10.30.0.0/24', outSegment: '10.20.0.0/24', chain: ['pop-patras'], reverseChain: null },
];

const FAULTS: readonly { readonly label: string; readonly action: LabFaultAction }[] = [
  { label: 'status 500', action: { kind: 'status', status: 500 } },
  { label: 'hang', action: { kind: 'hang' } },
  { label: 'reset', action: { kind: 'reset' } },
];

interface Kind {
  readonly kind: Exclude<ControllerTargetDto['kind'], 'ovs'>;
  readonly password: string;
  readonly provision: boolean;
  /** Changes one object of service A so the faulted push also has an update (and compensates it). */
  tamper(lab: LabController, target: ControllerTargetDto, appId: string | undefined): Promise<void>;
}

const KINDS: readonly Kind[] = [
  {
    kind: 'odl-vtn',
    password: 'admin',
    provision: true,
    async tamper(lab, target) {
      // Service A's reverse condition (hand-made service ids are `svc-<project tag>-<n>`).
      const name = vtnView(lab.state()).find((l) => /^cond svc_[0-9a-z]+_1_\w*R /.test(l))?.split(' ')[1];
      if (name === undefined) throw new Error(`no reverse condition of service A in ${vtnView(lab.state()).join('; ')}`);
      await vtnRpc(lab, target, 'vtn-flow-condition:set-flow-condition', {
        name,
        operation: 'SET',
        'vtn-flow-match': [{ index: 1, 'vtn-ether-match': { 'ether-type': 2048 }, 'vtn-inet-match': { 'source-network': '10.21.0.0/24' } }],
      });
    },
  },
  {
    kind: 'onos',
    password: 'karaf',
    provision: false,
    async tamper(lab, target, appId) {
      const flow = onosFlowsOf(lab.state(), appId ?? '')[0] as Json;
      await labRequest(lab, target, 'POST', `/onos/v1/flows/${String(flow.deviceId)}?appId=${appId ?? ''}`, {
        ...flow,
        treatment: { instructions: [{ type: 'OUTPUT', port: '9' }] },
      });
    },
  },
];

describe.each(KINDS)('fault injection: $kind', (k) => {
  let lab: LabController;
  let call: (method: string, req: unknown) => Promise<Envelope>;
  let target: ControllerTargetDto;
  const ids: string[] = [];
  const counts = new Map<string, number>();

  async function ok<T>(method: string, req: unknown): Promise<T> {
    const reply = await call(method, req);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  }

  beforeAll(async () => {
    call = (await startTestHost()).host.dispatch;
    lab = await startLabController({ kind: k.kind });
    target = { kind: k.kind, url: lab.url, user: 'admin', password: k.password, timeoutMs: HANG_TIMEOUT_MS };
    for (const s of SERVICES) ids.push((await ok<EditResultDto>('services.save', s)).id);
    await ok('plan.compute', {});
  });

  afterAll(async () => {
    await lab.close();
    const summary = [...counts].map(([label, n]) => `${label}: ${n}`).join(', ');
    console.info(`fault injection ${k.kind}: ${RUNS_PER_DRIVER} runs (${summary}); partial chains left: 0`);
  });

  it(`leaves the controller exactly as before the push in ${RUNS_PER_DRIVER} seeded runs`, { timeout: 180_000 }, async () => {
    const random = rng(k.kind === 'onos' ? 0x5eed02 : 0x5eed01);
    const request = { target, ...(k.provision ? { provision: true } : {}) };
    for (let run = 0; run < RUNS_PER_DRIVER; run += 1) {
      lab.reset();
      // Before: service A pushed (with its forwarding elements), one of its objects changed out of band.
      const baseline = await ok<PushReportDto>('push.apply', { ...request, serviceIds: [ids[0]], target: { ...target, timeoutMs: 10_000 } });
      await k.tamper(lab, target, baseline.target.appId);
      const plan = await ok<PushReportDto>('push.diff', request);
      const writes = plan.steps.length;
      expect(plan.steps.some((s) => s.action === 'update')).toBe(true);
      const before = normalise(lab.state());
      const fault = FAULTS[Math.floor(random() * FAULTS.length)] as (typeof FAULTS)[number];
      const nth = 1 + Math.floor(random() * writes);
      lab.setFaults([{ nth, action: fault.action }]);
      const report = await ok<PushReportDto>('push.apply', request);
      lab.setFaults([]);
      const context = `run ${run}: ${fault.label} at write ${nth} of ${writes}`;
      expect(report.ok, context).toBe(false);
      expect(report.failedStep, context).not.toBeNull();
      expect(report.verified, `${context}: ${report.message}`).toBe(true);
      expect(report.steps.filter((s) => s.status === 'applied'), context).toEqual([]);
      expect(report.undone, context).toBe(report.steps.filter((s) => s.status === 'undone').length);
      expect(report.services.map((s) => s.state), context).toEqual(['failed', 'failed', 'failed']);
      expect(normalise(lab.state()), context).toEqual(before);
      counts.set(fault.label, (counts.get(fault.label) ?? 0) + 1);
    }
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(RUNS_PER_DRIVER);
  });
});
