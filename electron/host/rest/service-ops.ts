import type { ImportCommitDto } from '../../../core/contract/api';
import type { PlanDto, ServiceDto, TopologyDefaultsDto, TopologyDto } from '../../../core/contract/dto';
import { MAX_ID_LENGTH } from '../../../core/contract/limits';
import { planErrors } from '../../../core/plan';
import type { RestContext } from './context';
import { EngineCallError, RestError } from './errors';
import type { Lease } from './queue';
import { failureSummary, type PushOutcome, type PushReport } from './push-step';

/**
 * The steps the three APIs share, each through the engine's contract. Callers run them inside
 * `ctx.queue` so one request's import → plan → push (or teardown → remove) is never
 * interleaved with another request's model changes.
 */

/** Services pushed by a request, and how long each phase took. */
export interface PushResult {
  readonly pushed: boolean;
  readonly report: PushReport | null;
  readonly pushMs: number;
}

/** Whether a service has redirections installed on a controller. */
export function isInstalled(service: ServiceDto): boolean {
  return service.state === 'pushed' || service.state === 'drifted';
}

/** The topology alone (no services, no layout): what a request resolves names against. */
export function topologyOf(ctx: RestContext): Promise<TopologyDto> {
  return ctx.engine.call('topology.read', {});
}

/** The default in/out segments (nothing else is read). */
export function defaultsOf(ctx: RestContext): Promise<TopologyDefaultsDto> {
  return ctx.engine.call('topology.defaults', {});
}

/** The services of one kind (provenance formats), for the list endpoints: never the whole project. */
export function servicesOfKind(ctx: RestContext, formats: readonly string[]): Promise<readonly ServiceDto[]> {
  return ctx.engine.call('services.find', { formats });
}

/**
 * The services whose id or provenance record id (NSR, slice) is one of `ids`, read by a query
 * over those rows. An id no service can have names none.
 */
export function servicesOfRecord(ctx: RestContext, ids: readonly string[]): Promise<readonly ServiceDto[]> {
  const possible = ids.filter((id) => id.length > 0 && id.length <= MAX_ID_LENGTH);
  return possible.length === 0 ? Promise.resolve([]) : ctx.engine.call('services.get', { ids: possible, byRecord: true });
}

/**
 * The services named that exist (read by id, not the fleet). An id no service can have (empty,
 * or over the id length limit) names none.
 */
export function servicesOf(ctx: RestContext, ids: readonly string[]): Promise<readonly ServiceDto[]> {
  const possible = ids.filter((id) => id.length > 0 && id.length <= MAX_ID_LENGTH);
  return possible.length === 0 ? Promise.resolve([]) : ctx.engine.call('services.get', { ids: possible });
}

/** Imports a document with a forced format; import errors become 400s pointing into the body. */
export async function commitImport(ctx: RestContext, text: string, format: string, fileName: string, plan: boolean): Promise<ImportCommitDto> {
  return ctx.engine.call('import.commit', { text, format, fileName, plan });
}

/**
 * Refuses plans with errors: the services this request created are removed again (the
 * orchestrator was told it failed, so a retry must not meet a half-made service) and the
 * request answers 422 with the planner's findings.
 */
export async function requirePlanned(ctx: RestContext, plans: readonly PlanDto[], created: readonly string[], code = 'PLAN_FAILED'): Promise<void> {
  const errors = plans.flatMap(planErrors);
  if (errors.length === 0) return;
  await removeQuietly(ctx, created);
  const first = errors[0]!;
  throw new RestError(
    422,
    code,
    `The request cannot be realised on this WAN: ${first.message}${first.hint ? ` (${first.hint})` : ''}.`,
    undefined,
    { diagnostics: errors },
  );
}

/**
 * Pushes services when the server has a controller; on a refused or failed push the services
 * this request created are removed (the controller's journal already undid its part) and the
 * request answers 502 with the failed step.
 */
export async function pushOrUndo(ctx: RestContext, lease: Lease, ids: readonly string[], created: readonly string[], what: string): Promise<PushResult> {
  if (!ctx.push.willPush(what)) return { pushed: false, report: null, pushMs: 0 };
  let outcome: PushOutcome;
  try {
    outcome = await ctx.push.apply(ids, lease);
  } catch (e) {
    await removeQuietly(ctx, created);
    throw e;
  }
  if (!outcome.report.ok) {
    ctx.logger.warn(`REST push of ${ids.join(', ')} refused: ${outcome.report.message}`);
    await removeQuietly(ctx, created);
    throw new RestError(502, 'PUSH_FAILED', `The controller refused the redirections of ${ids.join(', ')}: ${outcome.report.message} ${undoneText(outcome.report)}`, undefined, failureSummary(outcome.report));
  }
  await markState(ctx, ids, 'pushed');
  return { pushed: true, report: outcome.report, pushMs: outcome.ms };
}

