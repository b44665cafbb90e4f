import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFileDto, TopologySnapshotDto } from '../../../../core/contract/api';
import type { ServiceDto } from '../../../../core/contract/dto';
import { safeFileStem, type NsrFormat } from '../../../../core/export';
import { CoreError } from '../../../../core/util/core-error';
import type { EngineHost } from '../../engine-host';
import type { CliIo } from '../command';
import { formatDiagnostics } from '../sources';

/**
 * `wicm export --format nsr-… --project P [--service ID-or-name]… [--out F | --out DIR/]`:
 * one document per service, a JSON array for several in one file, or one file per service
 * (`<service id>.<format>.json`) when `--out` ends in a slash or names a folder. Warnings go to
 * standard error.
 */
export async function exportNsr(host: EngineHost, format: NsrFormat, selectors: readonly string[] | undefined, out: string | undefined, io: CliIo): Promise<void> {
  const snapshot = await host.dispatch('topology.get', {});
  if (!snapshot.ok) throw new CoreError(snapshot.error.code, snapshot.error.message);
  const { services } = snapshot.value as TopologySnapshotDto;
  const ids = selectors ? selectors.map((s) => resolveService(services, s).id) : services.map((s) => s.id);
  const run = async (serviceIds: readonly string[]): Promise<ExportFileDto> => {
    const reply = await host.dispatch('export.run', { format, serviceIds });
    if (!reply.ok) throw new CoreError(reply.error.code, reply.error.message, reply.error.details);
    const file = reply.value as ExportFileDto;
    const notes = file.diagnostics.filter((d) => d.severity !== 'info');
    if (notes.length > 0) io.err(`${formatDiagnostics(file.fileName, notes)}\n`);
    return file;
  };
  if (out !== undefined && (await isFolder(out))) {
    await mkdir(out, { recursive: true });
    for (const id of ids) {
      const file = await run([id]);
      await writeFile(join(out, `${safeFileStem(id)}.${format}.json`), file.text);
    }
    io.err(`${ids.length} file(s) written to ${out}\n`);
    return;
  }
  const file = await run(ids);
  if (out !== undefined) await writeFile(out, file.text);
  else io.out(file.text);
}

/** A service by id, else by name (exact, then ignoring case); an ambiguous or unknown name is refused. */
export function resolveService(services: readonly ServiceDto[], selector: string): ServiceDto {
  const byId = services.find((s) => s.id === selector);
  if (byId) return byId;
  for (const same of [(s: ServiceDto) => s.name === selector, (s: ServiceDto) => s.name.toLowerCase() === selector.toLowerCase()]) {
    const found = services.filter(same);
    if (found.length === 1 && found[0]) return found[0];
    if (found.length > 1) {
      throw new CoreError('INVALID_INPUT', `--service '${selector}' names ${found.length} services (ids ${found.map((s) => s.id).join(', ')}); give the id.`);
    }
  }
  const known = services.slice(0, 10).map((s) => `${s.name} (${s.id})`).join(', ');
  throw new CoreError('NOT_FOUND', `--service '${selector}' is neither the id nor the name of a service of the project. Services: ${known || 'none'}.`);
}

/** `--out DIR/` (trailing slash) or an existing folder. */
async function isFolder(path: string): Promise<boolean> {
  if (path.endsWith('/') || path.endsWith('\\')) return true;
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
