// Real Open vSwitch daemons on the userspace (netdev) datapath, private to one test: a temp run
// directory, ovs-vswitchd inside a network namespace of its own (so its tap devices never meet
// another lab's `ovs-netdev`), names `wo` + a random suffix. stop() kills the daemons by pid,
// deletes the namespace (and with it every tap device) and the folder. Needs root.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ovsUnavailable } from './ovs-dummy';

/** Why netdev OVS tests cannot run here, or null when they can. */
export function netdevOvsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: OVS on the netdev datapath needs root (network namespaces, tap devices)';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return 'no `ip netns` on this machine';
  return ovsUnavailable();
}

/** One bridge to create: name suffix, datapath id (16 hex digits), OpenFlow port numbers. */
export interface BridgeSpec {
  readonly name: string;
  readonly datapathId?: string;
  readonly ports: readonly number[];
}

export interface NetdevOvs {
  /** Run directory (`OVS_RUNDIR`): the bridges' `<name>.mgmt` sockets are here. */
  readonly dir: string;
  /** `wo` + random hex: prefix of every name this instance creates. */
  readonly prefix: string;
  readonly netns: string;
  run(file: string, args: readonly string[], input?: string): string;
  addBridge(spec: BridgeSpec): void;
  /** `unix:<dir>/<bridge>.mgmt`. */
  socket(bridge: string): string;
  dumpFlows(bridge: string): string[];
  /** The OpenFlow messages the switch received since the log was opened (`OFPT_FLOW_MOD`, …). */
  received(): string[];
  trace(bridge: string, flow: string): string;
  stop(): void;
}

const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';

export function startNetdevOvs(): NetdevOvs {
  const prefix = `wo${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const netns = prefix;
  const env = { PATH: process.env['PATH'], OVS_RUNDIR: dir, OVS_DBDIR: dir, OVS_LOGDIR: dir };
  const run = (file: string, args: readonly string[], input?: string): string =>
    execFileSync(file, [...args], { env, cwd: dir, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...(input === undefined ? {} : { input }) });
  let nsCreated = false;
  const stop = (): void => {
    for (const daemon of ['ovs-vswitchd', 'ovsdb-server']) {
      const pidFile = join(dir, `${daemon}.pid`);
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 200 && alive(pid); i++) spawnSync('sleep', ['0.01']);
    }
    if (nsCreated) spawnSync('ip', ['netns', 'del', netns]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('ovsdb-tool', ['create', join(dir, 'conf.db'), SCHEMA]);
    run('ovsdb-server', [`--remote=punix:${join(dir, 'db.sock')}`, '--detach', '--pidfile', '--log-file', join(dir, 'conf.db')]);
    run('ovs-vsctl', ['--no-wait', 'init']);
    run('ip', ['netns', 'add', netns]);
    nsCreated = true;
    run('ip', ['netns', 'exec', netns, 'ovs-vswitchd', `unix:${join(dir, 'db.sock')}`, '--detach', '--pidfile', '--log-file', '-vconsole:off', '-vvconn:file:dbg']);
  } catch (e) {
    stop();
    throw e;
  }
  return {
    dir,
    prefix,
    netns,
    run,
    addBridge(spec) {
      const args = ['add-br', spec.name, '--', 'set', 'bridge', spec.name, 'datapath_type=netdev', 'fail_mode=secure'];
      if (spec.datapathId) args.push(`other-config:datapath-id=${spec.datapathId}`);
      spec.ports.forEach((n) => {
        const port = `${spec.name}p${n}`;
        args.push('--', 'add-port', spec.name, port, '--', 'set', 'interface', port, 'type=internal', `ofport_request=${n}`);
      });
      run('ovs-vsctl', args);
    },
    socket: (bridge) => `unix:${join(dir, `${bridge}.mgmt`)}`,
    dumpFlows: (bridge) => run('ovs-ofctl', ['dump-flows', `unix:${join(dir, `${bridge}.mgmt`)}`]).split('\n').filter((l) => l.includes('actions=')),
    received: () =>
      readFileSync(join(dir, 'ovs-vswitchd.log'), 'utf8')
        .split('\n')
        .flatMap((l) => /\|vconn\|DBG\|.*received: (\w+)/.exec(l)?.[1] ?? []),
    trace: (bridge, flow) => run('ovs-appctl', ['-t', join(dir, `ovs-vswitchd.${readFileSync(join(dir, 'ovs-vswitchd.pid'), 'utf8').trim()}.ctl`), 'ofproto/trace', bridge, flow]),
    stop,
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
