import type { PlanDto, ServiceDto, TopologyDefaultsDto } from '../../../core/contract/dto';
import { MAX_ID_LENGTH } from '../../../core/contract/limits';
import { previewError, requireObject, requireString } from './body';
import type { RestContext } from './context';
import { EngineCallError, fromEngineError, RestError } from './errors';
import { reply, type Route } from './route';
import { nsrKeys } from './queue';
import { objectsWritten } from './push-step';
import { commitImport, defaultsOf, pushOrUndo, requirePlanned, retire, servicesOf, servicesOfKind, since, undoOnFailure, type PushResult } from './service-ops';

/** Provenance formats whose services the demi-wicm API shows as flows. */
const FLOW_FORMATS = new Set(['demi-flows', 'openbaton']);

/** demi-wicm's value for a segment nobody set. */
const NOT_SET = 'Not set';

/** How many raw Open Baton events `GET /api/v1/nfvo/delete` keeps (demi-wicm keeps every one, in memory). */
export const EVENT_LOG_LIMIT = 100;
/** How many bytes of raw events it keeps at most (NSRs can be large). */
const EVENT_LOG_BYTES = 4 * 1024 * 1024;

/**
 * The demi-wicm API (`/api/v1/...`): the same request and reply bodies and success statuses as
 * demi-wicm (200 and `[…,200]` on create; a repeated POST re-applies the flow), bodies of the
 * NFVO, source and target routes read as JSON whatever their Content-Type (demi-wicm's
 * `get_json(force=True)`), and errors with real statuses (404 unknown, 400 bad body, 409 id of
 * another API's service, 422 not realisable, 502 controller refused) as JSON
 * `{message, error:{code,message,pointer?}}`. A request that fails changes nothing.
 */
