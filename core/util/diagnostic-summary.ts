import type { DiagnosticDto } from '../contract/dto';

/**
 * One line for people about a list of problems: the first one's message, where it is, and how
 * many more there are ("Unknown port "p9" at /plans/0/rules/1 (and 2 more problems)").
 */
export function summarizeProblems(problems: readonly DiagnosticDto[]): string {
  const first = problems[0];
  if (!first) return 'unknown problem';
  const where = first.pointer !== undefined ? ` at ${first.pointer === '' ? '/' : first.pointer}` : '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `${first.message}${where}${more}`;
}
