/**
 * Error codes of the contract.
 *
 * Expected failures carry one of these codes; anything else is a bug and crosses the wire as
 * `INTERNAL`.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'PARSE_FAILED'
  | 'CONFLICT'
  | 'UNKNOWN_METHOD'
  | 'DRIVER_UNAVAILABLE'
  | 'PUSH_FAILED'
  | 'INTERNAL';

/** The error half of the envelope. */
export interface RpcErrorDto {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/** The one reply shape of every call, over every transport. */
export type Envelope<T = unknown> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: RpcErrorDto };
