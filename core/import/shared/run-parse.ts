import type { ImportResult, TopologyRegistration } from '../../model';
import type { ImportContext } from '../types';
import { DiagnosticSink } from './diagnostics';
import type { ServiceDraft } from './draft';
import { finishServices } from './finish';
import { PopDirectory } from './pop-directory';
import { Checker } from './check';

/** What a format parser hands to the shared tail. */
export interface ParseOutput {
  readonly drafts: readonly ServiceDraft[];
  readonly deletions: readonly string[];
  readonly registrations?: readonly TopologyRegistration[];
}

/** What a format parser works with. */
export interface ParseEnv {
  readonly ctx: ImportContext;
  readonly sink: DiagnosticSink;
  readonly read: Checker;
  readonly pops: PopDirectory;
}

/**
 * Runs a format parser with the shared tail (checks, provenance) and the guarantees of the
 * `Importer` contract: nothing throws, and a result with nothing to import has an error.
 */
export function runParse(
  format: string,
  doc: unknown,
  ctx: ImportContext,
  parse: (doc: unknown, env: ParseEnv) => ParseOutput,
): ImportResult {
  const sink = new DiagnosticSink();
  try {
    const pops = new PopDirectory(ctx.topology);
    const out = parse(doc, { ctx, sink, read: new Checker(sink), pops });
    const registrations = out.registrations ?? [];
    const nfviNames = registrations.flatMap((r) => (r.kind === 'nfvi' ? [r.id] : []));
    const checkPops = nfviNames.length > 0 ? new PopDirectory(ctx.topology, nfviNames) : pops;
    const services = finishServices(format, out.drafts, ctx, checkPops, sink);
    const deletions = [...new Set(out.deletions)];
    if (services.length === 0 && deletions.length === 0 && registrations.length === 0 && sink.errorCount === 0) {
      sink.error(
        'NOTHING_TO_IMPORT',
        '',
        `The document was read as ${format} but holds no service, deletion or registration to import.`,
      );
    }
    return {
      format,
      services,
      deletions,
      diagnostics: sink.list(),
      ...(registrations.length > 0 ? { registrations } : {}),
    };
  } catch (e) {
    sink.error(
      'IMPORTER_FAILED',
      '',
      `The ${format} importer failed unexpectedly: ${e instanceof Error ? e.message : String(e)}.`,
      'This is a bug in WICM Studio; please report it with the input file.',
    );
    return { format, services: [], deletions: [], diagnostics: sink.list() };
  }
}
