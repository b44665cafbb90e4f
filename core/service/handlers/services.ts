import type { Handlers } from '../../contract/api';
import type { DiagnosticDto, PlanDto, ServiceDto } from '../../contract/dto';
import { canonicalPrefix } from '../../net';
import { lintPlans } from '../../plan';
import { Simulator, whatIf } from '../../sim';
import { CoreError } from '../../util/core-error';
import type { ProjectDb } from '../../store/project-db';
import type { HandlerContext } from '../context';
import { planProject, readPlans } from '../planning';

type ServiceHandlers = Pick<
  Handlers,
  'services.save' | 'services.remove' | 'services.get' | 'services.find' | 'services.setState' | 'plan.compute' | 'plan.get' | 'plan.read' | 'plan.lint' | 'sim.trace' | 'sim.whatIf'
>;

/** Services, plans and simulation over the open project. */
export function serviceHandlers(ctx: HandlerContext): ServiceHandlers {
  const db = () => ctx.session.db;
  return {
    'services.save': async (req) => {
      const diagnostics: DiagnosticDto[] = [];
      const segment = (value: string | null, pointer: string): string | null => {
        if (value === null) return null;
        const canonical = canonicalPrefix(value, pointer);
        diagnostics.push(...canonical.diagnostics);
        return canonical.prefix;
      };
      const label = req.id ? `edit service ${req.name}` : `add service ${req.name}`;
      const id = ctx.session.mutate(label, (d) => {
        const existing = req.id ? d.services.get(req.id) : undefined;
        const service: ServiceDto = {
          id: req.id ?? d.meta.nextId(`svc-${projectTag(d, ctx.ports.clock.now())}-`),
          name: req.name,
          inSegment: segment(req.inSegment, '/inSegment'),
          outSegment: segment(req.outSegment, '/outSegment'),
          chain: req.chain,
          reverseChain: req.reverseChain,
          state: existing?.state === 'pushed' || existing?.state === 'drifted' ? 'drifted' : 'draft',
          provenance: existing?.provenance ?? { format: 'manual', file: null, recordId: null, importedAt: ctx.ports.clock.now().toISOString() },
          attributes: req.attributes ?? existing?.attributes ?? {},
        };
        d.services.upsert(service);
        d.plans.remove(service.id);
        return service.id;
      });
      return { id, diagnostics, project: ctx.changed(label) };
    },
    'services.remove': async (req) => {
      const label = `delete service ${ctx.session.db.services.get(req.id)?.name ?? req.id}`;
      ctx.session.mutate(label, (d) => {
        // Removing a service also frees its allocations (ServiceRepository.remove).
        if (!d.services.remove(req.id)) throw new CoreError('NOT_FOUND', `No service with id '${req.id}'.`);
      });
      return { id: req.id, diagnostics: [], project: ctx.changed(label) };
    },
    'services.get': async (req) => (req.byRecord ? db().services.readByIdOrRecord(req.ids) : db().services.readSome(req.ids)),
    'services.find': async (req) => db().services.find(req),
    'services.setState': async (req) => {
      const label = `service ${req.id} ${req.state}`;
      ctx.session.mutate(label, (d) => {
        const service = d.services.get(req.id);
        if (!service) throw new CoreError('NOT_FOUND', `No service with id '${req.id}'.`);
        d.services.upsert({ ...service, state: req.state });
      });
      return { id: req.id, diagnostics: [], project: ctx.changed(label) };
    },
    'plan.compute': async (req) => {
      const result = ctx.session.mutate('plan services', (d) => planProject(d, req.serviceIds));
      return { plans: result.plans, lint: result.lint, project: ctx.changed('plan') };
    },
    'plan.get': async () => ({ plans: readPlans(db()), lint: lintStored(ctx), project: ctx.session.info() }),
    'plan.read': async (req) => {
      const stored = db().plans.readSome([...new Set(req.serviceIds)]);
      return req.serviceIds.flatMap((id) => (stored.has(id) ? [stored.get(id) as PlanDto] : []));
    },
    'plan.lint': async () => lintStored(ctx),
    'sim.trace': async (req) => {
      const serviceNames = new Map(db().services.read().map((s) => [s.id, s.name]));
      return new Simulator(db().topology.read(), readPlans(db()), { down: req.down ?? [], serviceNames }).trace({ src: req.src, dst: req.dst });
    },
    'sim.whatIf': async (req) => whatIf(db().topology.read(), db().services.read(), readPlans(db()), req.down),
  };
}

function lintStored(ctx: HandlerContext): DiagnosticDto[] {
  const d = ctx.session.db;
  return lintPlans(d.topology.read(), readPlans(d), d.services.read());
}

/**
 * A short tag unique to this project, in the ids of services made by hand: controller objects
 * are named after service ids, so two projects pushing to one controller must not both own a
 * `svc1`. Made once, from the creation time.
 */
function projectTag(db: ProjectDb, now: Date): string {
  const existing = db.meta.get('project_tag');
  if (existing) return existing;
  const tag = now.getTime().toString(36).slice(-6);
  db.meta.set('project_tag', tag);
  return tag;
}
