import type { Handlers } from '../../contract/api';
import type { HandlerContext } from '../context';
import { driftCheck } from '../push/drift';
import { recoverInterrupted } from '../push/recovery';
import { concrete, type ConcretePushRequest } from '../push/target';
import { transact } from '../push/transaction';

type PushHandlers = Pick<Handlers, 'push.diff' | 'push.apply' | 'push.teardown' | 'push.drift' | 'push.adopt' | 'push.recover'>;

/** Runs one controller operation at a time per engine, so two pushes never interleave their writes. */
function serialiser(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}

/** Push (and its dry run, the diff), teardown, drift and adopt: one operation at a time. */
export function pushHandlers(ctx: HandlerContext): PushHandlers {
  const serial = serialiser();
  return {
    'push.diff': (req) => serial(async () => transact(ctx, await concrete(ctx, req), req.teardown ? 'teardown' : 'push', true)),
    // A push or teardown first settles what a crash interrupted on its target.
    'push.apply': (req) => serial(async () => transact(ctx, await recovered(ctx, await concrete(ctx, req)), 'push', false)),
    'push.teardown': (req) => serial(async () => transact(ctx, await recovered(ctx, await concrete(ctx, req)), 'teardown', false)),
    'push.drift': (req) => serial(async () => driftCheck(ctx, await concrete(ctx, req), false)),
    'push.adopt': (req) => serial(async () => driftCheck(ctx, await concrete(ctx, req), true)),
    'push.recover': (req) => serial(async () => recoverInterrupted(ctx, (await concrete(ctx, req)).target)),
  };
}

async function recovered<R extends ConcretePushRequest>(ctx: HandlerContext, req: R): Promise<R> {
  await recoverInterrupted(ctx, req.target);
  return req;
}
