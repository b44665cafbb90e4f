import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportCommitDto } from '../../../../core/contract/api';
import { CoreError } from '../../../../core/util/core-error';
import { startEngineHost } from '../../engine-host';
import { defaultDataDir } from '../../paths';
import { createStderrLogger } from '../../platform/logger';
import { EXIT, parseOptions, type CliCommand } from '../command';
import { formatDiagnostics, loadTopology } from '../sources';
import { exportPlans } from '../../../../core/export';
import { isSqliteFile } from '../../../../core/store/project-db';
import { isTopologyYaml } from '../../../../core/store/documents';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import NSRs / requests, or a topology, into a project file',
  usage: `Usage: wicm import <file>… --project file.wicm [--create] [--format ID] [--plan]

Imports each file into the project and saves it (atomically):
  - an NSR / request (Open Baton, demi-wicm flows, T-NOVA, Katana, SOL005, OSM): services are
    created or updated by record id (never duplicated); a release/terminate deletes them;
  - a topology: WICM topology JSON ("schema": "wicm-topology/1"), WICM topology YAML
    ("schema: wicm-topology-yaml/1") or demi-wicm's wim_info.db
    replaces the project's topology (services are kept).
  --create   start a new empty project when file.wicm does not exist yet
  --plan     also compute the plans of the imported services
Exit 2 with one line per problem when a file cannot be imported (nothing is saved then).`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { project: { type: 'string' }, create: { type: 'boolean' }, format: { type: 'string' }, plan: { type: 'boolean' } }, 'import', true);
    if (!values.project) throw new CoreError('INVALID_INPUT', "--project file.wicm is required. See 'wicm import --help'.");
    if (positionals.length === 0) throw new CoreError('INVALID_INPUT', 'give at least one file to import.');
    const create = values.create === true && !existsSync(values.project);
    if (!create && !existsSync(values.project)) {
      throw new CoreError('NOT_FOUND', `--project ${values.project}: no such file. Add --create to start a new project there.`);
    }
    const host = await startEngineHost({
      mode: 'cli',
      logger: createStderrLogger({ quiet: true }),
      dataDir: defaultDataDir(),
      ...(create ? { template: 'empty' as const } : { projectPath: values.project }),
    });
    for (const file of positionals) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        throw new CoreError('NOT_FOUND', `${file}: no such file.`);
      }
      const topology = await topologyText(bytes, file);
      if (topology !== null) {
        const replaced = await host.dispatch('topology.import', { text: topology });
        if (!replaced.ok) throw new CoreError('INVALID_INPUT', `${file}: ${replaced.error.message}`);
        io.out(`${file}: topology imported\n`);
        continue;
      }
      const text = bytes.toString('utf8');
      const reply = await host.dispatch('import.commit', { text, fileName: basename(file), ...(values.format ? { format: values.format } : {}), ...(values.plan ? { plan: true } : {}) });
      if (!reply.ok) {
        const diagnostics = (reply.error.details as { diagnostics?: [] } | undefined)?.diagnostics;
        throw new CoreError('INVALID_INPUT', diagnostics ? formatDiagnostics(file, diagnostics.filter((d: { severity: string }) => d.severity === 'error')) : `${file}: ${reply.error.message}`);
      }
      const done = reply.value as ImportCommitDto;
      const failed = done.plans.filter((p) => p.diagnostics.some((d) => d.severity === 'error')).length;
      io.out(
        `${file}: ${done.format}: ${done.created.length} created, ${done.updated.length} updated, ${done.deleted.length} deleted` +
          `${done.alreadyAbsent.length ? `, ${done.alreadyAbsent.length} already absent` : ''}${done.registered.length ? `, registered ${done.registered.join('; ')}` : ''}` +
          `${values.plan ? `, ${done.plans.length - failed} planned, ${failed} failed` : ''}\n`,
      );
      const notes = done.diagnostics.filter((d) => d.severity !== 'info');
      if (notes.length > 0) io.err(`${formatDiagnostics(file, notes)}\n`);
    }
    const saved = await host.dispatch(create ? 'project.saveAs' : 'project.save', create ? { path: values.project } : {});
    if (!saved.ok) throw new CoreError('INVALID_INPUT', saved.error.message);
    return EXIT.ok;
  },
};

/** Topology text when the file is a topology (WICM topology JSON or YAML, a demi-wicm wim_info.db), else null. */
async function topologyText(bytes: Buffer, file: string): Promise<string | null> {
  if (isSqliteFile(bytes)) {
    const { topology } = await loadTopology(file);
    return exportPlans('topology-json', { topology, services: [], plans: [] }).text;
  }
  const head = bytes.subarray(0, 4096).toString('utf8');
  if (/"schema"\s*:\s*"wicm-topology\/1"/.test(head)) return bytes.toString('utf8');
  const text = bytes.toString('utf8');
  return isTopologyYaml(text) ? text : null;
}
