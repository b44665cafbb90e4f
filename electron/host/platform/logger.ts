import type { Logger } from '../../../core/service/ports';
import { terminalSafe } from '../terminal-text';

/**
 * Logs to stderr, one line per message; `quiet` keeps only warnings and errors. Control
 * characters from input (names in messages) are shown escaped, and a stack trace is cut to its
 * first line unless `WICM_DEBUG` is set: users get the message, developers opt in to the rest.
 */
export function createStderrLogger(options: { readonly quiet?: boolean; readonly stacks?: boolean } = {}): Logger {
  const stacks = options.stacks ?? Boolean(process.env.WICM_DEBUG);
  const line = (level: string, message: string, data?: unknown): void => {
    const extra = data === undefined ? '' : ` ${describe(data, stacks)}`;
    process.stderr.write(`${terminalSafe(`[wicm] ${level} ${message}${extra}`)}\n`);
  };
  return {
    info: (m, d) => {
      if (!options.quiet) line('info', m, d);
    },
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}

function describe(data: unknown, stacks: boolean): string {
  if (typeof data === 'string') return stacks ? data : data.replace(/\n\s+at [\s\S]*$/, '');
  try {
    return JSON.stringify(data) ?? String(data);
  } catch {
    return String(data);
  }
}
