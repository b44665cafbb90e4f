import type { DiagnosticDto } from '../../../core/contract/dto';
import type { RpcErrorDto } from '../../../core/contract/errors';
import { statusOf } from '../dispatch';

/** How an API family spells its errors. */
export type ErrorStyle = 'wicm' | 'demi' | 'tnova';

/** The machine-readable half of every REST error body. */
export interface RestErrorDto {
  readonly code: string;
  readonly message: string;
  /** RFC 6901 pointer into the request body, when the error is about one of its values. */
  readonly pointer?: string;
}

/**
 * An expected REST failure: HTTP status, a stable code, a message that says what and how to
 * fix it, and optionally where in the body and extra data (a push report, diagnostics…).
 */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly pointer?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'RestError';
  }

  /** The `{code, message, pointer?}` object. */
  toDto(): RestErrorDto {
    return this.pointer === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, pointer: this.pointer };
  }
}

/** An error envelope from the engine, raised by `EngineClient`. */
export class EngineCallError extends Error {
  constructor(
    readonly method: string,
    readonly error: RpcErrorDto,
  ) {
    super(error.message);
    this.name = 'EngineCallError';
  }
}

/**
 * The body of an error in an API family's own shape.
 *
 * - `wicm` (Katana, OpenAPI, unknown paths): `{"error": {code, message, pointer?}, ...details}`
 * - `demi`: the same plus demi-wicm's `{"message": …}`, which its clients print
 * - `tnova`: T-NOVA WICM's `{"error": "<message>"}`, with `code` and `pointer` beside it
 */
export function errorBody(style: ErrorStyle, e: RestError): Record<string, unknown> {
  const extra = e.details ?? {};
  switch (style) {
    case 'tnova':
      return { error: e.message, code: e.code, ...(e.pointer === undefined ? {} : { pointer: e.pointer }), ...extra };
    case 'demi':
      return { message: e.message, error: e.toDto(), ...extra };
    case 'wicm':
      return { error: e.toDto(), ...extra };
  }
}

/**
 * HTTP status of an engine error code: the RPC mapping (`statusOf`), except that REST clients get
 * 501 for a method the engine lacks and 502 for a controller that did not answer (the gateway's
 * upstream failed), as demi-wicm and T-NOVA clients expect.
 */
function statusOfEngineCode(code: RpcErrorDto['code']): number {
  if (code === 'UNKNOWN_METHOD') return 501;
  if (code === 'DRIVER_UNAVAILABLE') return 502;
  return statusOf(code);
}

/**
 * A REST error for an engine error envelope: same code, the status that goes with it, and the
 * JSON pointer of the first error diagnostic or validation issue (the engine parsed the body).
 */
export function fromEngineError(e: EngineCallError): RestError {
  const { code, message, details } = e.error;
  if (code === 'INTERNAL') return new RestError(500, 'INTERNAL', 'Internal error in the WICM engine; the server log has the details.');
  const pointer = firstPointer(details);
  const diagnostics = errorDiagnostics(details);
  return new RestError(
    statusOfEngineCode(code),
    code,
    message,
    pointer,
    diagnostics.length > 0 ? { diagnostics } : undefined,
  );
}

/** Error diagnostics carried in an engine error's details. */
function errorDiagnostics(details: unknown): readonly DiagnosticDto[] {
  const list = isRecord(details) && Array.isArray(details['diagnostics']) ? (details['diagnostics'] as DiagnosticDto[]) : [];
  return list.filter((d) => d.severity === 'error');
}

function firstPointer(details: unknown): string | undefined {
  if (!isRecord(details)) return undefined;
  const diagnostic = errorDiagnostics(details).find((d) => d.pointer !== undefined);
  if (diagnostic?.pointer !== undefined) return diagnostic.pointer;
  const issues = details['issues'];
  if (Array.isArray(issues) && isRecord(issues[0]) && typeof issues[0]['pointer'] === 'string') return issues[0]['pointer'];
  return typeof details['pointer'] === 'string' ? details['pointer'] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
