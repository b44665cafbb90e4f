import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import type { DiagnosticDto } from '../../../../core/contract/dto';
import { isCoreError, type CoreError } from '../../../../core/util/core-error';

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
