import type { Handlers } from '../../contract/api';
import type { HandlerContext } from '../context';
import { driftCheck } from '../push/drift';
import { recoverOnce, recoverTarget } from '../push/recovery';
import { ScopeLock } from '../push/scope-lock';
import { concrete, type ConcretePushRequest } from '../push/target';
import { transact } from '../push/transaction';

type PushHandlers = Pick<Handlers, 'push.diff' | 'push.apply' | 'push.teardown' | 'push.drift' | 'push.adopt' | 'push.recover'>;

/**
 * Push (and its dry run, the diff), teardown, drift and adopt. Operations about the same
 * services (or about all of them) run one at a time, in arrival order; operations about
 * unrelated services run side by side, bounded per controller by its concurrency limit.
 */
export function pushHandlers(ctx: HandlerContext): PushHandlers {
  const lock = new ScopeLock();
  const serial = <T>(req: { readonly serviceIds?: readonly string[] }, work: () => Promise<T>): Promise<T> => lock.run(req.serviceIds ?? null, work);
  return {
    'push.diff': (req) => serial(req, async () => transact(ctx, await concrete(ctx, req), req.teardown ? 'teardown' : 'push', true)),
    // A push or teardown first settles what a crash interrupted on its target (once per target).
    'push.apply': (req) => serial(req, async () => transact(ctx, await recovered(ctx, await concrete(ctx, req)), 'push', false)),
    'push.teardown': (req) => serial(req, async () => transact(ctx, await recovered(ctx, await concrete(ctx, req)), 'teardown', false)),
    'push.drift': (req) => serial(req, async () => driftCheck(ctx, await concrete(ctx, req), false)),
    'push.adopt': (req) => serial(req, async () => driftCheck(ctx, await concrete(ctx, req), true)),
    'push.recover': (req) => serial({}, async () => recoverTarget(ctx, (await concrete(ctx, req)).target)),
  };
}

async function recovered<R extends ConcretePushRequest>(ctx: HandlerContext, req: R): Promise<R> {
  await recoverOnce(ctx, req.target);
  return req;
}
