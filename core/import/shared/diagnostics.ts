import type { DiagnosticDto, Severity } from '../../contract/dto';

/** Most diagnostics of one severity kept per import; a hostile input must not flood the UI. */
export const MAX_DIAGNOSTICS_PER_SEVERITY = 200;

/** Collects the diagnostics of one import, capped per severity with a summary of the rest. */
export class DiagnosticSink {
  private readonly items: DiagnosticDto[] = [];
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };

  /** Adds a finding. */
  add(diagnostic: DiagnosticDto): void {
    this.counts[diagnostic.severity] += 1;
    if (this.counts[diagnostic.severity] <= MAX_DIAGNOSTICS_PER_SEVERITY) this.items.push(diagnostic);
  }

  /** Adds a finding of a given severity. */
  report(severity: Severity, code: string, pointer: string | undefined, message: string, hint?: string): void {
    this.add(make(severity, code, pointer, message, hint));
  }

  /** Adds an error: the input (or one service of it) cannot be imported as is. */
  error(code: string, pointer: string | undefined, message: string, hint?: string): void {
    this.add(make('error', code, pointer, message, hint));
  }

  /** Adds a warning: imported, but the result may not be what the user expects. */
  warning(code: string, pointer: string | undefined, message: string, hint?: string): void {
    this.add(make('warning', code, pointer, message, hint));
  }

  /** Adds an informational note. */
  info(code: string, pointer: string | undefined, message: string, hint?: string): void {
    this.add(make('info', code, pointer, message, hint));
  }

  /** Adds every diagnostic of another list. */
  addAll(list: readonly DiagnosticDto[]): void {
    for (const d of list) this.add(d);
  }

  /** Whether further findings of this severity will only be counted, not listed. */
  isFull(severity: Severity): boolean {
    return this.counts[severity] >= MAX_DIAGNOSTICS_PER_SEVERITY;
  }

  /** How many errors were reported so far (including suppressed ones). */
  get errorCount(): number {
    return this.counts.error;
  }

  /** The kept diagnostics plus one summary per severity that overflowed the cap. */
  list(): readonly DiagnosticDto[] {
    const summaries = (['error', 'warning', 'info'] as const)
      .filter((s) => this.counts[s] > MAX_DIAGNOSTICS_PER_SEVERITY)
      .map((s) =>
        make(
          s,
          'TOO_MANY_DIAGNOSTICS',
          undefined,
          `${this.counts[s] - MAX_DIAGNOSTICS_PER_SEVERITY} more ${s} diagnostic(s) were not listed.`,
          'Fix the listed findings first; the rest are usually of the same kind.',
        ),
      );
    return [...this.items, ...summaries];
  }
}

function make(
  severity: Severity,
  code: string,
  pointer: string | undefined,
  message: string,
  hint: string | undefined,
): DiagnosticDto {
  return {
    severity,
    code,
    message,
    ...(pointer === undefined ? {} : { pointer }),
    ...(hint === undefined ? {} : { hint }),
  };
}
