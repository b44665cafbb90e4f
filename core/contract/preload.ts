import type { Envelope } from './errors';
import type { EventMessage } from './events';

/**
 * What the sandboxed preload exposes to the desktop renderer as `window.api`: exactly one
 * call and one event subscription, on fixed channels.
 */
export interface PreloadApi {
  invoke(method: string, req: unknown): Promise<Envelope>;
  onEvent(listener: (event: EventMessage) => void): () => void;
}
