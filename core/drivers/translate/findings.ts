import type { DiagnosticDto } from '../../contract/dto';
import { CoreError } from '../../util/core-error';
import { summarizeProblems } from '../../util/diagnostic-summary';

/** A growing list of findings: blocking errors and the notes that travel with the result. */
export class Findings {
  private readonly items: DiagnosticDto[] = [];

  /** Records a finding. */
  add(diagnostic: DiagnosticDto): void {
    this.items.push(diagnostic);
  }

  /** Records a blocking finding. */
  error(code: string, message: string, where: Omit<DiagnosticDto, 'severity' | 'code' | 'message'> = {}): void {
    this.items.push({ severity: 'error', code, message, ...where });
  }

  /** Records a non-blocking finding. */
  warn(code: string, message: string, where: Omit<DiagnosticDto, 'severity' | 'code' | 'message'> = {}): void {
    this.items.push({ severity: 'warning', code, message, ...where });
  }

  /** Records a note. */
  info(code: string, message: string, where: Omit<DiagnosticDto, 'severity' | 'code' | 'message'> = {}): void {
    this.items.push({ severity: 'info', code, message, ...where });
  }

  /** Whether a blocking finding was recorded. */
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  /** Everything recorded so far. */
  get all(): readonly DiagnosticDto[] {
    return this.items;
  }

  /**
   * Throws `INVALID_INPUT` with every finding in `details.diagnostics` when one is blocking,
   * so a caller sees all problems at once rather than the first.
   */
  throwIfErrors(what: string): void {
    const errors = this.items.filter((d) => d.severity === 'error');
    if (errors.length === 0) return;
    throw new CoreError('INVALID_INPUT', `Cannot ${what}: ${summarizeProblems(errors)}`, { diagnostics: this.items });
  }
}
