import type { CliIo } from '../../electron/host/cli/command';
import { runCli } from '../../electron/host/cli/index';

/** What one `wicm` run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `wicm` CLI in-process with `env` as its whole environment, capturing its output. */
export async function runCliCaptured(argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const box = { stdout: '', stderr: '' };
  const io: CliIo = { out: (t) => void (box.stdout += t), err: (t) => void (box.stderr += t), env: { ...env }, cwd: process.cwd() };
  const code = await runCli([...argv], io);
  return { code, ...box };
}
