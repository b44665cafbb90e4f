import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { previewImport } from '../../../../core/import';
import { isImportable } from '../../../../core/service/handlers/imports';
import { CoreError } from '../../../../core/util/core-error';
import { EXIT, parseOptions, type CliCommand } from '../command';
import { loadTopology } from '../sources';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Detect an NSR / request format and show the services it describes',
  usage: `Usage: wicm inspect <file> [--project file.wicm | --topology <file>] [--format ID]

Prints {"format","services":[{id,name,inSegment,outSegment,chain,reverseChain}],
"diagnostics":[{severity,pointer,message}]} as JSON. With a project or topology, PoP names are
checked against its PoPs (with "did you mean"). Formats: openbaton, demi-flows, tnova, katana,
sol005, osm (detected unless --format forces one).
Exit 0 when importable, 2 with the diagnostics when not.`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { project: { type: 'string' }, topology: { type: 'string' }, format: { type: 'string' } }, 'inspect', true);
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new CoreError('INVALID_INPUT', "give exactly one file to inspect. See 'wicm inspect --help'.");
    const source = values.project ?? values.topology;
    const topology = source ? (await loadTopology(source)).topology : undefined;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new CoreError('NOT_FOUND', `${file}: no such file.`);
    }
    const preview = previewImport(text, { now: new Date().toISOString(), fileName: basename(file), ...(topology ? { topology } : {}) }, values.format ? { format: values.format } : {});
    const report = {
      format: preview.format,
      services: preview.services.map((s) => ({ id: s.id, name: s.name, inSegment: s.inSegment, outSegment: s.outSegment, chain: s.chain, reverseChain: s.reverseChain })),
      ...(preview.deletions.length > 0 ? { deletions: preview.deletions } : {}),
      diagnostics: preview.diagnostics.map((d) => ({ severity: d.severity, pointer: d.pointer ?? '', message: d.hint ? `${d.message} (${d.hint})` : d.message })),
    };
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return isImportable(preview) ? EXIT.ok : EXIT.badInput;
  },
};
