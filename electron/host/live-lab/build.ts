/**
 * `wicm lab up` / `down`: builds a planned lab on this machine and removes exactly what
 * `<dataDir>/lab/live.json` lists.
 *
 * ovsdb-server runs in the root namespace on a socket in the lab's run folder; ovs-vswitchd runs
 * inside the lab's own network namespace, so the userspace datapath's tap devices (`ovs-netdev`
 * and one per bridge, fixed names per namespace) never meet another lab's, and every bridge-side
 * veth end lives there too. Each segment host has its own namespace; so has the WAN host on the
 * WAN core, which answers for the default-route segments of the uplinks (SOL005's 0.0.0.0/0). Deleting the namespaces
 * removes every device the lab made; the two daemons are stopped by pid.
 *
 * Flow tables: the WAN bridges start EMPTY with `fail_mode=secure` (table miss = drop): nothing
 * crosses the WAN until a controller or `wicm lab apply` installs the plan's flows, so a probe
 * proves the plan and not a learning switch. The WAN core (joining the uplinks) forwards with
 * `NORMAL`; each PoP VNF has the one flow `in_port=1,actions=in_port`.
 */
import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreError } from '../../../core/util/core-error';
import { hasProgram, inParallel, OVS_SCHEMA, run } from './exec';
import { LIVE_LAB_VERSION, liveLabDir, liveLabFile, type LiveLabLayout } from './layout';
import type { LabPlan } from './lab-plan';

/** Lab commands run at once (namespaces, PoP flows). */
const PARALLEL = 8;
const OPENFLOW_VERSIONS = 'OpenFlow10,OpenFlow13,OpenFlow14,OpenFlow15';
/** Longest path a unix socket can have (sun_path is 108 bytes with the NUL). */
const MAX_SOCKET_PATH = 107;

/** The lab's run folder (OVS_RUNDIR) inside a data folder. */
export function labRunDir(dataDir: string): string {
  return join(liveLabDir(dataDir), 'run');
}

/**
 * The folder the OVS push driver is pointed at (`wicm push --driver ovs --controller unix:DIR`):
 * one `<controller id>.mgmt` per WAN bridge, a link to the lab bridge's management socket, so the
 * driver finds each bridge under the project's name for it (and never the PoP VNFs or the core).
 */
export function labSwitchDir(runDir: string): string {
  return join(runDir, 'switches');
}

/** An OVS bridge name the driver can address (what ovs-vsctl accepts, and short enough for a socket path). */
const SWITCH_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$/;

function switchSocket(layout: LiveLabLayout, bridge: LiveLabLayout['bridges'][number]): string | null {
  const id = bridge.controllerId ?? bridge.name;
  const path = join(labSwitchDir(layout.runDir), `${id}.mgmt`);
  return SWITCH_NAME.test(id) && path.length <= MAX_SOCKET_PATH ? path : null;
}

/** Why some WAN bridges cannot be reached by the OVS driver at the switch folder (one note each). */
export function switchSocketNotes(layout: LiveLabLayout): string[] {
  return layout.bridges
    .filter((b) => switchSocket(layout, b) === null)
    .map((b) => `bridge ${b.name}: controller id "${b.controllerId ?? b.name}" is no Open vSwitch bridge name (or its socket path is too long), so wicm push --driver ovs cannot reach it at unix:${labSwitchDir(layout.runDir)}`);
}

/** Links `<switch dir>/<controller id>.mgmt` to each WAN bridge's management socket. */
async function linkSwitchSockets(layout: LiveLabLayout): Promise<void> {
  await mkdir(labSwitchDir(layout.runDir), { recursive: true });
  for (const b of layout.bridges) {
    const path = switchSocket(layout, b);
    if (path !== null) await symlink(join(layout.runDir, `${b.ovsName}.mgmt`), path);
  }
}

