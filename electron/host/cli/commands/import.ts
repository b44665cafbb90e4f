import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportCommitDto } from '../../../../core/contract/api';
import { CoreError } from '../../../../core/util/core-error';
import { startEngineHost } from '../../engine-host';
import { defaultDataDir } from '../../paths';
import { createStderrLogger } from '../../platform/logger';
import { EXIT, parseOptions, type CliCommand } from '../command';
import { formatDiagnostics } from '../sources';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import NSRs / requests into a project file (services, registrations, deletions)',
  usage: `Usage: wicm import <file>… --project file.wicm [--format ID] [--plan]

Imports each file into the project and saves it (atomically). Re-importing a record updates its
service instead of duplicating it; an Open Baton release event deletes its service (again: no-op).
  --plan     also compute the plans of the imported services
Exit 2 with one line per problem when a file cannot be imported (nothing is saved then).`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { project: { type: 'string' }, format: { type: 'string' }, plan: { type: 'boolean' } }, 'import', true);
    if (!values.project) throw new CoreError('INVALID_INPUT', "--project file.wicm is required. See 'wicm import --help'.");
    if (positionals.length === 0) throw new CoreError('INVALID_INPUT', 'give at least one file to import.');
    const host = await startEngineHost({ mode: 'cli', logger: createStderrLogger({ quiet: true }), dataDir: defaultDataDir(), projectPath: values.project });
    for (const file of positionals) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new CoreError('NOT_FOUND', `${file}: no such file.`);
      }
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
    const saved = await host.dispatch('project.save', {});
    if (!saved.ok) throw new CoreError('INVALID_INPUT', saved.error.message);
    return EXIT.ok;
  },
};
