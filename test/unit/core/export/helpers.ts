import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import type { DiagnosticDto } from '../../../../core/contract/dto';
import { exportPlans, type ExportFormat, type ExportInput } from '../../../../core/export';
import { isCoreError, type CoreError } from '../../../../core/util/core-error';

// Free-form edits of exported JSON documents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** The JSON document `format` exports for `input`, changed by `mutate`, as text: a document to feed a parser. */
export function editedExport(format: ExportFormat, input: ExportInput, mutate: (doc: Record<string, Json>) => void): string {
  const doc = JSON.parse(exportPlans(format, input).text) as Record<string, Json>;
  mutate(doc);
  return JSON.stringify(doc);
}

/** Runs `fn`, expects a CoreError, and returns it. */
export function coreErrorOf(fn: () => unknown): CoreError {
  try {
    fn();
  } catch (e) {
    if (isCoreError(e)) return e;
    throw e;
  }
  throw new Error('expected a CoreError, nothing was thrown');
}

/** The diagnostics a CoreError carries in `details.diagnostics`. */
export function diagnosticsOf(error: CoreError): DiagnosticDto[] {
  const details = error.details as { diagnostics?: DiagnosticDto[] } | undefined;
  expect(details?.diagnostics, 'details.diagnostics').toBeInstanceOf(Array);
  return details?.diagnostics ?? [];
}

/** `sh -n`: the script parses as POSIX shell. */
export function expectShellSyntaxOk(script: string): void {
  const result = spawnSync('sh', ['-n'], { input: script, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}