/** Builds the planned lab; on a failure removes what it had made and throws. */
export async function labUp(plan: LabPlan, dataDir: string, projectPath: string, now: Date): Promise<LiveLabLayout> {
  const runDir = labRunDir(dataDir);
  const longest = Math.max(...[...plan.bridges.map((b) => b.ovsName), ...plan.pops.map((p) => p.ovsName), plan.coreBridge ?? ''].map((n) => `${runDir}/${n}.mgmt`.length));
  if (longest > MAX_SOCKET_PATH) {
    throw new CoreError('INVALID_INPUT', `the data folder ${dataDir} is too deep: the lab's OpenFlow sockets would need ${longest}-character paths (unix sockets allow ${MAX_SOCKET_PATH}). Give a shorter --data-dir.`);
  }
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  let layout: LiveLabLayout = {
    version: LIVE_LAB_VERSION,
    projectPath,
    runDir,
    pids: [],
    bridges: plan.bridges,
    hosts: plan.hosts,
    pops: plan.pops,
    links: plan.links,
    devices: [],
    labId: plan.labId,
    daemonNetns: plan.daemonNetns,
    coreBridge: plan.coreBridge,
    hostTxChecksumOff: hasProgram('ethtool'),
    startedAt: now.toISOString(),
  };
  try {
    await run('ip', ['netns', 'add', plan.daemonNetns]);
    // Written before anything else starts, so `wicm lab down` can remove a half-built lab.
    await writeLayout(dataDir, layout);
    await run('ip', ['-n', plan.daemonNetns, 'link', 'set', 'lo', 'up']);
    await inParallel(hostNamespaces(layout), PARALLEL, (ns) => run('ip', ['netns', 'add', ns]));
    layout = { ...layout, pids: await startDaemons(runDir, plan.daemonNetns) };
    await writeLayout(dataDir, layout);
    await run('ip', ['-batch', '-'], { input: vethBatch(layout) });
    await run('ip', ['-n', plan.daemonNetns, '-batch', '-'], { input: daemonSideBatch(layout) });
    await inParallel(hostNamespaces(layout), PARALLEL, async (ns) => {
      await run('ip', ['-n', ns, '-batch', '-'], { input: hostBatch(layout, ns) });
      if (layout.hostTxChecksumOff) await run('ip', ['netns', 'exec', ns, 'ethtool', '-K', ns, 'tx', 'off']);
    });
    await run('ovs-vsctl', ['--timeout=60', ...bridgeCommands(layout)], { runDir });
    await checkOfports(layout);
    await inParallel(layout.pops, PARALLEL, (pop) => run('ovs-ofctl', ['add-flow', pop.ovsName, 'in_port=1,actions=in_port'], { runDir }));
    if (layout.coreBridge) await run('ovs-ofctl', ['add-flow', layout.coreBridge, 'actions=NORMAL'], { runDir });
    await linkSwitchSockets(layout);
    return layout;
  } catch (e) {
    await labDown(layout, dataDir).catch(() => undefined);
    throw e;
  }
}

/** Removes what the layout lists: the daemons (by pid), the namespaces (with their devices), the run folder, live.json. */
export async function labDown(layout: LiveLabLayout, dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  await Promise.all(
    [...layout.pids].reverse().map(async (pid) => {
      if (!(await isLabDaemon(pid, layout.runDir))) return;
      process.kill(pid, 'SIGTERM');
      await waitGone(pid);
      removed.push(`daemon ${pid}`);
    }),
  );
  const existing = new Set(await listNamespaces());
  const namespaces = [...hostNamespaces(layout), layout.daemonNetns].filter((ns) => existing.has(ns));
  await inParallel(namespaces, PARALLEL, (ns) => run('ip', ['netns', 'del', ns]));
  removed.push(...namespaces.map((ns) => `namespace ${ns}`));
  for (const device of layout.devices) {
    const gone = await run('ip', ['link', 'del', device], { allowFail: true });
    if (gone.code === 0) removed.push(`device ${device}`);
  }
  await rm(layout.runDir, { recursive: true, force: true });
  await rm(liveLabFile(dataDir), { force: true });
  return removed;
}

/** The host namespaces of a layout, each once. */
export function hostNamespaces(layout: Pick<LiveLabLayout, 'hosts'>): string[] {
  return [...new Set(layout.hosts.map((h) => h.netns))];
}

