import type { Handlers, Method } from '../../core/contract/api';
import type { Envelope, ErrorCode } from '../../core/contract/errors';
import { MAX_JSON_DEPTH } from '../../core/contract/limits';
import { isMethod, validateRequest } from '../../core/contract/validate';
import type { Logger } from '../../core/service/ports';
import { isCoreError } from '../../core/util/core-error';
import { tooDeepAt } from './json-input';

/** The one entry point of every transport: method name + untrusted payload → envelope. */
export type Dispatch = (method: string, req: unknown) => Promise<Envelope>;

/**
 * Builds the dispatcher: rejects unknown methods, validates the request against the contract's
 * schema, runs the handler, and turns whatever it throws into the envelope. Bugs become
 * `INTERNAL` (logged here with their stack; the stack is sent only when `exposeStacks`).
 */
export function createDispatch(handlers: Handlers, logger: Logger, options: { readonly exposeStacks?: boolean } = {}): Dispatch {
  return async (method, req) => {
    if (!isMethod(method)) {
      return failure('UNKNOWN_METHOD', `Unknown method '${method}'. Methods look like 'topology.get'; see core/contract/api.ts.`);
    }
    const deep = tooDeepAt(req);
    if (deep !== null) {
      const message = `Invalid request for ${method}: ${deep}: nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels; no request needs more than a few.`;
      return failure('INVALID_INPUT', message, { issues: [{ pointer: deep, message: `nests deeper than ${MAX_JSON_DEPTH} levels` }] });
    }
    const checked = validateRequest(method, req);
    if (!checked.ok) {
      const where = checked.issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ');
      return failure('INVALID_INPUT', `Invalid request for ${method}: ${where}`, { issues: checked.issues });
    }
    try {
      const handler = handlers[method] as (r: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(checked.value) };
    } catch (e) {
      if (isCoreError(e)) return failure(e.code, e.message, e.details);
      logger.error(`${method} failed`, e instanceof Error ? e.stack : e);
      const message = e instanceof Error ? e.message : String(e);
      return failure('INTERNAL', `Internal error in ${method}: ${message}`, options.exposeStacks && e instanceof Error ? { stack: e.stack } : undefined);
    }
  };
}

function failure(code: ErrorCode, message: string, details?: unknown): Envelope {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** HTTP status that goes with an error code. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
    case 'PARSE_FAILED':
      return 400;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_METHOD':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'DRIVER_UNAVAILABLE':
      return 503;
    case 'PUSH_FAILED':
      return 502;
    case 'INTERNAL':
      return 500;
  }
}

export type { Method };
