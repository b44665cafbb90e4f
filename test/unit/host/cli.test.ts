import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/host/cli/index';
import type { CliIo } from '../../../electron/host/cli/command';

function io(): CliIo & { stdout: string; stderr: string } {
  const box = { stdout: '', stderr: '' };
  return Object.assign(box, {
    out: (t: string) => {
      box.stdout += t;
    },
    err: (t: string) => {
      box.stderr += t;
    },
    env: {},
    cwd: process.cwd(),
  });
}

describe('wicm CLI', () => {
  it('--help lists the commands and exit codes', async () => {
    const out = io();
    expect(await runCli(['--help'], out)).toBe(0);
    expect(out.stdout).toMatch(/Usage: wicm <command>/);
    expect(out.stdout).toMatch(/serve\s+Serve the UI/);
    expect(out.stdout).toMatch(/Exit codes/);
  });

  it('an unknown command exits 2 with the list of commands, no stack', async () => {
    const out = io();
    expect(await runCli(['frobnicate'], out)).toBe(2);
    expect(out.stderr).toBe("wicm: unknown command 'frobnicate'. Commands: " + out.stderr.split('Commands: ')[1]);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad option exits 2 with a one-line reason', async () => {
    const out = io();
    expect(await runCli(['serve', '--port', 'eighty'], out)).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/--port 'eighty' is not a TCP port/);
    const unknown = io();
    expect(await runCli(['serve', '--colour', 'blue'], unknown)).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'.*wicm serve --help/);
  });

  it('<command> --help prints its usage', async () => {
    const out = io();
    expect(await runCli(['serve', '--help'], out)).toBe(0);
    expect(out.stdout).toMatch(/^Usage: wicm serve/);
  });
});
