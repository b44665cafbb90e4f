import type { ErrorCode } from '../contract/errors';

/**
 * An expected failure with a contract error code.
 *
 * Throw it for bad input, missing objects and conflicts; the dispatcher turns it into
 * `{ok:false, error:{code, message, details}}`. Plain `Error`s are bugs and become `INTERNAL`.
 */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.details = details;
  }
}

/** Whether a value is a CoreError (also across realms / bundles). */
export function isCoreError(e: unknown): e is CoreError {
  return e instanceof CoreError || (e instanceof Error && e.name === 'CoreError' && 'code' in e);
}
