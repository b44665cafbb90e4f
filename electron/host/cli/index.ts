// The `wicm` command line: one process, one engine, sub-commands over the same core.
import { isCoreError } from '../../../core/util/core-error';
import { terminalSafe } from '../terminal-text';
import { version } from '../version';
import { EXIT, type CliCommand, type CliIo } from './command';
import { diffCommand } from './commands/diff';
import { driftCommand } from './commands/drift';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { inspectCommand } from './commands/inspect';
import { labControllerCommand } from './commands/lab-controller';
import { labCommand } from './commands/lab';
import { planCommand } from './commands/plan';
import { pushCommand } from './commands/push';
import { serveCommand } from './commands/serve';
import { teardownCommand } from './commands/teardown';
import { traceCommand } from './commands/trace';

/** Every sub-command, in the order `wicm --help` lists them. */
export const commands: readonly CliCommand[] = [inspectCommand, importCommand, planCommand, traceCommand, exportCommand, pushCommand, teardownCommand, driftCommand, diffCommand, serveCommand, labControllerCommand, labCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `wicm ${version} — WICM Studio engine on the command line`,
    '',
    'Usage: wicm <command> [options]     wicm <command> --help for its options',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 ok, 1 internal error (diff: the two differ), 2 bad input (one line per problem), 3 controller failure, 4 trace not delivered.',
    '',
  ].join('\n');
}

/**
 * Runs the CLI; resolves to the exit code. Never lets a stack trace reach the user, and every
 * line goes through {@link terminalSafe}: names from input files cannot act on the terminal.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { ...rawIo, out: (t) => rawIo.out(terminalSafe(t)), err: (t) => rawIo.err(terminalSafe(t)) };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.out(target ? `${target.usage}\n` : help());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`${version}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`wicm: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}. See 'wicm --help'.\n`);
    return EXIT.badInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (isCoreError(e)) {
      io.err(`wicm ${name}: ${e.message}\n`);
      return e.code === 'PUSH_FAILED' || e.code === 'DRIVER_UNAVAILABLE' ? EXIT.pushFailed : e.code === 'INTERNAL' ? EXIT.internal : EXIT.badInput;
    }
    io.err(`wicm ${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (io.env.WICM_DEBUG && e instanceof Error) io.err(`${e.stack ?? ''}\n`);
    return EXIT.internal;
  }
}

/** Process entry used by bin/wicm.js: runs the CLI with the real stdio and sets the exit code. */
export async function main(argv: readonly string[]): Promise<void> {
  const io: CliIo = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
  };
  process.exitCode = await runCli(argv, io);
}
