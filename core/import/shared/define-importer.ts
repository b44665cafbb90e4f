import type { Importer } from '../types';
import { runParse, type ParseEnv, type ParseOutput } from './run-parse';

/** Builds an importer whose detect and parse never throw. */
export function defineImporter(
  id: string,
  label: string,
  detect: (doc: unknown) => number,
  parse: (doc: unknown, env: ParseEnv) => ParseOutput,
): Importer {
  return {
    id,
    label,
    detect: (doc) => {
      try {
        const c = detect(doc);
        return Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0;
      } catch {
        return 0;
      }
    },
    parse: (doc, ctx) => runParse(id, doc, ctx, parse),
  };
}
