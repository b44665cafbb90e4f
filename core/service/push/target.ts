import type { ControllerTargetDto, PushRequestDto } from '../../contract/api';
import type { HttpClient } from '../../drivers';
import { DEFAULT_ONOS_APP_ID, driverEntry, journalTarget } from '../../drivers';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import { provisionOf, resolveProfile } from '../profiles';
import { limitedClient } from './limit';

/** A push request whose target is spelled out (a profile reference resolved). */
export type ConcretePushRequest = Omit<PushRequestDto, 'target'> & { readonly target: ControllerTargetDto };

/** The request with its profile reference (lab or saved) resolved to a concrete target. */
export async function concrete<R extends PushRequestDto>(ctx: HandlerContext, req: R): Promise<Omit<R, 'target'> & ConcretePushRequest> {
  const provision = provisionOf(req);
  return { ...req, target: await resolveProfile(ctx, req.target), ...(provision ? { provision } : {}) };
}

/** Project meta key of the project's ONOS application id. */
const APP_ID_META = 'onos_app_id';

/**
 * The target with the project's own ONOS application id when none is given: every flow of the
 * application is taken as the project's, so two projects must never share one. The id is made
 * once per project and kept in it (`org.wicm.studio.p<hex>`).
 */
export function resolveTarget(ctx: HandlerContext, target: ControllerTargetDto): ControllerTargetDto {
  if (target.kind !== 'onos' || target.appId !== undefined) return target;
  const stored = ctx.session.db.meta.get(APP_ID_META);
  if (stored !== null) return { ...target, appId: stored };
  const appId = ctx.ports.ids.next(`${DEFAULT_ONOS_APP_ID}.p`);
  ctx.session.touch((db) => db.meta.set(APP_ID_META, appId));
  return { ...target, appId };
}

/**
 * The HTTP client of the drivers, or DRIVER_UNAVAILABLE. With a target: at most the driver's
 * `maxConcurrency` requests in flight to it, across every push, teardown and drift check.
 */
export function requireHttp(ctx: HandlerContext, target?: ControllerTargetDto): HttpClient {
  const http = ctx.ports.http;
  if (http === undefined) throw new CoreError('DRIVER_UNAVAILABLE', 'This engine has no HTTP client, so it cannot reach controllers: run it through the app, `wicm serve` or the CLI.');
  return target === undefined ? http : limitedClient(http, journalTarget(target), driverEntry(target.kind).defaults.maxConcurrency);
}

/** A fresh journal transaction id (`tx-<time>-<hex>`). */
export function nextTxId(ctx: HandlerContext): string {
  return ctx.ports.ids.next(`tx-${ctx.ports.clock.now().getTime().toString(36)}-`);
}
