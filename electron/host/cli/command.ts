import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CoreError } from '../../../core/util/core-error';

/** Where a command writes; injected so tests can capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** One `wicm` sub-command. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Full usage text shown by `wicm help <name>` / `wicm <name> --help`. */
  readonly usage: string;
  /** Resolves to the exit code (long-running commands resolve when they stop). */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 ok, 1 internal error (`wicm diff`: the two differ), 2 bad input, 3 controller/push failure. */
export const EXIT = { ok: 0, internal: 1, different: 1, badInput: 2, pushFailed: 3 } as const;

/** parseArgs with strict options and a CoreError (exit 2) instead of a TypeError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
  command: string,
  allowPositionals = false,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: boolean; strict: true; args: string[] }>> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
    throw new CoreError('INVALID_INPUT', `${message}. See 'wicm ${command} --help'.`);
  }
}

/** Parses a TCP port option (0 = any free port). */
export function parsePort(value: string | undefined, fallback: number, flag = '--port'): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CoreError('INVALID_INPUT', `${flag} '${value}' is not a TCP port: give a whole number from 0 to 65535.`);
  }
  return port;
}
