import { writeFile } from 'node:fs/promises';
import { exportPlans } from '../../../../core/export';
import { planServices } from '../../../../core/service/planning';
import { CoreError } from '../../../../core/util/core-error';
import { EXIT, parseOptions, type CliCommand } from '../command';
import { assertPlanned, formatDiagnostics, loadRequest, loadTopology } from '../sources';

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Compute the redirections of a service request over a topology',
  usage: `Usage: wicm plan --topology <wim_info.db | file.wicm | topology.json> --request <file>
                 [--export json|odl-vtn] [--tenant vtn1] [--out FILE]

Plans the services in --request (a demi-wicm flows body or any supported NSR format) over the
topology, on top of the allocations the project already holds.
  --export json     the plan: services, hops, rules, allocations, lint (default)
  --export odl-vtn  {"requests":[{method,path,body}]} for OpenDaylight VTN, in push order
  --tenant NAME     VTN tenant (default vtn1)
  --out FILE        write to FILE instead of standard output
Exit 2 with one line per problem when the request cannot be planned.`,
  async run(argv, io) {
    const { values } = parseOptions(
      argv,
      { topology: { type: 'string' }, request: { type: 'string' }, export: { type: 'string' }, tenant: { type: 'string' }, out: { type: 'string' } },
      'plan',
    );
    if (!values.topology || !values.request) throw new CoreError('INVALID_INPUT', "--topology and --request are required. See 'wicm plan --help'.");
    const format = values.export ?? 'json';
    if (format !== 'json' && format !== 'odl-vtn') throw new CoreError('INVALID_INPUT', `--export '${format}' is not one of json, odl-vtn.`);
    const source = await loadTopology(values.topology);
    const request = await loadRequest(values.request, source.topology, new Date());
    const result = planServices(source.topology, request.services, source.allocations);
    assertPlanned(result.plans, values.request);
    const input = { topology: source.topology, services: request.services, plans: result.plans, lint: result.lint };
    const output = exportPlans(format === 'odl-vtn' ? 'odl-vtn' : 'plan-json', input, values.tenant ? { tenant: values.tenant } : {});
    for (const d of [...request.diagnostics, ...output.diagnostics, ...result.lint].filter((x) => x.severity !== 'info')) {
      io.err(`${formatDiagnostics(values.request, [d])}\n`);
    }
    if (values.out) await writeFile(values.out, output.text);
    else io.out(output.text.endsWith('\n') ? output.text : `${output.text}\n`);
    return EXIT.ok;
  },
};
