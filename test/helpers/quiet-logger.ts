import type { Logger } from '../../core/service/ports';

/** A logger that keeps messages for assertions instead of printing them. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string, d?: unknown) => {
    lines.push(`${level} ${m}${d === undefined ? '' : ' ' + String(d)}`);
  };
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
