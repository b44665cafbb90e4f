import type { Logger } from '../../../core/service/ports';
import type { EngineClient } from './engine-client';
import type { PushStep } from './push-step';
import type { SerialQueue } from './queue';

/** What every API module works with. */
export interface RestContext {
  readonly engine: EngineClient;
  /** Serialises model changes; per-service order; pushes outside the lock (see `SerialQueue`). */
  readonly queue: SerialQueue;
  readonly push: PushStep;
  readonly logger: Logger;
  /** Wall clock (ISO times in replies). */
  readonly now: () => Date;
}
