import type { Handlers } from '../../contract/api';
import type { PlanDto } from '../../contract/dto';
import { exportFormats, exportPlans, isNsrFormat } from '../../export';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import { readPlans } from '../planning';

type ExportHandlers = Pick<Handlers, 'export.formats' | 'export.run'>;

/** Exports of the open project: its stored plans (what a push would send) or its topology. */
export function exportHandlers(ctx: HandlerContext): ExportHandlers {
  return {
    'export.formats': async () => exportFormats,
    'export.run': async (req) => {
      const db = ctx.session.db;
      const topology = db.topology.read();
      const all = db.services.read();
      const stored = readPlans(db);
      // NSR documents describe services, not rules: every service, planned or not.
      const nsr = isNsrFormat(req.format);
      const wanted = req.serviceIds ?? (nsr ? all.map((s) => s.id) : stored.map((p) => p.serviceId));
      for (const id of wanted) if (!all.some((s) => s.id === id)) throw new CoreError('NOT_FOUND', `No service with id '${id}'.`);
      const plans = wanted.map((id) => stored.find((p) => p.serviceId === id)).filter((p): p is PlanDto => p !== undefined);
      const unplanned = wanted.filter((id) => !plans.some((p) => p.serviceId === id));
      if (!req.format.startsWith('topology-') && !nsr && unplanned.length > 0) {
        throw new CoreError('CONFLICT', `Service(s) ${unplanned.join(', ')} have no plan yet: run Plan (plan.compute) first, then export.`);
      }
      const result = exportPlans(
        req.format,
        { topology, services: all.filter((s) => wanted.includes(s.id)), plans, positions: db.positions.read() },
        {
          ...(req.teardown ? { teardown: true } : {}),
          ...(req.tenant ? { tenant: req.tenant } : {}),
          ...(req.appId ? { appId: req.appId } : {}),
          ...(req.labPrelude ? { labPrelude: true } : {}),
        },
      );
      return { fileName: result.fileName, mediaType: result.mediaType, text: result.text, diagnostics: result.diagnostics };
    },
  };
}
