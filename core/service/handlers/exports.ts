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
      const byId = new Map(all.map((s) => [s.id, s]));
      const planOf = new Map(stored.map((p) => [p.serviceId, p]));
      const wanted = req.serviceIds ?? (nsr ? all.map((s) => s.id) : stored.map((p) => p.serviceId));
      const chosen = new Set(wanted);
      const missing = wanted.filter((id) => !byId.has(id));
      if (missing.length > 0) throw new CoreError('NOT_FOUND', `No service with id ${missing.map((id) => `'${id}'`).join(', ')} in this project.`);
      const plans = wanted.map((id) => planOf.get(id)).filter((p): p is PlanDto => p !== undefined);
      const unplanned = wanted.filter((id) => !planOf.has(id));
      if (!req.format.startsWith('topology-') && !nsr && unplanned.length > 0) {
        const names = unplanned.map((id) => `'${byId.get(id)?.name ?? id}'`).join(', ');
        throw new CoreError('CONFLICT', `Service ${names} has no plan yet: plan it first (Plan in the services panel, or wicm plan), then export.`);
      }
      const result = exportPlans(
        req.format,
        { topology, services: all.filter((s) => chosen.has(s.id)), plans, positions: db.positions.read() },
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
