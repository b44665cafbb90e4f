import type { Method, Req, Res } from '../../../core/contract/api';
import type { Dispatch } from '../dispatch';
import { EngineCallError } from './errors';

/**
 * The engine's contract as plain async calls: the value on success, `EngineCallError` on an
 * error envelope. Every REST handler goes through this (never the store), so each change is
 * validated like an RPC and announced to the UI by the engine's events.
 */
export class EngineClient {
  constructor(private readonly dispatch: Dispatch) {}

  /** Calls a method of the contract. */
  async call<M extends Method>(method: M, req: Req<M>): Promise<Res<M>> {
    const envelope = await this.dispatch(method, req);
    if (!envelope.ok) throw new EngineCallError(method, envelope.error);
    return envelope.value as Res<M>;
  }
}
