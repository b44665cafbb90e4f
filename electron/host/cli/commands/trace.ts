import { planServices } from '../../../../core/service/planning';
import { Simulator } from '../../../../core/sim';
import { CoreError } from '../../../../core/util/core-error';
import { EXIT, parseOptions, type CliCommand } from '../command';
import { assertPlanned, loadRequest, loadTopology } from '../sources';

export const traceCommand: CliCommand = {
  name: 'trace',
  summary: 'Trace a packet hop by hop through the planned redirections',
  usage: `Usage: wicm trace --topology <wim_info.db | file.wicm | topology.json> [--request <file>]
                  --src IP --dst IP [--down ID[,ID…]] [--json]

Plans --request (if given) on top of the project's services, then follows a packet from --src to
--dst: ingress port by longest-prefix match, redirect filters in index order, uplinks and links,
to a disposition (DELIVERED, NO_MATCHING_SEGMENT, REDIRECT_TO_MISSING_PORT, LOOP, DROPPED).
  --down IDS  element ids (ports, bridges, links) to treat as down (what-if)
  --json      print the trace as JSON
Exit 0 when DELIVERED, 4 for any other disposition, 2 for bad input.`,
  async run(argv, io) {
    const { values } = parseOptions(
      argv,
      { topology: { type: 'string' }, request: { type: 'string' }, src: { type: 'string' }, dst: { type: 'string' }, down: { type: 'string' }, json: { type: 'boolean' } },
      'trace',
    );
    if (!values.topology || !values.src || !values.dst) throw new CoreError('INVALID_INPUT', "--topology, --src and --dst are required. See 'wicm trace --help'.");
    const source = await loadTopology(values.topology);
    const requested = values.request ? (await loadRequest(values.request, source.topology, new Date())).services : [];
    const services = [...source.services.filter((s) => !requested.some((r) => r.id === s.id)), ...requested];
    const { plans } = planServices(source.topology, services, source.allocations);
    assertPlanned(plans.filter((p) => requested.some((r) => r.id === p.serviceId)), values.request ?? values.topology);
    const down = values.down ? values.down.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const result = new Simulator(source.topology, plans, { down }).trace({ src: values.src, dst: values.dst });
    if (values.json) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const names = new Map(source.topology.ports.map((p) => [p.id, p]));
      const bridges = new Map(source.topology.bridges.map((b) => [b.id, b.name]));
      result.hops.forEach((hop, i) => {
        const port = names.get(hop.portId);
        const where = port ? `${bridges.get(port.bridgeId) ?? hop.bridgeId}/${port.name}` : hop.portId;
        const rule = hop.ruleServiceId ? ` [${hop.ruleServiceId} #${hop.filterIndex ?? '?'}]` : '';
        io.out(`${String(i + 1).padStart(3)}  ${hop.action.padEnd(8)} ${where}${rule}${hop.note ? `  ${hop.note}` : ''}\n`);
      });
      io.out(`${result.disposition}: ${result.reason}\n`);
    }
    return result.disposition === 'DELIVERED' ? EXIT.ok : 4;
  },
};
