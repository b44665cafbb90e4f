// The processes bench/peer-demi-wicm.bench.ts starts: each is tracked by pid and stopped by pid
// (SIGTERM, then SIGKILL after a grace period), also when the bench fails or is interrupted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const running = new Set<ChildProcess>();

/** A started process and the lines it printed on stdout until `ready` matched. */
export interface Started {
  readonly child: ChildProcess;
  readonly lines: readonly string[];
}

/**
 * Spawns `command args` and resolves once a stdout line matches `ready` (rejects when the process
 * exits first or after `timeoutMs`, with the tail of its stderr).
 */
export async function startProcess(
  what: string,
  command: string,
  args: readonly string[],
  ready: RegExp,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Started> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} did not start within ${options.timeoutMs ?? 60_000} ms: ${stderr.trim()}`)), options.timeoutMs ?? 60_000);
      reader.on('line', (line) => {
        lines.push(line);
        if (ready.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${what} exited (${signal ?? `code ${code}`}) before it was ready: ${stderr.trim().slice(-1500)}`));
      });
    });
  } catch (e) {
    await stopProcess(child);
    throw e;
  }
  // Keep draining stdout so the child never blocks on a full pipe.
  reader.on('line', () => undefined);
  return { child, lines };
}

/** Stops one process by its pid: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every process still running (on failure or interruption). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child)));
}

/** Stops every started process when the bench itself is interrupted. */
export function stopAllOnSignals(): void {
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));
}

/** Why demi-wicm cannot run here, or null when its checkout and Python modules are there. */
export function demiWicmUnavailable(dir: string | undefined, python: string): string | null {
  if (dir === undefined || dir === '') return 'DEMI_WICM_DIR is not set (a demi-wicm checkout: wicm/wicm.py, wicm/utils.py, wicm/database/)';
  if (!existsSync(`${dir}/wicm/wicm.py`) || !existsSync(`${dir}/wicm/database/sqlalchemy_declaritive.py`)) return `DEMI_WICM_DIR=${dir} is not a demi-wicm checkout (no wicm/wicm.py or wicm/database/sqlalchemy_declaritive.py)`;
  const probe = spawnSync(python, ['-c', 'import flask, flask_restful, requests, sqlalchemy, werkzeug'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${python} cannot be run (${probe.error.message}); set DEMI_WICM_PYTHON`;
  if (probe.status !== 0) {
    const missing = /No module named '([^']+)'/.exec(probe.stderr)?.[1] ?? probe.stderr.trim().split('\n').pop();
    return `${python} lacks the Python module ${missing}; on Debian: apt-get install -y python3-flask python3-flask-restful python3-requests python3-sqlalchemy`;
  }
  return null;
}
