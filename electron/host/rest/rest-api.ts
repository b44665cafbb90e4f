import type { Logger } from '../../../core/service/ports';
import type { Dispatch } from '../dispatch';
import type { MountedRouter } from '../http';
import type { AccessPolicy } from './access';
import type { RestContext } from './context';
import { demiWicmRoutes } from './demi-wicm';
import { EngineClient } from './engine-client';
import { katanaRoutes } from './katana';
import { openApiDocument } from './openapi';
import { createPushStep, type PushConfig, type PushStep } from './push-step';
import { SerialQueue } from './queue';
import { reply, type Route } from './route';
import { createRouter } from './router';
import { tnovaRoutes } from './tnova';

/** Options of {@link createRestApi}. */
export interface RestApiOptions {
  /** The engine's dispatcher (every call goes through the contract). */
  readonly dispatch: Dispatch;
  readonly logger: Logger;
  /** Where pushes go (see `PushConfig`). */
  readonly push: PushConfig;
  /** Who may call (see `accessPolicy`). */
  readonly access: AccessPolicy;
  /** Largest request body in bytes; default 2 MB. */
  readonly bodyLimit?: number;
  readonly now?: () => Date;
}

/** The northbound REST API, ready to mount on the HTTP transport. */
export interface RestApi {
  readonly router: MountedRouter;
  readonly routes: readonly Route[];
  readonly push: PushStep;
  readonly queue: SerialQueue;
}

/**
 * Builds the REST API orchestrators call: demi-wicm, T-NOVA WICM and a Katana WIM over one
 * engine, plus its OpenAPI document at `GET /api/openapi.json`. Mount `router` with
 * `startHttpTransport({ router })`.
 */
export function createRestApi(options: RestApiOptions): RestApi {
  const engine = new EngineClient(options.dispatch);
  const queue = new SerialQueue();
  const push = createPushStep(engine, options.push);
  const ctx: RestContext = { engine, queue, push, logger: options.logger, now: options.now ?? (() => new Date()) };
  const routes: Route[] = [
    { method: 'GET', path: '/api/openapi.json', style: 'wicm', handle: async () => reply(200, openApiDocument) },
    ...demiWicmRoutes(ctx),
    ...tnovaRoutes(ctx),
    ...katanaRoutes(ctx),
  ];
  const router = createRouter({ routes, policy: options.access, logger: options.logger, ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}) });
  return { router, routes, push, queue };
}
