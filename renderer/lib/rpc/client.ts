import type { Method, Req, Res } from '../../../core/contract/api';
import type { Envelope, ErrorCode } from '../../../core/contract/errors';
import type { EventMessage } from '../../../core/contract/events';

/** How bytes travel: IPC in the desktop app, HTTP in browser mode. Components never see it. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(method: string, req: unknown): Promise<Envelope>;
  onEvent(listener: (event: EventMessage) => void): () => void;
}

/** An engine error, with its contract code. */
export class RpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** The typed client: one method per contract entry, envelope unwrapped. */
export interface Client {
  readonly transport: Transport['kind'];
  call<M extends Method>(method: M, req: Req<M>): Promise<Res<M>>;
  onEvent(listener: (event: EventMessage) => void): () => void;
}

/** Wraps a transport in the typed client. */
export function createClient(transport: Transport): Client {
  return {
    transport: transport.kind,
    async call(method, req) {
      const reply = await transport.invoke(method, req);
      if (reply.ok) return reply.value as Res<typeof method>;
      throw new RpcError(reply.error.code, reply.error.message, reply.error.details);
    },
    onEvent: (listener) => transport.onEvent(listener),
  };
}
