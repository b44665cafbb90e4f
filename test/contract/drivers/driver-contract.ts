// One suite every controller driver passes (Beekeeper's runCommonTests): real HTTP to the lab
// controller on 127.0.0.1, through the engine's contract methods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControllerTargetDto, DriftReportDto, EditResultDto, PushReportDto, PushTargetInfoDto, TopologySnapshotDto } from '../../../core/contract/api';
import type { PlanDto, ServiceDto } from '../../../core/contract/dto';
import type { Envelope } from '../../../core/contract/errors';
import type { LabController } from '../../../electron/host/lab';
import { startTestHost } from '../rpc/engine-fixture';

/** What the suite needs of a lab: a lab controller, or real Open vSwitch daemons. */
export interface LabHandle {
  /** Where it is reached (named by DRIVER_UNAVAILABLE messages). */
  readonly url: string;
  /** Every request it received, oldest first; `GET` for reads, anything else is a write. */
  requests(): readonly { readonly method: string }[];
  close(): Promise<void>;
}

/** An RPC that must succeed (fixtures use it to shape the project before the suite runs). */
export type OkCall = <T>(method: string, req: unknown) => Promise<T>;

/** What a vendor brings to the suite. */
export interface DriverFixture<L extends LabHandle = LabController> {
  readonly kind: ControllerTargetDto['kind'];
  /** Whether pushes also create the forwarding elements (VTN tenant, vBridges, vInterfaces). */
  readonly provision: boolean;
  /** False when the target has no login (Open vSwitch): the bad-credentials case does not apply. */
  readonly credentials?: boolean;
  /** A target URL where nothing answers (default http://127.0.0.1:9). */
  readonly unreachableUrl?: string;
  /** Starts a fresh lab controller and the target that reaches it. */
  start(ok: OkCall): Promise<{ readonly lab: L; readonly target: ControllerTargetDto }>;
  /** The redirect objects on the controller (conditions + filters, or flows), one comparable line each. */
  view(lab: L): string[];
  /** The lines the exporter's output for these plans stands for (independent of the driver); `pushed` is where the reports say it went. */
  expected(input: { topology: TopologySnapshotDto['topology']; services: readonly ServiceDto[]; plans: readonly PlanDto[] }, pushed: PushTargetInfoDto): string[];
  /** Creates objects the project did not create (out of band); resolves to their view lines. */
  createForeign(lab: L, target: ControllerTargetDto): Promise<string[]>;
  /** Changes (or removes) one pushed object of `serviceId` out of band. */
  tamper(lab: L, target: ControllerTargetDto, pushed: PushTargetInfoDto, serviceId: string, services: readonly ServiceDto[]): Promise<void>;
}

type Call = (method: string, req: unknown) => Promise<Envelope>;

