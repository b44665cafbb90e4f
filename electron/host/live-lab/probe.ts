/**
 * `wicm lab probe`: real packets from the ingress segment's host to the egress segment's host and
 * back (ICMP echo with `ping`, or UDP datagrams echoed by a small Node responder), then the
 * counters of the plan's flows (found by cookie) and of the PoP VNFs, read until they settle.
 */
import { spawn } from 'node:child_process';
import type { PlanDto, ServiceDto, TopologyDto } from '../../../core/contract/dto';
import { isAddressInPrefix } from '../../../core/net';
import { Simulator } from '../../../core/sim';
import { CoreError } from '../../../core/util/core-error';
import { hasProgram, labPath, run } from './exec';
import { firstUsable } from './lab-plan';
import { findFlow, labFlows, parseDumpFlows, type DumpedFlow, type LabFlowPath } from './flow-table';
import type { LiveHost, LiveLabLayout } from './layout';
import { directionReport, portNamer, type ProbeReport } from './probe-report';

export interface ProbeOptions {
  readonly count: number;
  readonly udp: boolean;
}

const UDP_PORT = 7;
const INTERVAL_MS = 100;

/** Probes one planned service on a running lab. */
export async function probeService(layout: LiveLabLayout, topology: TopologyDto, service: ServiceDto, plan: PlanDto, plans: readonly PlanDto[], options: ProbeOptions): Promise<ProbeReport> {
  if (!options.udp && !hasProgram('ping')) throw new CoreError('INVALID_INPUT', 'ICMP probes need ping (apt-get install -y iputils-ping); or probe with --udp.');
  if (options.udp && !layout.hostTxChecksumOff) {
    throw new CoreError('INVALID_INPUT', 'UDP probes need the hosts\' transmit checksum offload off (the userspace datapath leaves offloaded UDP checksums unfilled, so the echo would be dropped): apt-get install -y ethtool, then wicm lab down and wicm lab up; or probe with ICMP.');
  }
  const started = Date.now();
  const fromHost = hostIn(layout, topology, plan.forward.hops[0]?.portId, plan.forward.src, 'source');
  const toHost = hostIn(layout, topology, plan.forward.hops.at(-1)?.portId, plan.forward.dst, 'destination');
  // A service narrower than its segment (a /32 of one customer) is probed from an address of its
  // own prefix, added to the host for the probe and removed after it.
  const from = isAddressInPrefix(fromHost.address, plan.forward.src) ? fromHost : { ...fromHost, address: firstUsable(plan.forward.src) };
  const to = isAddressInPrefix(toHost.address, plan.forward.dst) ? toHost : { ...toHost, address: firstUsable(plan.forward.dst) };
  const extra = [from, to].filter((h, i) => h.address !== [fromHost, toHost][i]!.address);
  for (const h of extra) {
    const other = h === from ? to : from;
    await run('ip', ['-n', h.netns, 'address', 'add', `${h.address}/${h.prefixLength}`, 'dev', h.ifname]);
    await run('ip', ['-n', other.netns, 'neigh', 'replace', h.address, 'lladdr', h.mac, 'dev', other.ifname, 'nud', 'permanent']);
  }
  try {
    return await probeWith(layout, topology, service, plan, plans, options, from, to, started);
  } finally {
    for (const h of extra) {
      const other = h === from ? to : from;
      await run('ip', ['-n', h.netns, 'address', 'del', `${h.address}/${h.prefixLength}`, 'dev', h.ifname], { allowFail: true });
      await run('ip', ['-n', other.netns, 'neigh', 'del', h.address, 'dev', other.ifname], { allowFail: true });
    }
  }
}

