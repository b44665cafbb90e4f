import type { Logger } from '../../../core/service/ports';

/** Logs to stderr, one line per message; `quiet` keeps only warnings and errors. */
export function createStderrLogger(options: { readonly quiet?: boolean } = {}): Logger {
  const line = (level: string, message: string, data?: unknown): void => {
    const extra = data === undefined ? '' : ` ${typeof data === 'string' ? data : JSON.stringify(data)}`;
    process.stderr.write(`[wicm] ${level} ${message}${extra}\n`);
  };
  return {
    info: (m, d) => {
      if (!options.quiet) line('info', m, d);
    },
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}
