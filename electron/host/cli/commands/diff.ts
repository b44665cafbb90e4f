import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { diffProjects, diffText, type DiffSide } from '../../../../core/diff';
import { readDiffSide } from '../../../../core/service/compare';
import { CoreError } from '../../../../core/util/core-error';
import { loadSqlEngine } from '../../platform/sqljs';
import { EXIT, parseOptions, type CliCommand } from '../command';

/** Reads one side of `wicm diff`: the reader (project, topology file…) is picked by content. */
export async function readSideFile(path: string): Promise<DiffSide> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message;
    throw new CoreError(code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT', `${path}: ${why}. Give a .wicm project or a topology file.`);
  }
  return readDiffSide(await loadSqlEngine(), bytes, basename(path));
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Compare two projects or topology files: topology, services, rules per bridge',
  usage: `Usage: wicm diff A B [--json]

A and B are .wicm projects or topology files (A before, B after). Reports topology elements
added (+), removed (-) or changed (~) field by field, service changes (chain, segments, state,
allocations) and the rules each side's plans add or remove on each bridge. Elements are
matched by id, else by name.
  --json   the diff as JSON for tools

Exit codes: 0 identical, 1 different, 2 bad input.`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' } }, 'diff', true);
    if (positionals.length !== 2) {
      throw new CoreError('INVALID_INPUT', `give exactly two files to compare (got ${positionals.length}). See 'wicm diff --help'.`);
    }
    const [a, b] = await Promise.all(positionals.map(readSideFile));
    const diff = diffProjects(a!, b!);
    io.out(values.json ? `${JSON.stringify(diff, null, 2)}\n` : diffText(diff));
    return diff.identical ? EXIT.ok : EXIT.different;
  },
};