async function probeWith(layout: LiveLabLayout, topology: TopologyDto, service: ServiceDto, plan: PlanDto, plans: readonly PlanDto[], options: ProbeOptions, from: LiveHost, to: LiveHost, started: number): Promise<ProbeReport> {
  const paths = labFlows(layout, { topology, services: [service], plans: [plan] });
  const bridges = [...new Set(paths.flatMap((p) => p.flows.map((f) => f.ovsName)))];
  const before = await readCounters(layout, bridges);
  const received = options.udp ? await udpProbe(from, to, options.count) : await icmpProbe(from, to, options.count);
  const after = await settle(layout, bridges, paths, options.count);
  const down = downLinks(layout, await linkStates(layout));
  // The simulator traces this service's plan (what apply put on the bridges) and is told which links are down, so a real loss matches a simulated one.
  const sim = new Simulator(topology, [plan], { down: layout.links.filter((l) => down.has(l.portIds[0])).map((l) => (l.kind === 'link' ? l.linkId : l.portIds[0])) });
  const counts = (direction: 'forward' | 'reverse'): Map<number, number | null> => {
    const path = paths.find((p) => p.direction === direction)!;
    return new Map(path.flows.map(({ flow, ovsName }) => {
      const now = findFlow(after.get(ovsName) ?? [], flow);
      const was = findFlow(before.get(ovsName) ?? [], flow);
      return [flow.seq, now ? now.packets - (was?.packets ?? 0) : null];
    }));
  };
  // Hops whose flow on the bridge discards (a lab controller compiled a drop for them).
  const drops = (direction: 'forward' | 'reverse'): Set<number> => {
    const path = paths.find((p) => p.direction === direction)!;
    return new Set(path.flows.filter(({ flow, ovsName }) => /^(drop)?$/.test(findFlow(after.get(ovsName) ?? [], flow)?.actions.trim() ?? 'x')).map(({ flow }) => flow.seq));
  };
  const forward = directionReport(topology, plan.forward, counts('forward'), options.count, sim.trace({ src: from.address, dst: to.address }), down, drops('forward'));
  const reverse = directionReport(topology, plan.reverse, counts('reverse'), forward.delivered ? options.count : 0, sim.trace({ src: to.address, dst: from.address }), down, drops('reverse'));
  const popCounters = layout.pops
    .map((pop) => {
      const visits = [...forward.popsPlanned, ...reverse.popsPlanned].filter((p) => p === pop.popName).length;
      const delta = (after.get(pop.ovsName)?.[0]?.packets ?? 0) - (before.get(pop.ovsName)?.[0]?.packets ?? 0);
      return { pop: pop.popName, packets: delta, expected: visits * options.count };
    })
    .filter((p) => p.expected > 0 || p.packets > 0);
  const delivered = received === options.count && forward.delivered && reverse.delivered && forward.popsVisited.length === forward.popsPlanned.length && reverse.popsVisited.length === reverse.popsPlanned.length && popCounters.every((p) => p.packets >= p.expected);
  return {
    serviceId: service.id,
    serviceName: service.name,
    protocol: options.udp ? 'udp' : 'icmp',
    from: { host: from.netns, address: from.address },
    to: { host: to.netns, address: to.address },
    sent: options.count,
    received,
    forward,
    reverse,
    popCounters,
    delivered,
    durationMs: Date.now() - started,
  };
}

function hostIn(layout: LiveLabLayout, topology: TopologyDto, portId: string | undefined, prefix: string, role: string): LiveHost {
  const onPort = layout.hosts.filter((h) => h.portId === portId);
  const host = onPort.find((h) => isAddressInPrefix(h.address, prefix));
  if (host) return host;
  if (onPort.length === 0 || !role) {
    const peer = layout.bridges.flatMap((b) => b.ports).find((p) => p.portId === portId)?.peer.kind;
    const behind = peer === 'uplink' ? 'an uplink into the WAN core, where the lab has no host' : peer === 'pop' ? "a PoP's transit VNF" : peer === 'link' ? 'a link to another bridge' : 'no segment';
    const where = portId ? `${portNamer(topology)(portId)} (${behind})` : 'no port';
    throw new CoreError('INVALID_INPUT', `The lab has no host on the service's ${role} port ${where}: the ${role} prefix ${prefix} is planned there, so no probe can reach it. Probe a service whose ${role} is a segment with a host.`);
  }
  return onPort[0]!;
}


/** Dumps of some bridges and every PoP VNF, by OVS bridge name. */
export async function readCounters(layout: LiveLabLayout, bridges: readonly string[]): Promise<Map<string, DumpedFlow[]>> {
  const out = new Map<string, DumpedFlow[]>();
  for (const name of [...bridges, ...layout.pops.map((p) => p.ovsName)]) {
    const { stdout } = await run('ovs-ofctl', ['--no-names', 'dump-flows', name], { runDir: layout.runDir });
    out.set(name, parseDumpFlows(stdout));
  }
  return out;
}

