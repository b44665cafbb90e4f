import type { Handlers } from '../../contract/api';
import type { PlanDto } from '../../contract/dto';
import { planErrors } from '../../plan';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import { planServices, readAllocations } from '../planning';
import type { LabProject, LiveLab } from '../ports';

/** Packets a probe sends when the request names no count (as `wicm lab probe`). */
export const DEFAULT_PROBE_COUNT = 3;

/** Why an engine without the live-lab port has no lab (the host's own reasons read the same way). */
const NO_LIVE_LAB = 'this engine cannot run a live lab: run the app or `wicm serve --editor` on the machine that hosts the lab';

/**
 * `lab.*`: the live lab of the host's data folder (`wicm lab` in the UI). The host runs it
 * (namespaces, Open vSwitch); the engine hands it the open project with fresh plans.
 */
export function labHandlers(ctx: HandlerContext): Pick<Handlers, 'lab.status' | 'lab.up' | 'lab.down' | 'lab.apply' | 'lab.probe' | 'lab.linkDown' | 'lab.linkUp'> {
  const lab = (): LiveLab => {
    const live = ctx.ports.liveLab;
    if (!live) throw new CoreError('DRIVER_UNAVAILABLE', `${NO_LIVE_LAB}.`);
    return live;
  };
  const project = (): LabProject => {
    const db = ctx.session.db;
    const topology = db.topology.read();
    const services = db.services.read();
    const info = ctx.session.info();
    return { path: ctx.session.path ?? info.name, topology, services, plans: planServices(topology, services, readAllocations(db)).plans };
  };
  const serviceName = (p: LabProject, id: string): string => {
    const service = p.services.find((s) => s.id === id);
    if (!service) throw new CoreError('NOT_FOUND', `The project has no service with id ${id}: it may have been deleted. Services: ${p.services.map((s) => `"${s.name}"`).join(', ') || 'none'}.`);
    return service.name;
  };
  const planned = (p: LabProject, ids: readonly string[]): void => {
    for (const id of ids) {
      const plan: PlanDto | undefined = p.plans.find((x) => x.serviceId === id);
      const errors = plan ? planErrors(plan) : [];
      if (!plan || errors.length > 0) {
        throw new CoreError('INVALID_INPUT', `Service "${serviceName(p, id)}" cannot be planned, so nothing of it can go on the lab: ${errors.map((e) => e.message).join('; ') || 'it has no plan'}. Fix it in the Plan tab first.`);
      }
    }
  };
  return {
    'lab.status': async () => {
      const live = ctx.ports.liveLab;
      return live ? live.status() : { available: false, reason: NO_LIVE_LAB, lab: null };
    },
    'lab.up': async () => lab().up(project()),
    'lab.down': async () => lab().down(),
    'lab.apply': async (req) => {
      const live = lab();
      const p = project();
      const ids = req.serviceIds ?? p.services.map((s) => s.id);
      for (const id of ids) serviceName(p, id);
      if (ids.length === 0) throw new CoreError('INVALID_INPUT', 'The project has no service to put on the lab: add or import one first.');
      if (req.remove !== true) planned(p, ids);
      return live.apply(p, ids, req.remove === true);
    },
    'lab.probe': async (req) => {
      const live = lab();
      const p = project();
      serviceName(p, req.serviceId);
      planned(p, [req.serviceId]);
      return live.probe(p, req.serviceId, req.count ?? DEFAULT_PROBE_COUNT);
    },
    'lab.linkDown': async (req) => lab().setLink(req.linkId, false),
    'lab.linkUp': async (req) => lab().setLink(req.linkId, true),
  };
}
