import type { ServiceDto } from '../../../core/contract/dto';
import { previewError, requireObject } from './body';
import type { RestContext } from './context';
import { EngineCallError, fromEngineError, RestError } from './errors';
import { SliceBook, sliceOf, type SliceRecord } from './katana-slices';
import { reply, type RestReply, type Route } from './route';
import { commitImport, pushOrUndo, requirePlanned, retire, since, snapshot } from './service-ops';

/** Base path of the Katana WIM endpoints. */
export const KATANA_BASE = '/api/katana';

/**
 * A WIM for the Katana slice manager.
 *
 * - `POST /api/katana/slices` with a `wim_data` body (v2.3.6 `connections`, v2.2
 *   `core_connections`/`extra_ns`, v2.0 `end_points`) creates or updates the slice's
 *   connectivity: Init → Placement (import + plan) → Provisioning (push) → Running, or
 *   `Failed - <reason>`; the reply has the status, the services and per-phase timings.
 * - `POST /api/sm`: the same, where Katana's pre-2020 `odl-wim` plugin posts `wim_data`.
 * - `POST /api/katana/messages`: a Kafka `wan-slice` message (`{"action":"create","data":…}` or
 *   `{"action":"terminate","data":"<slice id>"}`) relayed over HTTP; terminate is idempotent.
 * - `GET /api/katana/slices[/{sliceId}]`, `DELETE /api/katana/slices/{sliceId}` (tear down).
 */
export function katanaRoutes(ctx: RestContext): Route[] {
  const book = new SliceBook(ctx.now);
  const route = (method: Route['method'], path: string, handle: Route['handle']): Route => ({ method, path, style: 'wicm', handle });

  const create = (text: string, file: string): Promise<RestReply> =>
    ctx.queue.run(async () => {
      const started = performance.now();
      const pushing = ctx.push.willPush('Creating a slice');
      const preview = await ctx.engine.call('import.preview', { text, format: 'katana' });
      if (preview.services.length === 0) {
        if (preview.deletions.length > 0) throw new RestError(400, 'INVALID_INPUT', 'This is a terminate message; POST it to /api/katana/messages or DELETE the slice.', '/action');
        throw previewError(preview, 'Invalid wim_data');
      }
      const sliceId = sliceOfPreview(preview.services);
      const record = book.begin(sliceId);
      const before = (await snapshot(ctx)).services.filter((s) => sliceOf(s) === sliceId);
      try {
        if (!preview.importable) throw previewError(preview, 'Invalid wim_data');
        book.enter(record, 'Placement');
        const commit = await commitImport(ctx, text, 'katana', file, true);
        record.services = [...commit.created, ...commit.updated];
        record.timings = { ...record.timings, planMs: since(started) };
        await requirePlanned(ctx, commit.plans, commit.created);
        let push = null;
        if (pushing) {
          book.enter(record, 'Provisioning');
          const pushStarted = performance.now();
          push = (await pushOrUndo(ctx, record.services, commit.created, 'Creating a slice')).report;
          record.timings = { ...record.timings, pushMs: since(pushStarted) };
        }
        // Connections the new wim_data no longer lists go away.
        const dropped = before.filter((s) => !record.services.includes(s.id));
        if (dropped.length > 0) await retire(ctx, dropped, 'Updating a slice');
        record.timings = { ...record.timings, totalMs: since(started) };
        book.finish(record, pushing ? 'Running' : 'Placement');
        const status = before.length === 0 ? 201 : 200;
        return reply(status, { ...recordBody(record), pushed: pushing, push: push ? { ok: push.ok, verified: push.verified, steps: push.steps.length } : null });
      } catch (e) {
        throw failed(book, record, e, started);
      }
    });

  const terminate = (sliceId: string, idempotent: boolean): Promise<RestReply> =>
    ctx.queue.run(async () => {
      const started = performance.now();
      const services = (await snapshot(ctx)).services.filter((s) => sliceOf(s) === sliceId);
      if (services.length === 0) {
        const known = book.view(sliceId, []) !== undefined;
        book.forget(sliceId);
        if (!idempotent && !known) throw new RestError(404, 'NOT_FOUND', `No slice "${sliceId}".`);
        return reply(200, { sliceId, status: 'Terminated', services: [], alreadyAbsent: !known, timings: { planMs: 0, pushMs: 0, totalMs: since(started) } });
      }
      const result = await retire(ctx, services, 'Terminating a running slice');
      book.forget(sliceId);
      return reply(200, { sliceId, status: 'Terminated', services: services.map((s) => s.id), alreadyAbsent: false, timings: { planMs: 0, pushMs: result.pushMs, totalMs: since(started) } });
    });

  return [
    route('POST', `${KATANA_BASE}/slices`, async (req) => {
      requireObject(req.body, 'The wim_data');
      return create(req.text, 'POST /api/katana/slices');
    }),
    route('POST', '/api/sm', async (req) => {
      requireObject(req.body, 'The wim_data');
      return create(req.text, 'POST /api/sm');
    }),
    route('POST', `${KATANA_BASE}/messages`, async (req) => {
      const message = requireObject(req.body, 'A wan-slice message');
      if (message['action'] === 'terminate') {
        if (typeof message['data'] !== 'string' || message['data'] === '') throw new RestError(400, 'INVALID_INPUT', 'A terminate message carries the slice id as "data".', '/data');
        return terminate(message['data'], true);
      }
      if (message['action'] !== 'create') throw new RestError(400, 'INVALID_INPUT', 'The message "action" must be "create" or "terminate".', '/action');
      return create(req.text, 'POST /api/katana/messages');
    }),
    route('GET', `${KATANA_BASE}/slices`, async () => {
      const services = (await snapshot(ctx)).services;
      return reply(200, { slices: book.sliceIds(services).flatMap((id) => book.view(id, services) ?? []) });
    }),
    route('GET', `${KATANA_BASE}/slices/{sliceId}`, async (req) => {
      const id = req.params['sliceId'] ?? '';
      const view = book.view(id, (await snapshot(ctx)).services);
      if (!view) throw new RestError(404, 'NOT_FOUND', `No slice "${id}".`);
      return reply(200, view);
    }),
    route('DELETE', `${KATANA_BASE}/slices/{sliceId}`, (req) => terminate(req.params['sliceId'] ?? '', false)),
  ];
}

function sliceOfPreview(services: readonly ServiceDto[]): string {
  const first = services[0]!;
  const attribute = first.attributes['sliceId'];
  return typeof attribute === 'string' ? attribute : (first.provenance?.recordId ?? first.id);
}

function recordBody(record: SliceRecord): Record<string, unknown> {
  return { sliceId: record.sliceId, status: record.status, services: record.services, timings: record.timings, phases: record.phases };
}

/** Marks the slice `Failed - <reason>` and returns the error with the slice's record in it. */
function failed(book: SliceBook, record: SliceRecord, e: unknown, started: number): unknown {
  const error = e instanceof RestError ? e : e instanceof EngineCallError ? fromEngineError(e) : undefined;
  if (!error) {
    book.finish(record, 'Failed - internal error');
    return e;
  }
  record.timings = { ...record.timings, totalMs: since(started) };
  record.error = error.toDto();
  book.finish(record, `Failed - ${error.message}`);
  return new RestError(error.status, error.code, error.message, error.pointer, { ...error.details, ...recordBody(record) });
}
