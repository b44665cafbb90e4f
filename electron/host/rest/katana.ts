import type { ServiceDto } from '../../../core/contract/dto';
import { MAX_NAME_LENGTH } from '../../../core/contract/limits';
import { previewError, requireObject } from './body';
import type { RestContext } from './context';
import { EngineCallError, fromEngineError, RestError } from './errors';
import { SliceBook, sliceOf, type SliceRecord } from './katana-slices';
import { reply, type RestReply, type Route } from './route';
import { commitImport, pushOrUndo, requirePlanned, retire, servicesOfKind, servicesOfRecord, since, topologyOf, undoOnFailure } from './service-ops';
import { findPop } from './tnova-views';
import { objectsWritten } from './push-step';

/** Most VIM registrations kept. */
const MAX_VIMS = 1000;

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
  /** VIMs Katana announced (in memory; their credentials are never kept). */
  const vims = new Map<string, KatanaVim>();
  const route = (method: Route['method'], path: string, handle: Route['handle']): Route => ({ method, path, style: 'wicm', handle });
  /** The services of one slice (by their provenance record id), read alone. */
  const sliceServices = async (sliceId: string) => (await servicesOfRecord(ctx, [sliceId])).filter((s) => sliceOf(s) === sliceId);

  const create = (text: string, file: string): Promise<RestReply> =>
    ctx.queue.run(async (lease) => {
      const started = performance.now();
      const pushing = ctx.push.willPush('Creating a slice');
      const preview = await ctx.engine.call('import.preview', { text, format: 'katana' });
      if (preview.services.length === 0) {
        if (preview.deletions.length > 0) throw new RestError(400, 'INVALID_INPUT', 'This is a terminate message; POST it to /api/katana/messages or DELETE the slice.', '/action');
        throw previewError(preview, 'Invalid wim_data');
      }
      const sliceId = sliceOfPreview(preview.services);
      const record = book.begin(sliceId);
      const before = await sliceServices(sliceId);
      try {
        if (!preview.importable) throw previewError(preview, 'Invalid wim_data');
        book.enter(record, 'Placement');
        // A failed placement or provisioning puts the slice's connections back as they were.
        const push = await undoOnFailure(ctx, preview.services.map((s) => s.id), async () => {
          const commit = await commitImport(ctx, text, 'katana', file, true);
          record.services = [...commit.created, ...commit.updated];
          record.timings = { ...record.timings, planMs: since(started) };
          await requirePlanned(ctx, commit.plans, commit.created);
          if (!pushing) return null;
          book.enter(record, 'Provisioning');
          const pushStarted = performance.now();
          const report = (await pushOrUndo(ctx, lease, record.services, commit.created, 'Creating a slice')).report;
          record.timings = { ...record.timings, pushMs: since(pushStarted) };
          return report;
        });
        // Connections the new wim_data no longer lists go away.
        const dropped = before.filter((s) => !record.services.includes(s.id));
        if (dropped.length > 0) await retire(ctx, lease, dropped, 'Updating a slice');
        record.timings = { ...record.timings, totalMs: since(started) };
        book.finish(record, pushing ? 'Running' : 'Placement');
        const status = before.length === 0 ? 201 : 200;
        return reply(status, { ...recordBody(record), pushed: pushing, push: push ? { ok: push.ok, verified: push.verified, steps: objectsWritten(push) } : null });
      } catch (e) {
        throw failed(book, record, e, started);
      }
    });

  const terminate = (sliceId: string, idempotent: boolean): Promise<RestReply> =>
    ctx.queue.run(async (lease) => {
      const started = performance.now();
      const services = await sliceServices(sliceId);
      if (services.length === 0) {
        const known = book.view(sliceId, []) !== undefined;
        book.forget(sliceId);
        if (!idempotent && !known) throw new RestError(404, 'NOT_FOUND', `No slice "${sliceId}".`);
        return reply(200, { sliceId, status: 'Terminated', services: [], alreadyAbsent: !known, timings: { planMs: 0, pushMs: 0, totalMs: since(started) } });
      }
      const result = await retire(ctx, lease, services, 'Terminating a running slice');
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
    route('GET', `${KATANA_BASE}/slices`, async (req) => {
      const services = await servicesOfKind(ctx, ['katana']);
      return reply(200, { slices: book.sliceIds(services).flatMap((id) => book.view(id, services, req.origin) ?? []) });
    }),
    route('GET', `${KATANA_BASE}/slices/{sliceId}`, async (req) => {
      const id = req.params['sliceId'] ?? '';
      const view = book.view(id, await sliceServices(id), req.origin);
      if (!view) throw new RestError(404, 'NOT_FOUND', `No slice "${id}".`);
      return reply(200, view);
    }),
    route('DELETE', `${KATANA_BASE}/slices/{sliceId}`, (req) => terminate(req.params['sliceId'] ?? '', false)),
    // Katana v0.1–v1.0 (`wimUtils.register_vim`) posts every VIM it adds to <wim url>/api/addvim.
    route('POST', '/api/addvim', async (req) => {
      const vim = vimOf(requireObject(req.body, 'The VIM registration'));
      const topology = await topologyOf(ctx);
      const pop = [vim.location, vim.name, vim.id].flatMap((n) => (n === null ? [] : [findPop(topology, n)])).find((p) => p !== undefined);
      if (!vims.has(vim.key) && vims.size >= MAX_VIMS) throw new RestError(409, 'CONFLICT', `${MAX_VIMS} VIMs are already registered; restart the server to forget them.`);
      vims.set(vim.key, vim);
      const message = pop
        ? `VIM ${vim.label} noted: slices placed on it use PoP ${pop.name}.`
        : `VIM ${vim.label} noted, but no PoP or alias of the project is named ${[vim.location, vim.name, vim.id].filter((n) => n !== null).map((n) => `"${n}"`).join(' or ')}: add one as an alias of the PoP that reaches it.`;
      return reply(200, { vim: publicVim(vim), pop: pop?.name ?? null, message });
    }),
    route('GET', `${KATANA_BASE}/vims`, async () => reply(200, { vims: [...vims.values()].map(publicVim) })),
  ];
}

/** What is kept of a Katana VIM registration: names and place, never username or password. */
interface KatanaVim {
  readonly key: string;
  readonly label: string;
  readonly id: string | null;
  readonly name: string | null;
  readonly location: string | null;
  readonly type: string | null;
}

function vimOf(body: Readonly<Record<string, unknown>>): KatanaVim {
  const text = (key: string): string | null => {
    const value = body[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_NAME_LENGTH) : null;
  };
  const id = text('id') ?? text('_id');
  const name = text('name');
  const location = text('location');
  const key = id ?? name ?? location;
  if (key === null) throw new RestError(400, 'INVALID_INPUT', 'A VIM registration names its VIM: give "id", "name" or "location".', '/id');
  return { key, label: `"${name ?? id ?? location}"`, id, name, location, type: text('type') };
}

function publicVim(vim: KatanaVim): Record<string, unknown> {
  return { id: vim.id, name: vim.name, location: vim.location, type: vim.type };
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
