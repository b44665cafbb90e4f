import { resolve } from 'node:path';
import { planServices } from '../../../../core/service/planning';
import { CoreError } from '../../../../core/util/core-error';
import { labDown, labSwitchDir, labUp, switchSocketNotes } from '../../live-lab/build';
import { applyServiceFlows, removeServiceFlows } from '../../live-lab/apply-flows';
import { labUnavailable } from '../../live-lab/exec';
import { readLiveLab, type LiveLabLayout } from '../../live-lab/layout';
import { labIdOf, parseHostOptions, planLab } from '../../live-lab/lab-plan';
import { probeService } from '../../live-lab/probe';
import { probeText } from '../../live-lab/probe-report';
import { findLink, labStatus, setLink, statusText } from '../../live-lab/status';
import { defaultDataDir } from '../../paths';
import { EXIT, parseOptions, type CliCommand } from '../command';
import { assertPlanned, loadTopology } from '../sources';

const USAGE = `Usage: wicm lab up --project P [--host SEGMENT=ADDR]… [--json] [--data-dir D]
       wicm lab down [--data-dir D]
       wicm lab status [--json] [--data-dir D]
       wicm lab apply --project P [--service S] [--remove] [--data-dir D]
       wicm lab probe --project P --service S [--count N] [--udp] [--json] [--data-dir D]
       wicm lab link-down|link-up --link ID [--data-dir D]

The live lab: the project's WAN on this machine (root, Open vSwitch, network namespaces).
  up        an OVS bridge (userspace datapath) per bridge with the project's datapath ids and
            OpenFlow port numbers, a namespace host per segment (first usable address, or
            --host "SEGMENT=ADDR"), each PoP as a transit VNF (one-flow OVS bridge hairpinning
            frames), links as veth pairs, uplinks through a WAN core bridge with a WAN host
            behind it for the default-route (0.0.0.0/0) segments (first IPv4 address outside
            every other segment, or --host "vbr2 uplink=ADDR"). The WAN bridges
            start with an EMPTY flow table (fail_mode=secure: nothing crosses until the plan's
            flows are installed). Idempotent: a second up reports "already up".
  down      removes exactly what <data-dir>/lab/live.json lists (daemons by pid, namespaces).
  status    daemons, bridges (flows per bridge), hosts, PoPs, link states.
  apply     puts the plan's OpenFlow flows of the service(s) on the lab bridges, one
            ovs-ofctl bundle per bridge (replacing their earlier flows); --remove deletes them.
  probe     sends --count (default 3) ICMP echoes (or UDP datagrams with --udp) from the
            ingress segment's host to the egress segment's host and back, and reports the
            packets each rule and PoP VNF counted, where they stopped, and whether the path
            equals the simulator's.
  link-down / link-up   sets both ends of a link (or uplink) down / up.
  --data-dir D   the data folder whose lab this is (default $WICM_HOME or ~/.wicm-studio)
Exit 0 ok; 2 bad input or no lab possible here (the reason is printed); 4 probe not delivered.`;

export const labCommand: CliCommand = {
  name: 'lab',
  summary: 'Live lab on Open vSwitch: up, down, status, apply, probe, link-down, link-up',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values } = parseOptions(
      rest,
      {
        project: { type: 'string' },
        service: { type: 'string' },
        link: { type: 'string' },
        host: { type: 'string', multiple: true },
        count: { type: 'string' },
        udp: { type: 'boolean' },
        remove: { type: 'boolean' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
      'lab',
    );
    if (!sub || !SUBCOMMANDS.includes(sub)) throw new CoreError('INVALID_INPUT', `say what to do: wicm lab ${SUBCOMMANDS.join('|')}. See 'wicm lab --help'.`);
    const why = labUnavailable();
    if (why) {
      io.err(`wicm lab ${sub}: cannot run a live lab here: ${why}.\n`);
      return EXIT.badInput;
    }
    const dataDir = resolve(io.cwd, values['data-dir'] ?? defaultDataDir());
    const out = (text: string, json: unknown): void => io.out(values.json ? `${JSON.stringify(json, null, 2)}\n` : text);
    const project = async (): Promise<Awaited<ReturnType<typeof loadTopology>>> => {
      if (!values.project) throw new CoreError('INVALID_INPUT', `--project file.wicm is required for wicm lab ${sub}.`);
      return loadTopology(resolve(io.cwd, values.project));
    };
    const running = async (): Promise<LiveLabLayout> => {
      const layout = await readLiveLab(dataDir);
      if (!layout) throw new CoreError('NOT_FOUND', `no lab is up for the data folder ${dataDir}: run wicm lab up --project P first.`);
      return layout;
    };

    switch (sub) {
      case 'up': {
        const source = await project();
        const projectPath = resolve(io.cwd, values.project!);
        const existing = await readLiveLab(dataDir);
        if (existing) {
          const status = await labStatus(existing);
          if (status.up && existing.projectPath === projectPath) {
            out(`Lab ${existing.labId} already up for ${projectPath}.\n${statusText(status)}`, { alreadyUp: true, layout: existing, status });
            return EXIT.ok;
          }
          if (status.up) throw new CoreError('INVALID_INPUT', `a lab of another project (${existing.projectPath}) is up in ${dataDir}: run wicm lab down first.`);
          await labDown(existing, dataDir);
          io.err(`wicm lab up: removed a lab that was no longer running as built (${status.problems.join('; ')}).\n`);
        }
        const plan = planLab(source.topology, labIdOf(dataDir), parseHostOptions(values.host ?? [], source.topology.segments));
        const started = Date.now();
        const layout = await labUp(plan, dataDir, projectPath, new Date());
        const notes = [...plan.notes, ...switchSocketNotes(layout)];
        out(upText(layout, notes, Date.now() - started), { alreadyUp: false, layout, notes, ovsTarget: `unix:${labSwitchDir(layout.runDir)}`, ms: Date.now() - started });
        return EXIT.ok;
      }
      case 'down': {
        const layout = await readLiveLab(dataDir);
        if (!layout) {
          out(`No lab is up for ${dataDir}: nothing to remove.\n`, { removed: [] });
          return EXIT.ok;
        }
        const removed = await labDown(layout, dataDir);
        out(`Lab ${layout.labId} removed: ${removed.join(', ') || 'nothing was left running'}.\n`, { removed });
        return EXIT.ok;
      }
      case 'status': {
        const layout = await readLiveLab(dataDir);
        if (!layout) {
          out(`No lab is up for ${dataDir}.\n`, { up: false });
          return EXIT.ok;
        }
        const status = await labStatus(layout);
        out(statusText(status), status);
        return EXIT.ok;
      }
      case 'apply':
        return apply(await running(), await project(), values.service, values.remove === true, (t, j) => out(t, j));
      case 'probe': {
        const layout = await running();
        const source = await project();
        if (!values.service) throw new CoreError('INVALID_INPUT', '--service is required: the service id or name to probe.');
        const service = findService(source.services, values.service);
        const { plans } = planServices(source.topology, source.services, source.allocations);
        const plan = plans.find((p) => p.serviceId === service.id)!;
        assertPlanned([plan], values.project!);
        const count = values.count === undefined ? 3 : Number(values.count);
        if (!Number.isInteger(count) || count < 1 || count > 1000) throw new CoreError('INVALID_INPUT', `--count '${values.count}' must be a whole number from 1 to 1000.`);
        const report = await probeService(layout, source.topology, service, plan, plans, { count, udp: values.udp === true });
        out(probeText(report), report);
        return report.delivered ? EXIT.ok : 4;
      }
      case 'link-down':
      case 'link-up': {
        const layout = await running();
        if (!values.link) throw new CoreError('INVALID_INPUT', `--link is required. Links: ${layout.links.map((l) => l.linkId).join(', ')}.`);
        const link = findLink(layout, values.link);
        await setLink(layout, dataDir, link, sub === 'link-up');
        out(`Link ${link.linkId} (${link.title}) is ${sub === 'link-up' ? 'up' : 'down'}.\n`, { link: link.linkId, up: sub === 'link-up' });
        return EXIT.ok;
      }
    }
    return EXIT.badInput;
  },
};

