import type { Handlers, ImportPreviewDto, ImportRequestDto } from '../../contract/api';
import type { DiagnosticDto } from '../../contract/dto';
import { importers, previewImport, type ImportPreview } from '../../import';
import type { TopologyRegistration } from '../../model';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import { applyImport } from '../import-apply';
import { planProject, serviceFromRequest } from '../planning';

type ImportHandlers = Pick<Handlers, 'import.formats' | 'import.preview' | 'import.commit'>;

/** Whether a preview can be committed: something to do, and no error diagnostic. */
export function isImportable(preview: ImportPreview): boolean {
  const hasWork = preview.services.length > 0 || preview.deletions.length > 0 || (preview.registrations ?? []).length > 0;
  return hasWork && !preview.diagnostics.some((d) => d.severity === 'error');
}

/** One line per registration, for previews and the CLI. */
export function describeRegistration(r: TopologyRegistration): string {
  return r.kind === 'nfvi' ? `NFVI ${r.id} on ${r.switchId} port ${r.port}` : `NAP ${r.id} on ${r.switchId} CE ${r.cePort} / PE ${r.pePort}`;
}

/** NSR import: preview (nothing stored) and commit (one undoable step). */
export function importHandlers(ctx: HandlerContext): ImportHandlers {
  const preview = (req: ImportRequestDto): ImportPreview =>
    previewImport(
      req.text,
      { topology: ctx.session.db.topology.read(), now: ctx.ports.clock.now().toISOString(), ...(req.fileName ? { fileName: req.fileName } : {}) },
      req.format ? { format: req.format } : {},
    );
  return {
    'import.formats': async () => importers.map((i) => ({ id: i.id, label: i.label })),
    'import.preview': async (req): Promise<ImportPreviewDto> => {
      const p = preview(req);
      return {
        format: p.format,
        detection: p.detection,
        services: p.services.map((s) => serviceFromRequest(s)),
        deletions: p.deletions,
        registrations: (p.registrations ?? []).map(describeRegistration),
        diagnostics: p.diagnostics,
        importable: isImportable(p),
      };
    },
    'import.commit': async (req) => {
      const p = preview(req);
      if (!isImportable(p)) {
        const errors: readonly DiagnosticDto[] = p.diagnostics.filter((d) => d.severity === 'error');
        const first = errors[0];
        throw new CoreError(
          'INVALID_INPUT',
          first ? `Cannot import ${req.fileName ?? 'the document'}: ${first.message}${first.pointer ? ` (at ${first.pointer})` : ''}${errors.length > 1 ? ` and ${errors.length - 1} more problem(s)` : ''}.` : `Nothing to import in ${req.fileName ?? 'the document'}.`,
          { diagnostics: p.diagnostics },
        );
      }
      const label = `import ${req.fileName ?? p.format}`;
      const { outcome, plans } = ctx.session.mutate(label, (db) => {
        const outcome = applyImport(db, p);
        const ids = [...outcome.created, ...outcome.updated];
        const plans = req.plan && ids.length > 0 ? planProject(db, ids).plans : [];
        return { outcome, plans };
      });
      return { format: p.format, ...outcome, diagnostics: [...p.diagnostics, ...outcome.diagnostics], plans, project: ctx.changed(label) };
    },
  };
}