/** Names of the network namespaces on this machine. */
export async function listNamespaces(): Promise<string[]> {
  const { stdout } = await run('ip', ['netns', 'list']);
  return stdout.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

/** True when pid is alive and is one of this lab's daemons (its command line names the run folder). */
export async function isLabDaemon(pid: number, runDir: string): Promise<boolean> {
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline.some((arg) => arg.includes(runDir)) && /ovs(db-server|-vswitchd)/.test(cmdline[0] ?? '');
  } catch {
    return false;
  }
}

export async function writeLayout(dataDir: string, layout: LiveLabLayout): Promise<void> {
  const file = liveLabFile(dataDir);
  await writeFile(`${file}.tmp`, `${JSON.stringify(layout, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

async function startDaemons(runDir: string, netns: string): Promise<number[]> {
  const db = join(runDir, 'conf.db');
  const sock = `unix:${join(runDir, 'db.sock')}`;
  await run('ovsdb-tool', ['create', db, OVS_SCHEMA]);
  await run('ovsdb-server', [db, `--remote=punix:${join(runDir, 'db.sock')}`, `--pidfile=${join(runDir, 'ovsdb-server.pid')}`, '--detach', `--log-file=${join(runDir, 'ovsdb-server.log')}`], { runDir });
  const dbPid = await readPid(join(runDir, 'ovsdb-server.pid'));
  await run('ovs-vsctl', [`--db=${sock}`, '--no-wait', 'init'], { runDir });
  await run('ip', ['netns', 'exec', netns, 'ovs-vswitchd', sock, `--pidfile=${join(runDir, 'ovs-vswitchd.pid')}`, '--detach', `--log-file=${join(runDir, 'ovs-vswitchd.log')}`, '-vconsole:off'], { runDir });
  return [dbPid, await readPid(join(runDir, 'ovs-vswitchd.pid'))];
}

async function readPid(file: string): Promise<number> {
  const pid = Number((await readFile(file, 'utf8')).trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new CoreError('INTERNAL', `${file} holds no process id.`);
  return pid;
}

/**
 * Waits up to a second for a daemon to exit after SIGTERM, then kills it (the lab's state is
 * thrown away anyway) and waits for that: up to 30 s, since an ovs-vswitchd of a large lab takes
 * seconds to release its hundreds of devices on a busy machine (measured with 50 bridges).
 */
async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (!(await isRunning(pid))) return;
    if (i === 20) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new CoreError('INTERNAL', `process ${pid} did not stop after SIGKILL.`);
}

/** Alive and not a zombie (a detached daemon's parent may be slow to reap it). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}

/** The WAN host behind the core (once, whatever the number of default-route segments it answers for). */
function wanHost(layout: Pick<LiveLabLayout, 'hosts'>): (LiveLabLayout['hosts'][number] & { coreIfname: string })[] {
  const first = layout.hosts.find((h) => h.coreIfname !== undefined);
  return first === undefined ? [] : [first as LiveLabLayout['hosts'][number] & { coreIfname: string }];
}

/** `ip -batch` lines creating every veth pair with both ends in their namespaces. */
function vethBatch(layout: LiveLabLayout): string {
  const d = layout.daemonNetns;
  const lines: string[] = [];
  const hostNs = new Map(layout.hosts.map((h) => [h.portId, h.netns]));
  const linkDone = new Set<string>();
  for (const bridge of layout.bridges) {
    for (const port of bridge.ports) {
      if (port.peer.kind === 'link') {
        if (linkDone.has(port.peer.id ?? '')) continue;
        linkDone.add(port.peer.id ?? '');
      }
      const peerNs = port.peer.kind === 'host' ? hostNs.get(port.portId) ?? d : d;
      lines.push(`link add ${port.ifname} netns ${d} type veth peer name ${port.peerIfname} netns ${peerNs}`);
    }
  }
  for (const host of wanHost(layout)) lines.push(`link add ${host.coreIfname} netns ${d} type veth peer name ${host.ifname} netns ${host.netns}`);
  return `${lines.join('\n')}\n`;
}

/** Brings up the daemon-side veth ends (an unplugged port's peer stays down). */
function daemonSideBatch(layout: LiveLabLayout): string {
  const lines: string[] = [];
  for (const bridge of layout.bridges) {
    for (const port of bridge.ports) {
      lines.push(`link set ${port.ifname} up`);
      if (port.peer.kind === 'pop' || port.peer.kind === 'uplink') lines.push(`link set ${port.peerIfname} up`);
    }
  }
  for (const host of wanHost(layout)) lines.push(`link set ${host.coreIfname} up`);
  return `${lines.join('\n')}\n`;
}

/** Address, MAC, an on-link default route and a static neighbour entry for every other host. */
function hostBatch(layout: LiveLabLayout, netns: string): string {
  const own = layout.hosts.filter((h) => h.netns === netns);
  const first = own[0]!;
  const lines = ['link set lo up', `link set ${first.ifname} address ${first.mac}`];
  // The WAN host answers for several default-route segments, often at one address: add each once.
  for (const a of new Set(own.map((h) => `${h.address}/${h.prefixLength}`))) lines.push(`address add ${a} dev ${first.ifname}`);
  lines.push(`link set ${first.ifname} up`, `route add default dev ${first.ifname}`);
  if (layout.hosts.some((h) => h.address.includes(':'))) lines.push(`-6 route add default dev ${first.ifname}`);
  for (const other of layout.hosts) {
    if (other.netns === netns) continue;
    lines.push(`neigh replace ${other.address} lladdr ${other.mac} dev ${first.ifname} nud permanent`);
  }
  return `${lines.join('\n')}\n`;
}

/** One ovs-vsctl transaction: every bridge (netdev, secure, datapath id, OpenFlow 1.0–1.5) and port (pinned ofport). */
function bridgeCommands(layout: LiveLabLayout): string[] {
  const args: string[] = [];
  const addBridge = (name: string, extra: string[]): void => {
    args.push('--', 'add-br', name, '--', 'set', 'bridge', name, 'datapath_type=netdev', 'fail_mode=secure', `protocols=${OPENFLOW_VERSIONS}`, ...extra);
  };
  const addPort = (bridge: string, ifname: string, ofport: number): void => {
    args.push('--', 'add-port', bridge, ifname, '--', 'set', 'interface', ifname, `ofport_request=${ofport}`);
  };
  for (const bridge of layout.bridges) {
    addBridge(bridge.ovsName, [`other-config:datapath-id=${bridge.dpid}`]);
    for (const port of bridge.ports) addPort(bridge.ovsName, port.ifname, port.ofport);
  }
  for (const pop of layout.pops) {
    addBridge(pop.ovsName, []);
    addPort(pop.ovsName, pop.ifname, 1);
  }
  if (layout.coreBridge) {
    addBridge(layout.coreBridge, []);
    let n = 1;
    for (const link of layout.links) if (link.kind === 'uplink') addPort(layout.coreBridge, link.veth[1], n++);
    for (const host of wanHost(layout)) addPort(layout.coreBridge, host.coreIfname, n++);
  }
  return args.slice(1);
}

/** Refuses a lab whose OpenFlow port numbers are not the project's (ofport_request not honoured). */
async function checkOfports(layout: LiveLabLayout): Promise<void> {
  const { stdout } = await run('ovs-vsctl', ['--format=csv', '--no-headings', '--columns=name,ofport', 'list', 'Interface'], { runDir: layout.runDir });
  const actual = new Map(stdout.trim().split('\n').map((l) => l.split(',') as [string, string]).map(([n, o]) => [n.replace(/"/g, ''), Number(o)]));
  const wrong = layout.bridges.flatMap((b) => b.ports.filter((p) => actual.get(p.ifname) !== p.ofport).map((p) => `${b.name}/${p.name} got OpenFlow port ${actual.get(p.ifname) ?? 'none'} instead of ${p.ofport}`));
  if (wrong.length > 0) throw new CoreError('INTERNAL', `Open vSwitch did not pin the project's port numbers: ${wrong.join('; ')}.`);
}
