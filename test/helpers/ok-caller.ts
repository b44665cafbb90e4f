import type { Envelope } from '../../core/contract/errors';

/** A caller of the engine's dispatch that returns an ok reply's value and throws on an error reply. */
export type OkCaller = <T>(method: string, req: unknown) => Promise<T>;

/**
 * Wraps `dispatch` for tests that expect every call to succeed: an error reply throws, naming the
 * method and the error's code and message, so the failing call shows in the test output.
 */
export function okCaller(dispatch: (method: string, req: unknown) => Promise<Envelope>): OkCaller {
  return async <T>(method: string, req: unknown): Promise<T> => {
    const reply = await dispatch(method, req);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  };
}