export function demiWicmRoutes(ctx: RestContext): Route[] {
  const route = (method: Route['method'], path: string, handle: Route['handle'], body?: Route['body']): Route => ({ method, path, style: 'demi', handle, ...(body ? { body } : {}) });
  const events = new EventLog(EVENT_LOG_LIMIT, EVENT_LOG_BYTES);
  return [
    route('POST', '/api/v1/flows', async (req) => {
      const body = requireObject(req.body, 'A flow');
      if (body['instance_id'] === undefined) throw new RestError(400, 'INVALID_INPUT', 'Request must include "instance_id", the flow id.', '/instance_id');
      return ctx.queue.run(async (lease) => {
        const pushing = ctx.push.willPush('Creating a flow');
        const preview = await ctx.engine.call('import.preview', { text: req.text, format: 'demi-flows' });
        if (!preview.importable) throw previewError(preview, 'Invalid flow');
        if (preview.services.length !== 1) throw new RestError(400, 'INVALID_INPUT', `POST /api/v1/flows creates one flow; the body holds ${preview.services.length}.`);
        const id = preview.services[0]!.id;
        const other = (await servicesOf(ctx, [id])).find((s) => s.id === id && !FLOW_FORMATS.has(s.provenance?.format ?? ''));
        if (other) {
          throw new RestError(409, 'CONFLICT', `"${id}" is the id of a ${other.provenance?.format ?? 'manual'} service, not of a flow; choose another instance_id.`, '/instance_id');
        }
        // demi-wicm answers a repeated POST by setting the rules again: re-import, re-plan, re-push.
        const started = performance.now();
        return undoOnFailure(ctx, [id], async () => {
          const commit = await commitImport(ctx, req.text, 'demi-flows', 'POST /api/v1/flows', true);
          const planMs = since(started);
          await requirePlanned(ctx, commit.plans, commit.created);
          const push = pushing ? await pushOrUndo(ctx, lease, [id], commit.created, 'Creating a flow') : unpushed();
          return reply(200, [{ flow: { data: body }, wicm: { ...summary(id, commit.plans, planMs, push), reapplied: commit.updated.includes(id) } }, 200]);
        });
      }, [String(body['instance_id'])]);
    }),
    route('GET', '/api/v1/flows', async () => reply(200, { flows: await storedFlows(ctx) })),
    route('GET', '/api/v1/flows/{id}', async (req) => {
      const service = findFlow(await flowCandidates(ctx, req.params['id'] ?? ''), req.params['id'] ?? '');
      return reply(200, { data: flowData(service, await defaultsOf(ctx)), state: service.state });
    }),
    route('DELETE', '/api/v1/flows/{id}', async (req) =>
      ctx.queue.run(async (lease) => {
        const id = req.params['id'] ?? '';
        const service = findFlow(await flowCandidates(ctx, id), id);
        await retire(ctx, lease, [service], 'Deleting a pushed flow');
        return reply(200, 'Resource was deleted');
      }, [req.params['id'] ?? '']),
    ),
    // demi-wicm answers GET /nfvo/init with its flows under "events".
    route('GET', '/api/v1/nfvo/init', async () => reply(200, { events: await storedFlows(ctx) })),
    route(
      'POST',
      '/api/v1/nfvo/init',
      async (req) => {
        requireObject(req.body, 'An Open Baton event');
        events.add(req.body, req.text.length);
        return ctx.queue.run(async (lease) => {
          const pushing = ctx.push.willPush('Realising an NSR');
          const preview = await ctx.engine.call('import.preview', { text: req.text, format: 'openbaton' });
          if (preview.services.length === 0 && preview.deletions.length > 0) {
            throw new RestError(400, 'INVALID_INPUT', 'This is a release event; POST it to /api/v1/nfvo/delete.', '/action');
          }
          if (!preview.importable) throw previewError(preview, 'Invalid Open Baton event');
          const incoming = preview.services[0]!;
          const existing = (await servicesOf(ctx, [incoming.id])).find((s) => s.id === incoming.id);
          const defaults = await defaultsOf(ctx);
          const settled = pushing ? existing?.state === 'pushed' : existing?.state === 'planned' || existing?.state === 'pushed';
          if (existing && settled && sameRouting(existing, incoming)) {
            // The NFVO delivers an event again when it saw no answer: nothing to change.
            return reply(200, [{ flow: [{ data: flowData(existing, defaults) }], wicm: { serviceId: existing.id, state: existing.state, unchanged: true } }, 200]);
          }
          const started = performance.now();
          return undoOnFailure(ctx, preview.services.map((s) => s.id), async () => {
            const commit = await commitImport(ctx, req.text, 'openbaton', 'POST /api/v1/nfvo/init', true);
            const planMs = since(started);
            await requirePlanned(ctx, commit.plans, commit.created);
            const push = pushing ? await pushOrUndo(ctx, lease, [incoming.id], commit.created, 'Realising an NSR') : unpushed();
            const data = flowData(incoming, defaults);
            return reply(200, [{ flow: [{ data }], wicm: summary(incoming.id, commit.plans, planMs, push) }, 200]);
          });
        }, nsrKeys(req.body));
      },
      'forced',
    ),
    // demi-wicm answers GET /nfvo/delete with every raw event posted to init and delete.
    route('GET', '/api/v1/nfvo/delete', async () => reply(200, { events: events.list(), wicm: { kept: events.size, dropped: events.dropped, limit: EVENT_LOG_LIMIT } })),
    route(
      'POST',
      '/api/v1/nfvo/delete',
      async (req) => {
        requireObject(req.body, 'An Open Baton event');
        events.add(req.body, req.text.length);
        return ctx.queue.run(async (lease) => {
          const preview = await ctx.engine.call('import.preview', { text: req.text, format: 'openbaton' });
          if (preview.deletions.length === 0) {
            if (!preview.importable && preview.services.length === 0) throw previewError(preview, 'Invalid Open Baton event');
            throw new RestError(400, 'INVALID_INPUT', 'Expected a RELEASE_RESOURCES_FINISH event naming the NSR in payload.id; an instantiate event goes to /api/v1/nfvo/init.', '/action');
          }
          const ids = new Set(preview.deletions);
          const named = [...ids].filter((id) => id.length > 0 && id.length <= MAX_ID_LENGTH);
          const targets = named.length === 0 ? [] : await ctx.engine.call('services.get', { ids: named, byRecord: true });
          // Open Baton may publish the release twice for one NSR: the second is a no-op.
          if (targets.length === 0) return reply(200, 'Resource was already deleted');
          await retire(ctx, lease, targets, 'Releasing a pushed NSR');
          return reply(200, 'Resource was deleted');
        }, nsrKeys(req.body));
      },
      'forced',
    ),
    ...segmentRoutes(ctx, 'source', 'sourceSegment', 'Source user posted'),
    ...segmentRoutes(ctx, 'target', 'targetSegment', 'Target user posted'),
  ];
}

/**
 * The raw events posted to `/nfvo/init` and `/nfvo/delete`, newest last, in memory like
 * demi-wicm's `events` list but bounded: past `limit` events or `maxBytes` of them the oldest
 * go, and `dropped` counts them.
 */
class EventLog {
  private readonly items: { event: unknown; bytes: number }[] = [];
  private bytes = 0;
  dropped = 0;

  constructor(
    private readonly limit: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.items.length;
  }

  add(event: unknown, bytes: number): void {
    this.items.push({ event, bytes });
    this.bytes += bytes;
    while (this.items.length > 1 && (this.items.length > this.limit || this.bytes > this.maxBytes)) {
      this.bytes -= this.items.shift()!.bytes;
      this.dropped++;
    }
  }

