/**
 * The live lab as the engine's `LiveLab` port (the Lab tab's `lab.*` methods): the same steps
 * as `wicm lab up|down|status|apply|probe|link-down|link-up`, on the lab of one data folder.
 * Calls that change the lab run one at a time; without root or Open vSwitch every call but
 * `status` rejects with the reason `wicm lab` prints when it exits 2.
 */
import type { LabStatusDto } from '../../../core/contract/api';
import type { LabProject, LiveLab } from '../../../core/service/ports';
import { CoreError } from '../../../core/util/core-error';
import { labDown, labUp } from './build';
import { applyServiceFlows, removeServiceFlows } from './apply-flows';
import { labUnavailable } from './exec';
import { labIdOf, planLab } from './lab-plan';
import { readLiveLab, type LiveLabLayout } from './layout';
import { probeService } from './probe';
import { findLink, labStatus, setLink } from './status';

export interface LiveLabServiceOptions {
  /** Why no lab can run here, or null (default: this machine's `labUnavailable()`). */
  readonly unavailable?: () => string | null;
  readonly now?: () => Date;
}

/** The `LiveLab` port over the lab of `dataDir`. */
export function liveLabService(dataDir: string, options: LiveLabServiceOptions = {}): LiveLab {
  const unavailable = options.unavailable ?? (() => labUnavailable());
  const now = options.now ?? (() => new Date());
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs one change of the lab after the ones before it (a second Up waits for the first). */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const check = (): void => {
    const why = unavailable();
    if (why) throw new CoreError('DRIVER_UNAVAILABLE', `cannot run a live lab here: ${why}.`);
  };
  const running = async (): Promise<LiveLabLayout> => {
    const layout = await readLiveLab(dataDir);
    if (!layout) throw new CoreError('NOT_FOUND', 'No lab is up: press Up in the Lab tab (or run wicm lab up) first.');
    return layout;
  };
  const status = async (): Promise<LabStatusDto> => {
    const why = unavailable();
    if (why) return { available: false, reason: `cannot run a live lab here: ${why}`, lab: null };
    const layout = await readLiveLab(dataDir);
    return { available: true, reason: null, lab: layout ? await labStatus(layout) : null };
  };
  const serviceOf = (project: LabProject, id: string): LabProject['services'][number] => {
    const service = project.services.find((s) => s.id === id);
    if (!service) throw new CoreError('NOT_FOUND', `The project has no service with id ${id}.`);
    return service;
  };

  return {
    status,
    up: (project) =>
      serial(async () => {
        check();
        let replaced: string | null = null;
        const existing = await readLiveLab(dataDir);
        if (existing) {
          const was = await labStatus(existing);
          if (was.up && existing.projectPath === project.path) return { alreadyUp: true, ms: 0, notes: [], replaced: null, status: await status() };
          if (was.up) throw new CoreError('CONFLICT', `A lab of another project (${existing.projectPath}) is up: press Down first, then Up.`);
          await labDown(existing, dataDir);
          replaced = was.problems.join('; ');
        }
        const plan = planLab(project.topology, labIdOf(dataDir), new Map());
        const started = Date.now();
        await labUp(plan, dataDir, project.path, now());
        return { alreadyUp: false, ms: Date.now() - started, notes: plan.notes, replaced, status: await status() };
      }),
    down: () =>
      serial(async () => {
        check();
        const layout = await readLiveLab(dataDir);
        const removed = layout ? await labDown(layout, dataDir) : [];
        return { removed, status: await status() };
      }),
    apply: (project, serviceIds, remove) =>
      serial(async () => {
        check();
        const layout = await running();
        const services = serviceIds.map((id) => serviceOf(project, id));
        const names = services.map((s) => s.name);
        if (remove) return { services: names, flows: 0, bridges: await removeServiceFlows(layout, serviceIds), removed: true };
        const plans = project.plans.filter((p) => serviceIds.includes(p.serviceId));
        return { services: names, ...(await applyServiceFlows(layout, { topology: project.topology, services, plans })), removed: false };
      }),
    probe: (project, serviceId, count) =>
      serial(async () => {
        check();
        const layout = await running();
        const service = serviceOf(project, serviceId);
        const plan = project.plans.find((p) => p.serviceId === serviceId);
        if (!plan) throw new CoreError('INVALID_INPUT', `Service "${service.name}" has no plan: plan it first.`);
        return probeService(layout, project.topology, service, plan, project.plans, { count, udp: false });
      }),
    setLink: (linkId, up) =>
      serial(async () => {
        check();
        const layout = await running();
        await setLink(layout, dataDir, findLink(layout, linkId), up);
        return status();
      }),
  };
}
