import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DiagnosticDto, PlanDto, ServiceDto, TopologyDto } from '../../../core/contract/dto';
import { isTopologyYaml, parseTopologyJson, parseTopologyYaml } from '../../../core/store/documents';
import { previewImport } from '../../../core/import';
import { emptyAllocations, planErrors, type Allocations } from '../../../core/plan';
import { serviceFromRequest, readAllocations } from '../../../core/service/planning';
import { importDemiWimDb, isDemiWimDb } from '../../../core/store/demi-wim-db';
import { isSqliteFile, ProjectDb } from '../../../core/store/project-db';
import { CoreError } from '../../../core/util/core-error';
import { loadSqlEngine } from '../platform/sqljs';

/** A topology loaded for a CLI run, with the services and allocations it already holds. */
export interface TopologySource {
  readonly label: string;
  readonly kind: 'project' | 'demi-wim-db' | 'topology-json' | 'topology-yaml';
  readonly topology: TopologyDto;
  readonly services: readonly ServiceDto[];
  readonly allocations: Allocations;
  readonly diagnostics: readonly DiagnosticDto[];
}

/** Reads `--topology`: a `.wicm` project, demi-wicm's `wim_info.db`, topology JSON or YAML. */
export async function loadTopology(path: string): Promise<TopologySource> {
  const bytes = await readInput(path, '--topology');
  const label = basename(path);
  if (isSqliteFile(bytes)) {
    const sql = await loadSqlEngine();
    if (isDemiWimDb(sql, bytes)) {
      const { topology, diagnostics } = importDemiWimDb(sql, bytes, label);
      return { label, kind: 'demi-wim-db', topology, services: [], allocations: emptyAllocations(), diagnostics };
    }
    const db = ProjectDb.open(sql, bytes, label);
    try {
      return { label, kind: 'project', topology: db.topology.read(), services: db.services.read(), allocations: readAllocations(db), diagnostics: [] };
    } finally {
      db.close();
    }
  }
  const text = new TextDecoder().decode(bytes);
  if (isTopologyYaml(text)) return { label, kind: 'topology-yaml', topology: parseTopologyYaml(text).topology, services: [], allocations: emptyAllocations(), diagnostics: [] };
  const { topology } = parseTopologyJson(text);
  return { label, kind: 'topology-json', topology, services: [], allocations: emptyAllocations(), diagnostics: [] };
}

/** Reads `--request`: any supported NSR / WICM request format, as services. */
export async function loadRequest(path: string, topology: TopologyDto, now: Date): Promise<{ readonly format: string; readonly services: ServiceDto[]; readonly diagnostics: readonly DiagnosticDto[] }> {
  const bytes = await readInput(path, '--request');
  const label = basename(path);
  const preview = previewImport(new TextDecoder().decode(bytes), { topology, fileName: label, now: now.toISOString() });
  const errors = preview.diagnostics.filter((d) => d.severity === 'error');
  if (preview.services.length === 0 || errors.length > 0) {
    throw new CoreError('INVALID_INPUT', formatDiagnostics(label, errors.length > 0 ? errors : preview.diagnostics) || `${label}: no service in this request.`);
  }
  return { format: preview.format, services: preview.services.map((r) => serviceFromRequest(r, 'planned')), diagnostics: preview.diagnostics };
}

/** Refuses plans that could not be made (exit 2), one line per error, labelled with the input. */
export function assertPlanned(plans: readonly PlanDto[], label: string): void {
  const errors = plans.flatMap(planErrors);
  if (errors.length > 0) throw new CoreError('INVALID_INPUT', formatDiagnostics(label, errors));
}

/** One line per diagnostic: `file#/pointer: message (hint)`. */
export function formatDiagnostics(label: string, diagnostics: readonly DiagnosticDto[]): string {
  return diagnostics
    .map((d) => `${label}${d.pointer ? `#${d.pointer}` : ''}: ${d.severity}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`)
    .join('\n');
}

async function readInput(path: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CoreError(code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT', `${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message}.`);
  }
}
