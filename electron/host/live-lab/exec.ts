/**
 * Runs `ip` and the Open vSwitch tools for the live lab: argument arrays only (no shell), a
 * clear error naming the command when one fails, and the check that the machine can host a lab.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CoreError } from '../../../core/util/core-error';
import { ovsEnv } from './layout';

export const OVS_SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';
const TOOLS = ['ip', 'ovsdb-tool', 'ovsdb-server', 'ovs-vswitchd', 'ovs-vsctl', 'ovs-ofctl', 'ovs-appctl'] as const;

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** The lab's run folder: sets OVS_RUNDIR / OVS_DBDIR / OVS_LOGDIR. */
  readonly runDir?: string;
  /** Text written to standard input (`ip -batch -`). */
  readonly input?: string;
  /** Resolve with the exit code instead of throwing when the command fails. */
  readonly allowFail?: boolean;
  readonly timeoutMs?: number;
}

/** The PATH the lab uses: the caller's plus the sbin folders where `ip` and the OVS daemons live. */
export function labPath(): string {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const extra of ['/usr/sbin', '/sbin', '/usr/bin', '/bin']) if (!dirs.includes(extra)) dirs.push(extra);
  return dirs.join(delimiter);
}

/** Runs one command (argument array), resolving with its output; throws naming it when it fails. */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const env = { ...process.env, PATH: labPath(), ...(options.runDir ? ovsEnv(options.runDir) : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => reject(new CoreError('INTERNAL', `${file}: ${e.message}`)));
    child.on('close', (code, signal) => {
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (result.code === 0 || options.allowFail) resolve(result);
      else reject(new CoreError('INTERNAL', `${file} ${args.slice(0, 6).join(' ')}${args.length > 6 ? ' …' : ''} failed: ${(stderr || stdout).trim().split('\n').slice(0, 3).join(' / ') || `exit ${result.code}`}`));
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // a command that exits early closes its input
      child.stdin.end(options.input);
    }
  });
}

/** Why this machine cannot run a live lab (not root, no `ip netns`, no Open vSwitch), or null when it can. */
export function labUnavailable(machine: { platform?: string; uid?: number; path?: string } = {}): string | null {
  const platform = machine.platform ?? process.platform;
  const uid = machine.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);
  if (platform !== 'linux') return `the live lab needs Linux network namespaces; this is ${platform}`;
  if (uid !== 0) return 'the live lab needs root (network namespaces, veth pairs, Open vSwitch daemons): run wicm lab as root';
  const dirs = (machine.path ?? labPath()).split(delimiter);
  const missing = TOOLS.filter((tool) => !dirs.some((d) => isExecutable(join(d, tool))));
  if (missing.length > 0) return `missing ${missing.join(', ')} (apt-get install -y iproute2 openvswitch-switch)`;
  if (!existsSync(OVS_SCHEMA)) return `no Open vSwitch schema at ${OVS_SCHEMA} (apt-get install -y openvswitch-switch)`;
  if (!existsSync('/var/run/netns') && !existsSync('/run')) return 'no /run folder for network namespaces';
  return null;
}

/** Whether a program is on the PATH (e.g. `ping` for ICMP probes). */
export function hasProgram(name: string): boolean {
  return labPath().split(delimiter).some((d) => isExecutable(join(d, name)));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` on every item, at most `limit` at a time (lab commands are mostly waiting on the kernel or a daemon). */
export async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
