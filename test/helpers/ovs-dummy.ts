// A real Open vSwitch on the dummy datapath (no kernel module, no root beyond what CI has),
// started in a temp folder and stopped by pid. Tests skip, printing why, where OVS is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';
const TOOLS = ['ovsdb-tool', 'ovsdb-server', 'ovs-vswitchd', 'ovs-vsctl', 'ovs-ofctl', 'ovs-appctl'];

/** Why OVS tests cannot run here, or null when they can. */
export function ovsUnavailable(): string | null {
  if (!existsSync(SCHEMA)) return `no ${SCHEMA} (apt-get install openvswitch-switch)`;
  const missing = TOOLS.filter((bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0);
  return missing.length > 0 ? `missing ${missing.join(', ')} (apt-get install openvswitch-switch)` : null;
}

/** One running dummy-datapath OVS. */
export interface DummyOvs {
  run(file: string, args: readonly string[]): string;
  /** Runs a shell script; returns its stderr and exit status. */
  runScript(text: string): { status: number | null; stderr: string };
  /** The OpenFlow actions ofproto/trace reports for one packet, and the cookie it hit. */
  trace(bridge: string, flow: string): { cookie: string | undefined; actions: string[] };
  dumpFlows(bridge: string): string;
  stop(): void;
}

/** Starts ovsdb-server and ovs-vswitchd --enable-dummy=override in a fresh temp folder. */
export function startDummyOvs(): DummyOvs {
  const dir = mkdtempSync(join(tmpdir(), 'wicm-ovs-'));
  const env = { PATH: process.env['PATH'], OVS_RUNDIR: dir, OVS_DBDIR: dir, OVS_LOGDIR: dir, OVS_SYSCONFDIR: dir };
  const run = (file: string, args: readonly string[]): string => execFileSync(file, [...args], { env, cwd: dir, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  run('ovsdb-tool', ['create', join(dir, 'conf.db'), SCHEMA]);
  run('ovsdb-server', ['--remote=punix:' + join(dir, 'db.sock'), '--detach', '--pidfile', '--log-file', join(dir, 'conf.db')]);
  run('ovs-vsctl', ['--no-wait', 'init']);
  run('ovs-vswitchd', ['--enable-dummy=override', '--detach', '--pidfile', '--log-file', '-vconsole:off']);
  return {
    run,
    runScript(text) {
      const result = spawnSync('sh', ['-s'], { input: text, env, cwd: dir, encoding: 'utf8' });
      return { status: result.status, stderr: result.stderr };
    },
    trace(bridge, flow) {
      const lines = run('ovs-appctl', ['ofproto/trace', bridge, flow]).split('\n');
      const start = lines.findIndex((l) => /^ 0\. /.test(l));
      if (start < 0) return { cookie: undefined, actions: [] };
      const actions = lines.slice(start + 1).filter((l) => /^ {4}\S/.test(l)).map((l) => l.trim());
      return { cookie: /cookie (0x[0-9a-f]+)/.exec(lines[start] ?? '')?.[1], actions };
    },
    dumpFlows: (bridge) => run('ovs-ofctl', ['-O', 'OpenFlow13', 'dump-flows', bridge, '--no-stats']).trim(),
    stop() {
      for (const daemon of ['ovs-vswitchd', 'ovsdb-server']) {
        const pidFile = join(dir, `${daemon}.pid`);
        if (!existsSync(pidFile)) continue;
        const pid = Number(readFileSync(pidFile, 'utf8').trim());
        spawnSync('ovs-appctl', ['-t', daemon, 'exit'], { env });
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