  list(): readonly unknown[] {
    return this.items.map((i) => i.event);
  }
}

/** Every flow in demi-wicm's stored shape. */
async function storedFlows(ctx: RestContext): Promise<Record<string, unknown>[]> {
  const [flows, defaults] = [await servicesOfKind(ctx, [...FLOW_FORMATS]), await defaultsOf(ctx)];
  return flows.map((s) => ({ data: flowData(s, defaults), state: s.state }));
}

/** `GET/PUT /api/v1/source` and `/target`: the default in/out segments of NSR-driven services. */
function segmentRoutes(ctx: RestContext, key: 'source' | 'target', field: keyof TopologyDefaultsDto, posted: string): Route[] {
  const path = `/api/v1/${key}`;
  return [
    {
      method: 'GET',
      path,
      style: 'demi',
      handle: async () => reply(200, { [key]: (await defaultsOf(ctx))[field] ?? NOT_SET }),
    },
    {
      method: 'PUT',
      path,
      style: 'demi',
      body: 'forced',
      handle: async (req) => {
        const body = requireObject(req.body, `The ${key} body`);
        const prefix = requireString(body, key, '', 'give a prefix such as "192.168.10.0/24"');
        return ctx.queue.run(async () => {
          const defaults = await defaultsOf(ctx);
          try {
            await ctx.engine.call('topology.setDefaults', { ...defaults, [field]: prefix });
          } catch (e) {
            if (e instanceof EngineCallError) {
              const error = fromEngineError(e);
              throw new RestError(error.status, error.code, error.message, `/${key}`);
            }
            throw e;
          }
          return reply(200, posted);
        });
      },
    },
  ];
}

/**
 * The flows `id` may name, read alone: the flow with that id, else the Open Baton flows whose id
 * starts with `<id>-` (demi-wicm's short id), found by a key range, never the list of flows.
 */
async function flowCandidates(ctx: RestContext, id: string): Promise<readonly ServiceDto[]> {
  const exact = (await servicesOf(ctx, [id])).filter((s) => FLOW_FORMATS.has(s.provenance?.format ?? ''));
  if (exact.length > 0 || id === '' || id.includes('-') || id.length >= MAX_ID_LENGTH) return exact;
  return ctx.engine.call('services.find', { formats: ['openbaton'], idPrefix: `${id}-` });
}

/** A flow by id; Open Baton flows also by demi-wicm's short id (the NSR id up to its first '-'). */
function findFlow(services: readonly ServiceDto[], id: string): ServiceDto {
  const exact = services.find((s) => s.id === id);
  if (exact) return exact;
  const short = services.filter((s) => s.provenance?.format === 'openbaton' && s.id.split('-', 1)[0] === id);
  if (short.length === 1) return short[0]!;
  throw new RestError(404, 'NOT_FOUND', short.length > 1 ? `Resource not found: "${id}" is the short id of ${short.length} NSRs; use the full id.` : 'Resource not found');
}

/**
 * A flow in demi-wicm's stored shape: manual flows with `vims[{port, order}]`, NSR flows with
 * `"VIM list"` stored egress-first as demi-wicm does (its importer reverses it back).
 */
export function flowData(service: ServiceDto, defaults: TopologyDefaultsDto): Record<string, unknown> {
  const base = {
    instance_id: service.id,
    in_seg: service.inSegment ?? defaults.sourceSegment ?? NOT_SET,
    out_seg: service.outSegment ?? defaults.targetSegment ?? NOT_SET,
  };
  return service.provenance?.format === 'openbaton' || service.attributes['source'] === 'VIM list'
    ? { ...base, 'VIM list': [...service.chain].reverse() }
    : { ...base, vims: service.chain.map((port, order) => ({ port, order })) };
}

function sameRouting(a: ServiceDto, b: ServiceDto): boolean {
  return JSON.stringify([a.inSegment, a.outSegment, a.chain, a.reverseChain]) === JSON.stringify([b.inSegment, b.outSegment, b.chain, b.reverseChain]);
}

function unpushed(): PushResult {
  return { pushed: false, report: null, pushMs: 0 };
}

/** What the WICM did, beside demi-wicm's body: state, flow conditions, phase timings. */
function summary(id: string, plans: readonly PlanDto[], planMs: number, push: PushResult): Record<string, unknown> {
  const plan = plans.find((p) => p.serviceId === id);
  return {
    serviceId: id,
    state: push.pushed ? 'pushed' : 'planned',
    conditions: plan ? [plan.forward.condition, plan.reverse.condition] : [],
    timings: { planMs, pushMs: push.pushMs },
    push: push.report ? { ok: push.report.ok, verified: push.report.verified, steps: objectsWritten(push.report) } : null,
  };
}
