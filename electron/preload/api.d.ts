import type { Envelope } from '../../core/contract/errors';
import type { EventMessage } from '../../core/contract/events';

/** What the preload exposes as `window.api` (desktop mode only). */
export interface PreloadApi {
  invoke(method: string, req: unknown): Promise<Envelope>;
  onEvent(listener: (event: EventMessage) => void): () => void;
}
