import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { ExportFileDto, ExportRequestDto } from '../../../../core/contract/api';
import { exportFormats, exportPlans, isNsrFormat, updateYamlText, type ExportFormat } from '../../../../core/export';
import { planServices } from '../../../../core/service/planning';
import { CoreError } from '../../../../core/util/core-error';
import { startEngineHost } from '../../engine-host';
import { defaultDataDir } from '../../paths';
import { createStderrLogger } from '../../platform/logger';
import { EXIT, parseOptions, type CliCommand } from '../command';
import { exportNsr } from './export-nsr';
import { assertPlanned, formatDiagnostics, loadRequest, loadTopology } from '../sources';

const FORMATS = exportFormats.map((f) => f.id).join(', ');

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export plans (plan JSON, VTN requests, curl, ovs-ofctl, ONOS) or the topology',
  usage: `Usage: wicm export --format FORMAT (--project file.wicm [--plan] [--service ID]… |
                   --topology <file> --request <file>) [--teardown] [--tenant vtn1]
                   [--app-id ID] [--lab-prelude] [--out FILE]

Formats: ${FORMATS}.
  --project FILE   export the project's stored plans (--plan computes them first)
  --topology/--request  plan a request over a topology and export it (nothing stored)
  --teardown       what removes the plans instead of what installs them
  --lab-prelude    OVS: add-br/add-port first; VTN: create tenant, vBridges, vInterfaces
  --out FILE       write to FILE instead of standard output; topology-yaml over an existing
                   file updates it in place and keeps its comments
  nsr-* formats    services as NSR / request files (--project only; --service takes an id
                   or a name); several services in one file form a JSON array, --out DIR/
                   writes one file per service`,
  async run(argv, io) {
    const { values } = parseOptions(
      argv,
      {
        format: { type: 'string' },
        project: { type: 'string' },
        plan: { type: 'boolean' },
        service: { type: 'string', multiple: true },
        topology: { type: 'string' },
        request: { type: 'string' },
        teardown: { type: 'boolean' },
        tenant: { type: 'string' },
        'app-id': { type: 'string' },
        'lab-prelude': { type: 'boolean' },
        out: { type: 'string' },
      },
      'export',
    );
    const format = values.format as ExportFormat | undefined;
    if (!format || !exportFormats.some((f) => f.id === format)) throw new CoreError('INVALID_INPUT', `--format must be one of ${FORMATS} (got '${values.format ?? ''}').`);
    const options = {
      ...(values.teardown ? { teardown: true } : {}),
      ...(values.tenant ? { tenant: values.tenant } : {}),
      ...(values['app-id'] ? { appId: values['app-id'] } : {}),
      ...(values['lab-prelude'] ? { labPrelude: true } : {}),
    };
    let file: ExportFileDto;
    if (values.project) {
      if (values.topology || values.request) throw new CoreError('INVALID_INPUT', 'give either --project or --topology with --request, not both.');
      const host = await startEngineHost({ mode: 'cli', logger: createStderrLogger({ quiet: true }), dataDir: defaultDataDir(), projectPath: values.project });
      if (isNsrFormat(format)) {
        await exportNsr(host, format, values.service, values.out, io);
        return EXIT.ok;
      }
      if (values.plan) {
        const planned = await host.dispatch('plan.compute', values.service ? { serviceIds: values.service } : {});
        if (!planned.ok) throw new CoreError(planned.error.code, planned.error.message);
      }
      const req: ExportRequestDto = { format, ...options, ...(values.service ? { serviceIds: values.service } : {}) };
      const reply = await host.dispatch('export.run', req);
      if (!reply.ok) throw new CoreError(reply.error.code, reply.error.message, reply.error.details);
      file = reply.value as ExportFileDto;
    } else {
      if (isNsrFormat(format)) throw new CoreError('INVALID_INPUT', `--format ${format} exports the services of a project: give --project.`);
      if (!values.topology) throw new CoreError('INVALID_INPUT', "--project, or --topology (with --request), is required. See 'wicm export --help'.");
      const source = await loadTopology(values.topology);
      const services = values.request ? (await loadRequest(values.request, source.topology, new Date())).services : [];
      const { plans } = planServices(source.topology, services, source.allocations);
      assertPlanned(plans, values.request ?? values.topology);
      file = exportPlans(format, { topology: source.topology, services, plans }, options);
    }
    const notes = file.diagnostics.filter((d) => d.severity !== 'info');
    if (notes.length > 0) io.err(`${formatDiagnostics(file.fileName, notes)}\n`);
    // A YAML topology written over an existing file updates it in place: its comments stay.
    if (values.out && format === 'topology-yaml' && existsSync(values.out)) file = { ...file, text: updateYamlText(await readFile(values.out, 'utf8'), file.text) };
    if (values.out) await writeFile(values.out, file.text, { mode: file.mediaType === 'text/x-shellscript' ? 0o755 : 0o644 });
    else io.out(file.text);
    return EXIT.ok;
  },
};
