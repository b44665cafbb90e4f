import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { OVS_TARGET_FORMS, parseOvsTarget } from '../../../core/drivers/ovs/address';
import type { OpenFlowSwitch, OpenFlowSwitches } from '../../../core/drivers/ovs/switches';
import { StepFailure } from '../../../core/drivers/driver';
import { CoreError } from '../../../core/util/core-error';

/** What one ovs-ofctl run printed. */
interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs ovs-ofctl with an argument array (no shell), optional stdin, and a deadline. */
function ofctl(args: readonly string[], timeoutMs: number, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('ovs-ofctl', [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new CoreError('DRIVER_UNAVAILABLE', 'ovs-ofctl is not installed on this machine: install Open vSwitch (apt-get install openvswitch-switch) to push to Open vSwitch.')
          : e,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** ovs-ofctl's own complaint, on one line, without its program-name prefix. */
function complaint(run: Run): string {
  return run.stderr.replace(/^ovs-ofctl: /gm, '').replace(/\s+/g, ' ').trim() || `ovs-ofctl exited with ${String(run.code)}`;
}

function unreachable(address: string, run: Run, timeoutMs: number): CoreError {
  const why = run.timedOut ? `it did not answer within ${timeoutMs} ms` : complaint(run);
  return new CoreError('DRIVER_UNAVAILABLE', `Cannot reach the Open vSwitch switch at ${address} (${why}): check that ovs-vswitchd runs and that the address is right (${OVS_TARGET_FORMS}).`, {
    url: address,
  });
}

/** The bridge name of a switch: its LOCAL port (`LOCAL(br0): addr:…`). */
async function describe(address: string, timeoutMs: number): Promise<OpenFlowSwitch> {
  const run = await ofctl(['show', address], timeoutMs);
  if (run.code !== 0) throw unreachable(address, run, timeoutMs);
  const name = /LOCAL\(([^)]+)\)/.exec(run.stdout)?.[1];
  if (name === undefined) throw new CoreError('DRIVER_UNAVAILABLE', `The switch at ${address} has no LOCAL port, so its bridge name is unknown: use the bridge's unix: management socket instead.`, { url: address });
  return { name, address };
}

/** The Open vSwitch port of the engine: ovs-ofctl run with argument arrays, never through a shell. */
export function ovsOfctlSwitches(): OpenFlowSwitches {
  return {
    async list(target, timeoutMs) {
      const parsed = parseOvsTarget(target);
      if (parsed.form === 'tcp') return [await describe(parsed.address, timeoutMs)];
      if (parsed.form === 'socket') return [{ name: basename(parsed.address.slice('unix:'.length), '.mgmt'), address: parsed.address }];
      const isDir = await stat(parsed.dir).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isDir) throw new CoreError('DRIVER_UNAVAILABLE', `${target}: ${parsed.dir} is not a folder: give the Open vSwitch run directory (OVS_RUNDIR) that holds the bridges' .mgmt sockets.`, { url: target });
      const names = (await readdir(parsed.dir)).filter((f) => f.endsWith('.mgmt')).sort();
      return names.map((f) => ({ name: f.slice(0, -'.mgmt'.length), address: `unix:${join(parsed.dir, f)}` }));
    },
    async dumpFlows(address, timeoutMs) {
      const run = await ofctl(['dump-flows', address], timeoutMs);
      if (run.code !== 0) throw unreachable(address, run, timeoutMs);
      return run.stdout.split('\n').filter((l) => l.includes('actions='));
    },
    async applyBundle(address, lines, timeoutMs) {
      const run = await ofctl(['--bundle', 'add-flows', address, '-'], timeoutMs, `${lines.join('\n')}\n`);
      if (run.code === 0) return;
      if (run.timedOut) throw new StepFailure(0, `${address} did not confirm the bundle within ${timeoutMs} ms`);
      throw new StepFailure(0, `${address} refused the bundle (nothing of it applied): ${complaint(run)}`);
    },
  };
}