const SERVICES = [
  { name: 'A via Athens and Patras', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'], reverseChain: null },
  { name: 'B via Heraklion', inSegment: '192.168.10.0/24', outSegment: '10.30.0.0/24', chain: ['pop-heraklion'], reverseChain: null },
  { name: 'C Crete via Patras', inSegment: '10.30.0.0/24', outSegment: '10.20.0.0/24', chain: ['pop-patras'], reverseChain: null },
];

const isWrite = (method: string): boolean => method !== 'GET';

/** Runs the shared assertions against one driver. */
export function runDriverContract<L extends LabHandle = LabController>(name: string, makeFixture: () => DriverFixture<L>): void {
  describe(`driver contract: ${name}`, () => {
    const fixture = makeFixture();
    let call: Call;
    let lab: L;
    let target: ControllerTargetDto;
    let pushed: PushTargetInfoDto;
    const ids: string[] = [];
    let foreign: string[] = [];

    async function ok<T>(method: string, req: unknown): Promise<T> {
      const reply = await call(method, req);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
      return reply.value as T;
    }

    async function expectedFor(serviceIds: readonly string[]): Promise<string[]> {
      const snap = await ok<TopologySnapshotDto>('topology.get', {});
      const { plans } = await ok<{ plans: PlanDto[] }>('plan.get', {});
      const wanted = plans.filter((p) => serviceIds.includes(p.serviceId));
      return fixture.expected({ topology: snap.topology, services: snap.services, plans: wanted }, pushed);
    }

    const sorted = (lines: readonly string[]): string[] => [...lines].sort();
    const push = (serviceIds?: readonly string[]): Promise<PushReportDto> =>
      ok<PushReportDto>('push.apply', { target, ...(serviceIds ? { serviceIds } : {}), ...(fixture.provision ? { provision: true } : {}) });

    beforeAll(async () => {
      call = (await startTestHost()).host.dispatch;
      ({ lab, target } = await fixture.start(ok));
      for (const s of SERVICES) ids.push((await ok<EditResultDto>('services.save', s)).id);
      await ok('plan.compute', {});
      foreign = await fixture.createForeign(lab, target);
    });

    afterAll(async () => {
      await lab?.close();
    });

    it('a dry run reads the controller, lists the changes and writes nothing', async () => {
      const before = lab.requests().length;
      const diff = await ok<PushReportDto>('push.diff', { target, ...(fixture.provision ? { provision: true } : {}) });
      expect(diff).toMatchObject({ ok: true, dryRun: true, operation: 'push' });
      pushed = diff.target;
      expect(JSON.stringify(diff)).not.toContain(target.password);
      expect(diff.steps.length).toBeGreaterThan(0);
      expect(diff.steps.every((s) => s.status === 'planned' && s.action === 'create')).toBe(true);
      expect(lab.requests().slice(before).filter((r) => isWrite(r.method))).toEqual([]);
    });

    it('pushes a multi-hop, multi-service plan: the controller then holds exactly the desired objects', async () => {
      const report = await push();
      expect(report).toMatchObject({ ok: true, verified: true, failedStep: null, undone: 0, target: pushed });
      expect(report.steps.every((s) => s.status === 'applied')).toBe(true);
      expect(report.services.map((s) => s.state)).toEqual(['pushed', 'pushed', 'pushed']);
      expect(report.timings.planMs).toBeGreaterThanOrEqual(0);
      expect(report.timings.pushMs).toBeGreaterThanOrEqual(0);
      expect(sorted(fixture.view(lab))).toEqual(sorted([...(await expectedFor(ids)), ...foreign]));
    });

    it('re-pushing the unchanged plan sends no write', async () => {
      const before = lab.requests().length;
      const report = await push();
      expect(report).toMatchObject({ ok: true, steps: [], verified: true });
      const sent = lab.requests().slice(before);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.filter((r) => isWrite(r.method))).toEqual([]);
    });

    it('tears down one service: exactly its objects, both directions; other services and foreign objects stay', async () => {
      const [a, ...rest] = ids as [string, ...string[]];
      const report = await ok<PushReportDto>('push.teardown', { target, serviceIds: [a] });
      expect(report).toMatchObject({ ok: true, verified: true, operation: 'teardown' });
      expect(report.steps.length).toBeGreaterThan(0);
      expect(report.steps.every((s) => s.action === 'delete' && s.serviceId === a)).toBe(true);
      expect(report.services).toEqual([{ id: a, state: 'planned' }]);
      expect(sorted(fixture.view(lab))).toEqual(sorted([...(await expectedFor(rest)), ...foreign]));
      // Nothing of the torn-down service is left, in either direction.
      const own = await expectedFor([a]);
      expect(fixture.view(lab).filter((line) => own.includes(line))).toEqual([]);
    });

    it('detects drift after an out-of-band change; re-apply restores it, adopt accepts it', async () => {
      const [a, b, c] = ids as [string, string, string];
      await push([a]);
      const snap = await ok<TopologySnapshotDto>('topology.get', {});
      await fixture.tamper(lab, target, pushed, b, snap.services);
      const drift = await ok<DriftReportDto>('push.drift', { target });
      expect(drift.drifted).toBe(1);
      expect(drift.services.find((s) => s.serviceId === b)).toMatchObject({ status: 'drifted', objects: [expect.objectContaining({ serviceId: b })] });
      expect(drift.services.filter((s) => s.serviceId !== b).map((s) => s.status)).toEqual(['in-sync', 'in-sync']);
      expect((await ok<TopologySnapshotDto>('topology.get', {})).services.find((s) => s.id === b)?.state).toBe('drifted');

      const fixed = await push();
      expect(fixed).toMatchObject({ ok: true, verified: true });
      expect(fixed.steps.map((s) => s.serviceId)).toEqual([b]);
      expect((await ok<DriftReportDto>('push.drift', { target })).drifted).toBe(0);
      expect(sorted(fixture.view(lab))).toEqual(sorted([...(await expectedFor([a, b, c])), ...foreign]));

      await fixture.tamper(lab, target, pushed, b, snap.services);
      const tampered = sorted(fixture.view(lab));
      const adopted = await ok<DriftReportDto>('push.adopt', { target, serviceIds: [b] });
      expect(adopted.drifted).toBe(0);
      expect(adopted.services).toEqual([{ serviceId: b, status: 'in-sync', objects: [] }]);
      expect((await ok<DriftReportDto>('push.drift', { target })).drifted).toBe(0);
      expect(sorted(fixture.view(lab))).toEqual(tampered);
      expect((await ok<TopologySnapshotDto>('topology.get', {})).services.find((s) => s.id === b)?.state).toBe('pushed');
    });

    // A target without a login (Open vSwitch) has no bad-credentials case: only the unreachable one.
    if (fixture.credentials === false) {
      it('answers DRIVER_UNAVAILABLE naming the address when nothing answers there', async () => {
        const url = fixture.unreachableUrl ?? 'http://127.0.0.1:9';
        const closed = await call('push.drift', { target: { ...target, url } });
        expect(closed).toMatchObject({ ok: false, error: { code: 'DRIVER_UNAVAILABLE', message: expect.stringContaining(url) } });
      });
      return;
    }

    it('answers DRIVER_UNAVAILABLE naming the URL, never the password, on 401 and when nothing listens', async () => {
      const secret = 'S3cret-Not-This-One';
      const denied = await call('push.apply', { target: { ...target, password: secret } });
      expect(denied.ok).toBe(false);
      if (denied.ok) return;
      expect(denied.error.code).toBe('DRIVER_UNAVAILABLE');
      expect(denied.error.message).toContain(lab.url);
      expect(denied.error.message).toMatch(/credentials/);
      expect(JSON.stringify(denied)).not.toContain(secret);
      const closed = await call('push.drift', { target: { ...target, url: 'http://127.0.0.1:9', password: secret } });
      expect(closed).toMatchObject({ ok: false, error: { code: 'DRIVER_UNAVAILABLE', message: expect.stringContaining('http://127.0.0.1:9') } });
      expect(JSON.stringify(closed)).not.toContain(secret);
    });
  });
}