const SUBCOMMANDS = ['up', 'down', 'status', 'apply', 'probe', 'link-down', 'link-up'];

function findService<T extends { id: string; name: string }>(services: readonly T[], key: string): T {
  const service = services.find((s) => s.id === key) ?? services.find((s) => s.name === key);
  if (service) return service;
  throw new CoreError('INVALID_INPUT', `--service '${key}': the project has no such service. Services: ${services.map((s) => `"${s.name}" (${s.id})`).join(', ') || 'none'}.`);
}

async function apply(layout: LiveLabLayout, source: Awaited<ReturnType<typeof loadTopology>>, key: string | undefined, remove: boolean, out: (text: string, json: unknown) => void): Promise<number> {
  const services = key ? [findService(source.services, key)] : [...source.services];
  if (remove) {
    const bridges = await removeServiceFlows(layout, services.map((s) => s.id));
    out(`Removed the flows of ${services.map((s) => `"${s.name}"`).join(', ')} from ${bridges} bridges.\n`, { removed: services.map((s) => s.id) });
    return EXIT.ok;
  }
  const { plans } = planServices(source.topology, source.services, source.allocations);
  const chosen = plans.filter((p) => services.some((s) => s.id === p.serviceId));
  assertPlanned(chosen, source.label);
  const { flows, bridges } = await applyServiceFlows(layout, { topology: source.topology, services, plans: chosen });
  out(`Applied ${flows} flows of ${services.length} service(s) to ${bridges} bridges (one bundle each).\n`, { services: services.map((s) => s.id), flows });
  return EXIT.ok;
}

function upText(layout: LiveLabLayout, notes: readonly string[], ms: number): string {
  const lines = [`Lab ${layout.labId} up in ${ms} ms (daemons ${layout.pids.join(', ')}, namespace ${layout.daemonNetns}, run folder ${layout.runDir}):`];
  for (const b of layout.bridges) lines.push(`  bridge ${b.name} = ${b.ovsName} dpid ${b.dpid}, ports ${b.ports.map((p) => `${p.name}:${p.ofport}`).join(' ')}`);
  for (const h of layout.hosts) lines.push(`  host ${h.netns} ${h.address}/${h.prefixLength} (${h.mac}) in segment ${h.segmentName}${h.coreIfname === undefined ? '' : ' (behind the WAN core)'}`);
  for (const p of layout.pops) lines.push(`  PoP ${p.popName} = VNF ${p.ovsName}`);
  for (const l of layout.links) lines.push(`  ${l.kind} ${l.linkId}: ${l.title} (${l.veth.join(' <-> ')})`);
  if (layout.coreBridge) lines.push(`  WAN core ${layout.coreBridge}`);
  for (const n of notes) lines.push(`  note: ${n}`);
  lines.push('  flow tables start empty (fail_mode=secure): apply a plan with wicm lab apply, or push to the lab controllers,');
  lines.push(`  or push with the OVS driver: wicm push --driver ovs --controller unix:${labSwitchDir(layout.runDir)}`);
  return `${lines.join('\n')}\n`;
}