/**
 * Reads the counters until they settle: the userspace datapath pushes its statistics to the
 * flow table on revalidation (about a second), so each read first waits for a revalidator round
 * and the loop ends when every flow reached the expected count or two reads agree.
 */
async function settle(layout: LiveLabLayout, bridges: readonly string[], paths: readonly LabFlowPath[], expected: number): Promise<Map<string, DumpedFlow[]>> {
  let last = '';
  let counters = new Map<string, DumpedFlow[]>();
  for (let round = 0; round < 20; round += 1) {
    await run('ovs-appctl', ['revalidator/wait'], { runDir: layout.runDir });
    counters = await readCounters(layout, bridges);
    const all = paths.flatMap((p) => p.flows.map(({ flow, ovsName }) => findFlow(counters.get(ovsName) ?? [], flow)?.packets ?? -1));
    const key = JSON.stringify([...counters].map(([b, flows]) => [b, flows.map((f) => f.packets)]));
    if (all.every((n) => n >= expected) && round > 0) break;
    if (key === last) break;
    last = key;
  }
  return counters;
}

async function icmpProbe(from: LiveHost, to: LiveHost, count: number): Promise<number> {
  const { stdout } = await run('ip', ['netns', 'exec', from.netns, 'ping', '-n', '-q', '-c', String(count), '-i', String(INTERVAL_MS / 1000), '-W', '1', '-I', from.address, to.address], { allowFail: true });
  return Number(/(\d+) (?:packets )?received/.exec(stdout)?.[1] ?? 0);
}

const RESPONDER = `const s=require('dgram').createSocket(process.argv[1].includes(':')?'udp6':'udp4');
s.on('message',(m,r)=>s.send(m,r.port,r.address));
s.bind(Number(process.argv[2]),process.argv[1],()=>process.stdout.write('ready\\n'));
setTimeout(()=>process.exit(0),Number(process.argv[3]));`;

const SENDER = `const [src,dst,port,count,interval]=process.argv.slice(1);const s=require('dgram').createSocket(dst.includes(':')?'udp6':'udp4');
let got=0;s.on('message',()=>{got++;});
s.bind(0,src,()=>{let i=0;const t=setInterval(()=>{s.send('wicm-probe-'+i,Number(port),dst);if(++i>=Number(count)){clearInterval(t);setTimeout(()=>{process.stdout.write(String(got)+'\\n');process.exit(0);},1000);}},Number(interval));});`;

/** UDP datagrams from `from` to an echo responder on `to`; resolves to the replies received. */
async function udpProbe(from: LiveHost, to: LiveHost, count: number): Promise<number> {
  const lifetime = count * INTERVAL_MS + 5000;
  const env = { ...process.env, PATH: labPath(), ELECTRON_RUN_AS_NODE: '1' };
  const responder = spawn('ip', ['netns', 'exec', to.netns, process.execPath, '-e', RESPONDER, to.address, String(UDP_PORT), String(lifetime)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let err = '';
      responder.stdout.setEncoding('utf8').on('data', (d: string) => d.includes('ready') && resolve());
      responder.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      responder.on('exit', (code) => reject(new CoreError('INTERNAL', `the UDP echo responder in ${to.netns} stopped (exit ${code}): ${err.trim()}`)));
    });
    const { stdout } = await run('ip', ['netns', 'exec', from.netns, process.execPath, '-e', SENDER, from.address, to.address, String(UDP_PORT), String(count), String(INTERVAL_MS)]);
    return Number(stdout.trim()) || 0;
  } finally {
    responder.kill();
  }
}

/** Operational state (`UP`, `DOWN`, `LOWERLAYERDOWN`) of every device in the daemon namespace. */
export async function linkStates(layout: LiveLabLayout): Promise<Map<string, string>> {
  const { stdout } = await run('ip', ['-n', layout.daemonNetns, '-br', 'link'], { allowFail: true });
  return new Map(stdout.split('\n').filter(Boolean).map((l) => { const [n = '', s = ''] = l.trim().split(/\s+/); return [n.split('@')[0]!, s]; }));
}

/** Port id → link title, for the links whose veth is not up. */
function downLinks(layout: LiveLabLayout, states: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const link of layout.links) {
    if (link.veth.every((v) => states.get(v) === 'UP')) continue;
    for (const id of link.portIds) if (id) out.set(id, link.title);
  }
  return out;
}