/**
 * Removes services: those with redirections on a controller are torn down first (503 without a
 * controller, 502 and nothing removed when the controller refuses), then deleted from the model.
 */
export async function retire(ctx: RestContext, lease: Lease, services: readonly ServiceDto[], what: string): Promise<PushResult> {
  const installed = services.filter(isInstalled).map((s) => s.id);
  let result: PushResult = { pushed: false, report: null, pushMs: 0 };
  if (installed.length > 0) {
    ctx.push.requireController(what);
    const outcome = await ctx.push.teardown(installed, lease);
    if (!outcome.report.ok) {
      ctx.logger.warn(`REST teardown of ${installed.join(', ')} refused: ${outcome.report.message}`);
      throw new RestError(502, 'PUSH_FAILED', `The controller refused to remove the redirections of ${installed.join(', ')}: ${outcome.report.message} The services were kept.`, undefined, failureSummary(outcome.report));
    }
    result = { pushed: true, report: outcome.report, pushMs: outcome.ms };
  }
  await removeQuietly(ctx, services.map((s) => s.id));
  return result;
}

function undoneText(report: PushReport): string {
  const undone = `${report.undone} applied step(s) were undone`;
  return report.verified ? `${undone}; the controller is back as it was.` : `${undone}, but the read-back could not confirm the controller is back as it was.`;
}

/**
 * Runs a request's model change so that a failure changes nothing: the services `ids` as they
 * were before are put back (a service the request created is removed, one it changed is saved,
 * planned and set to its old state again), then the error goes on to the client. A service the
 * failed request left installed on a controller is kept and logged, never silently orphaned.
 */
export async function undoOnFailure<T>(ctx: RestContext, ids: readonly string[], run: () => Promise<T>): Promise<T> {
  const wanted = new Set(ids);
  const before = (await servicesOf(ctx, [...wanted])).filter((s) => wanted.has(s.id));
  try {
    return await run();
  } catch (e) {
    try {
      await restoreServices(ctx, ids, before);
    } catch (undo) {
      ctx.logger.error(`REST: could not undo the failed request on ${ids.join(', ')}`, undo instanceof Error ? undo.stack : undo);
    }
    throw e;
  }
}

/** Puts services back as they were in `before` (absent there = removed). */
async function restoreServices(ctx: RestContext, ids: readonly string[], before: readonly ServiceDto[]): Promise<void> {
  const now = new Map((await servicesOf(ctx, ids)).map((s) => [s.id, s]));
  const replan: string[] = [];
  for (const id of ids) {
    const current = now.get(id);
    const old = before.find((s) => s.id === id);
    if (current === undefined && old === undefined) continue;
    if (old === undefined) {
      if (isInstalled(current!)) {
        ctx.logger.error(`REST: service ${id} of a failed request is installed on the controller; it is kept so it can be torn down.`);
        continue;
      }
      await removeQuietly(ctx, [id]);
      continue;
    }
    if (current !== undefined && JSON.stringify(stored(current)) === JSON.stringify(stored(old))) continue;
    await ctx.engine.call('services.save', {
      id,
      name: old.name,
      inSegment: old.inSegment,
      outSegment: old.outSegment,
      chain: old.chain,
      reverseChain: old.reverseChain,
      attributes: old.attributes,
    });
    if (old.state !== 'draft') replan.push(id);
  }
  if (replan.length > 0) await ctx.engine.call('plan.compute', { serviceIds: replan });
  const after = new Map((await servicesOf(ctx, before.map((s) => s.id))).map((s) => [s.id, s]));
  for (const old of before) {
    const state = after.get(old.id)?.state;
    if (state !== undefined && state !== old.state) await ctx.engine.call('services.setState', { id: old.id, state: old.state });
  }
}

/** What `services.save` sets (the state and plan follow from it). */
function stored(s: ServiceDto): unknown {
  return [s.name, s.inSegment, s.outSegment, s.chain, s.reverseChain, s.attributes];
}

/** Deletes services, ignoring those already gone. */
export async function removeQuietly(ctx: RestContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    try {
      await ctx.engine.call('services.remove', { id });
    } catch (e) {
      if (!(e instanceof EngineCallError && e.error.code === 'NOT_FOUND')) throw e;
    }
  }
}

/** Sets the lifecycle state of services whose state differs. */
export async function markState(ctx: RestContext, ids: readonly string[], state: ServiceDto['state']): Promise<void> {
  const services = await servicesOf(ctx, ids);
  for (const id of ids) {
    const service = services.find((s) => s.id === id);
    if (service && service.state !== state) await ctx.engine.call('services.setState', { id, state });
  }
}

/** Milliseconds since `start` (performance.now()), rounded to 0.1 ms. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
