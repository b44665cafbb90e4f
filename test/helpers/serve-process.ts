import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** A `wicm serve` process the test started, with what it printed. */
export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** The project it opened (its `Project:` line), or null. */
  readonly project: string | null;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves once the process exited (whatever the cause). */
  readonly exited: Promise<void>;
}

const BUILD_DIR = resolve('.wicm-tmp');

/**
 * Bundles the current sources of the CLI into one file (once per test file, ~1 s), so tests can
 * spawn and kill -9 real server processes without `npm run build`. Dependencies stay external and
 * resolve from the worktree; the bundle lives under `.wicm-tmp/` (git-ignored) so the app finds
 * its resources folder as in the repository.
 */
export async function buildCliBundle(): Promise<{ readonly entry: string; readonly remove: () => Promise<void> }> {
  await mkdir(BUILD_DIR, { recursive: true });
  const entry = join(BUILD_DIR, `wicm-cli-${process.pid}.mjs`);
  await build({ entryPoints: ['test/helpers/serve-main.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: entry, logLevel: 'error', target: 'node20' });
  return { entry, remove: () => rm(entry, { force: true }) };
}

/** Starts `wicm serve` (API only, any free port) and resolves once it listens. */
export function startServe(entry: string, args: readonly string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [entry, 'serve', '--port', '0', '--no-ui', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((resolveStart, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url && /REST API at/.test(out)) {
        const project = /^Project: (.+?) \(/m.exec(out)?.[1] ?? null;
        resolveStart({ url, child, project, stdout: () => out, stderr: () => err, exited });
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`wicm serve exited (${code ?? signal}) before listening: ${err}${out}`)));
  });
}

/** Stops a server: SIGTERM (a clean stop) or SIGKILL (a crash); resolves once it is gone. */
export async function stopServe(server: ServeProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
}
