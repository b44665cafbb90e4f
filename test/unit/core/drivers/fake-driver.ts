// An in-memory controller and driver for unit tests of the transaction (no HTTP).
import { diffObjects } from '../../../../core/drivers/diff';
import { StepFailure, type ControllerDriver, type DesiredObject, type LiveObject, type PushStep } from '../../../../core/drivers/driver';
import type { HttpClient } from '../../../../core/drivers/http';

/** A controller holding objects by id. */
export class FakeController {
  readonly objects = new Map<string, unknown>();
  readonly writes: string[] = [];
  /** Seqs of steps whose apply fails. */
  failOn = new Set<number>();
  /** Object ids whose compensation fails. */
  undoFailsOn = new Set<string>();
}

const noHttp: HttpClient = { request: async () => ({ status: 200, headers: {}, body: '' }) };

/** Desired object helper. */
export function desiredObject(id: string, serviceId: string, content: unknown, extra: Partial<DesiredObject> = {}): DesiredObject {
  return {
    id,
    serviceId,
    kind: id.startsWith('cond:') ? 'condition' : 'filter',
    summary: id,
    content,
    after: [],
    create: { method: 'POST', path: `/set/${id}`, body: content },
    remove: { method: 'POST', path: `/remove/${id}` },
    ...extra,
  };
}

/** A driver over a {@link FakeController}. */
export function fakeDriver(controller: FakeController, claims = true): ControllerDriver & { readonly http: HttpClient } {
  const live = (): LiveObject[] =>
    [...controller.objects].map(([id, content]) => ({
      id,
      kind: id.startsWith('cond:') ? 'condition' : 'filter',
      summary: id,
      content,
      after: [],
      restore: { method: 'POST', path: `/set/${id}`, body: content },
      remove: { method: 'POST', path: `/remove/${id}` },
    }));
  const write = (step: PushStep): void => {
    controller.writes.push(`${step.action} ${step.objectId}`);
    if (step.desired !== null) controller.objects.set(step.desired.id, step.desired.content);
    else for (const l of step.live) controller.objects.delete(l.id);
  };
  return {
    kind: 'odl-vtn',
    capabilities: { transactional: true, readBack: true, concurrentWrites: true, vlan: false, ipv6: false, provisioning: false },
    target: { kind: 'odl-vtn', url: 'http://fake', user: 'u', password: 'p' },
    http: noHttp,
    desired: () => [],
    readLive: async () => live(),
    // Like VTN condition names: an object whose id the plans call for is the project's.
    claim: (l, desiredById) => (claims ? (desiredById.get(l.id)?.serviceId ?? null) : null),
    diff: diffObjects,
    async apply(_http, step) {
      await Promise.resolve();
      if (controller.failOn.has(step.seq)) throw new StepFailure(500, `HTTP 500 from ${step.request.method} ${step.request.path}`);
      write(step);
      return {};
    },
    async compensate(_http, step) {
      if (controller.undoFailsOn.has(step.objectId)) throw new StepFailure(500, 'undo refused');
      controller.writes.push(`undo ${step.seq}`);
      if (step.action === 'create' && step.desired) controller.objects.delete(step.desired.id);
      else for (const l of step.live) controller.objects.set(l.id, l.content);
    },
  };
}
