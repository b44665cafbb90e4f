import { MAX_NAME_LENGTH, serviceLimitProblems } from '../../../core/contract/limits';
import type { PopDto, ServiceDto, TopologyDto } from '../../../core/contract/dto';
import { planErrors } from '../../../core/plan';
import { isJsonObject, requireObject, type JsonObject } from './body';
import type { RestContext } from './context';
import { RestError } from './errors';
import { reply, type Route } from './route';
import { commitImport, pushOrUndo, removeQuietly, requirePlanned, retire, servicesOf, servicesOfKind, topologyOf, undoOnFailure } from './service-ops';
import { allocatedView, connectivityView, findPop, napView, nfviView, tnovaStatus, type NapExtras } from './tnova-views';

/** What the T-NOVA API remembers beside the model (lost on restart; the model is the truth). */
interface TnovaMemory {
  readonly naps: Map<string, NapExtras>;
  readonly updated: Map<string, Date>;
  readonly terminating: Set<string>;
}

/**
 * The T-NOVA WICM API: `/nap` and `/nfvi` registrations into the topology, and two-phase
 * `/vnf-connectivity` (POST allocates VLANs per PoP per direction → ALLOCATED; PUT pushes →
 * ACTIVE; DELETE tears down). Bodies and states as T-NOVA WICM; errors `{"error": "<message>"}`
 * with `code` (and `pointer`) beside it; statuses corrected (404 unknown, 409 conflicts).
 */
export function tnovaRoutes(ctx: RestContext): Route[] {
  const memory: TnovaMemory = { naps: new Map(), updated: new Map(), terminating: new Set() };
  const route = (method: Route['method'], path: string, handle: Route['handle']): Route => ({ method, path, style: 'tnova', handle });
  const listNaps = async (id: string | undefined) => {
    const t = await topologyOf(ctx);
    const naps = id === undefined ? t.naps : t.naps.filter((n) => n.name === id);
    if (id !== undefined && naps.length === 0) throw new RestError(404, 'NOT_FOUND', `NAP ${id} not found!`);
    return reply(200, { naps: naps.map((n) => napView(t, n, memory.naps.get(n.name))) });
  };
  const deleteNaps = (id: string | undefined) =>
    ctx.queue.run(async () => {
      const t = await topologyOf(ctx);
      const naps = id === undefined ? t.naps : t.naps.filter((n) => n.name === id);
      for (const nap of naps) refuseInUse(await napUsers(ctx, nap.name, false), `NAP ${nap.name}`);
      for (const nap of naps) {
        await ctx.engine.call('topology.remove', { kind: 'nap', id: nap.id });
        memory.naps.delete(nap.name);
      }
      return reply(200, { deleted: naps.length });
    });
  const listNfvis = async (id: string | undefined) => {
    const t = await topologyOf(ctx);
    if (id === undefined) return reply(200, { nfvis: t.pops.map((p) => nfviView(t, p)) });
    const pop = findPop(t, id);
    if (!pop) throw new RestError(404, 'NOT_FOUND', `NFVI ${id} not found!`);
    return reply(200, { nfvis: [nfviView(t, pop, id)] });
  };
  const deleteNfvis = (id: string | undefined) =>
    ctx.queue.run(async () => {
      const t = await topologyOf(ctx);
      const pop = id === undefined ? undefined : findPop(t, id);
      if (id !== undefined && !pop) return reply(200, { deleted: 0 });
      const pops = pop ? [pop] : t.pops;
      for (const p of pops) refuseInUse(await popUsers(ctx, t, p), `NFVI ${p.name}`);
      for (const p of pops) {
        const alias = id !== undefined && p.name.toLowerCase() !== id.toLowerCase();
        if (alias) await ctx.engine.call('topology.update', { kind: 'pop', id: p.id, changes: { aliases: p.aliases.filter((a) => a.toLowerCase() !== id.toLowerCase()) } });
        else await ctx.engine.call('topology.remove', { kind: 'pop', id: p.id });
      }
      return reply(200, { deleted: pops.length });
    });
  const tnovaService = async (id: string): Promise<ServiceDto> => {
    const service = (await servicesOf(ctx, [id])).find((s) => s.id === id && s.provenance?.format === 'tnova');
    if (!service) throw new RestError(404, 'NOT_FOUND', `Service ${id} not found!`);
    return service;
  };
  const listServices = async (id: string | undefined) => {
    const services = id === undefined ? await servicesOfKind(ctx, ['tnova']) : [await tnovaService(id)];
    const t = await topologyOf(ctx);
    const plans = services.length === 0 ? [] : await ctx.engine.call('plan.read', { serviceIds: services.map((s) => s.id) });
    return reply(200, {
      services: services.map((s) =>
        connectivityView(t, s, plans.find((p) => p.serviceId === s.id), tnovaStatus(s, memory.terminating.has(s.id)), memory.updated.get(s.id)),
      ),
    });
  };

  return [
    route('POST', '/nap', async (req) => {
      const nap = requireMember(req.body, 'nap');
      for (const key of ['mkt_id', 'switch', 'ce_port', 'pe_port']) requireKey(nap, key, '/nap');
      requireShortName(nap, '/nap');
      return ctx.queue.run(async () => {
        const inserted = await register(ctx, { nap });
        const name = String(nap['mkt_id']);
        memory.naps.set(name, {
          client_mkt_id: typeof nap['client_mkt_id'] === 'string' ? nap['client_mkt_id'] : null,
          ce_transport: nap['ce_transport'] ?? null,
          pe_transport: nap['pe_transport'] ?? null,
        });
        return reply(201, { inserted });
      });
    }),
    route('GET', '/nap', () => listNaps(undefined)),
    route('GET', '/nap/{mkt_id}', (req) => listNaps(req.params['mkt_id'])),
    route('DELETE', '/nap', () => deleteNaps(undefined)),
    route('DELETE', '/nap/{mkt_id}', (req) => deleteNaps(req.params['mkt_id'])),
    route('POST', '/nfvi', async (req) => {
      const nfvi = requireMember(req.body, 'nfvi');
      for (const key of ['mkt_id', 'switch']) requireKey(nfvi, key, '/nfvi');
      requireShortName(nfvi, '/nfvi');
      if (nfvi['port'] === undefined && nfvi['ce_port'] === undefined) requireKey(nfvi, 'port', '/nfvi');
      return ctx.queue.run(async () => reply(201, { inserted: await register(ctx, { nfvi }) }));
    }),
    route('GET', '/nfvi', () => listNfvis(undefined)),
    route('GET', '/nfvi/{mkt_id}', (req) => listNfvis(req.params['mkt_id'])),
    route('DELETE', '/nfvi', () => deleteNfvis(undefined)),
    route('DELETE', '/nfvi/{mkt_id}', (req) => deleteNfvis(req.params['mkt_id'])),
    route('POST', '/vnf-connectivity', async (req) => {
      const service = requireMember(req.body, 'service');
      for (const key of ['ns_instance_id', 'client_mkt_id', 'nap_mkt_id', 'ce_pe', 'pe_ce']) requireKey(service, key, '/service');
      const id = requireText(service, 'ns_instance_id');
      const napName = requireText(service, 'nap_mkt_id');
      const forward = requireNames(service, 'ce_pe');
      const reverse = requireNames(service, 'pe_ce');
      // The shared limits, checked before anything is stored.
      for (const problem of serviceLimitProblems({ id, name: id, chain: forward, reverseChain: reverse })) {
        const key = { id: 'ns_instance_id', name: 'ns_instance_id', chain: 'ce_pe', reverseChain: 'pe_ce' }[problem.member];
        throw new RestError(400, 'INVALID_INPUT', problem.message, `/service/${key}`);
      }
      return ctx.queue.run(async () => {
        if ((await servicesOf(ctx, [id])).some((s) => s.id === id)) throw new RestError(409, 'CONFLICT', `ns_instance_id "${id}" already in use!`, '/service/ns_instance_id');
        const t = await topologyOf(ctx);
        if (!t.naps.some((n) => n.name === napName)) throw badIds(`NAP "${napName}" is not registered (POST /nap first).`, '/service/nap_mkt_id');
        for (const [key, names] of [['ce_pe', forward], ['pe_ce', reverse]] as const) {
          const unknown = names.findIndex((n) => !findPop(t, n));
          if (unknown >= 0) throw badIds(`NFVI "${names[unknown]}" is not registered (POST /nfvi first).`, `/service/${key}/${unknown}`);
        }
        const holder = (await napUsers(ctx, napName, true))[0];
        if (holder) throw new RestError(409, 'CONFLICT', `NAP ${napName} already serves service ${holder.id}; T-NOVA allows one service per NAP.`, '/service/nap_mkt_id');
        // Everything this request stores goes again if any later step fails (no zombie holding the NAP).
        return undoOnFailure(ctx, [id], async () => {
          const commit = await commitImport(ctx, JSON.stringify({ service }), 'tnova', 'POST /vnf-connectivity', false);
          const created = (await servicesOf(ctx, [id])).find((s) => s.id === id);
          if (!created) throw new Error(`import of T-NOVA service ${id} created nothing`);
          // T-NOVA reaches every PoP on its own VLAN: ask the planner for tags on every visit.
          await ctx.engine.call('services.save', {
            id,
            name: created.name,
            inSegment: created.inSegment,
            outSegment: created.outSegment,
            chain: created.chain,
            reverseChain: created.reverseChain,
            attributes: { ...created.attributes, vlans: true },
          });
          const planned = await ctx.engine.call('plan.compute', { serviceIds: [id] });
          if (planned.plans.flatMap(planErrors).some((d) => d.code === 'VLAN_EXHAUSTED')) {
            await removeQuietly(ctx, commit.created);
            const detail = planned.plans.flatMap(planErrors).find((d) => d.code === 'VLAN_EXHAUSTED')!;
            throw new RestError(409, 'VLAN_EXHAUSTED', 'No vlans available', undefined, { detail: detail.message });
          }
          await requirePlanned(ctx, planned.plans, commit.created);
          const stored = (await servicesOf(ctx, [id])).find((s) => s.id === id)!;
          memory.updated.set(id, ctx.now());
          return reply(201, allocatedView(await topologyOf(ctx), stored, planned.plans.find((p) => p.serviceId === id)));
        });
      }, [id]);
    }),
    route('GET', '/vnf-connectivity', () => listServices(undefined)),
    route('GET', '/vnf-connectivity/{ns_instance_id}', (req) => listServices(req.params['ns_instance_id'])),
    route('PUT', '/vnf-connectivity/{ns_instance_id}', async (req) => {
      const id = req.params['ns_instance_id'] ?? '';
      return ctx.queue.run(async (lease) => {
        const service = await tnovaService(id);
        if (service.state !== 'planned') throw new RestError(409, 'WRONG_STATE', `Service ${id} is not in ALLOCATED state!`);
        ctx.push.requireController('Activating a service');
        await requireVlansApplied(ctx, service);
        try {
          await pushOrUndo(ctx, lease, [id], [], 'Activating a service');
        } catch (e) {
          if (e instanceof RestError && e.code === 'PUSH_FAILED') {
            throw new RestError(502, 'PUSH_FAILED', 'Unable to put redirection in place!', undefined, e.details);
          }
          throw e;
        }
        memory.updated.set(id, ctx.now());
        return reply(201, { activated: { ns_instance_id: id } });
      }, [id]);
    }),
    route('DELETE', '/vnf-connectivity/{ns_instance_id}', async (req) => {
      const id = req.params['ns_instance_id'] ?? '';
      return ctx.queue.run(async (lease) => {
        const service = await tnovaService(id);
        memory.terminating.add(id);
        try {
          await retire(ctx, lease, [service], 'Deleting an ACTIVE service');
        } finally {
          memory.terminating.delete(id);
        }
        memory.updated.delete(id);
        return reply(200, { deleted: { ns_instance_id: id } });
      }, [id]);
    }),
  ];
}

/**
 * Imports one registration body; a registration the topology cannot take (no such switch port)
 * is a 400. Returns 1 when the topology changed, 0 when it already matched.
 */
async function register(ctx: RestContext, body: JsonObject): Promise<number> {
  const outcome = await commitImport(ctx, JSON.stringify(body), 'tnova', `POST /${Object.keys(body)[0] ?? ''}`, false);
  const error = outcome.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new RestError(400, 'INVALID_INPUT', `${error.message}${error.hint ? ` ${error.hint}` : ''}`, error.pointer, { diagnostics: [error] });
  return outcome.registered.length > 0 ? 1 : 0;
}

function requireMember(body: unknown, key: string): JsonObject {
  const root = requireObject(body, 'The body');
  if (root[key] === undefined) throw new RestError(400, 'INVALID_INPUT', `Request must include '${key}'`, `/${key}`);
  return requireObject(root[key], `"${key}"`, `/${key}`);
}

function requireKey(obj: JsonObject, key: string, pointer: string): void {
  if (obj[key] === undefined || obj[key] === null) throw new RestError(400, 'INVALID_INPUT', `Request must include '${key}'`, `${pointer}/${key}`);
}

/** A `mkt_id` within the shared name limit (it becomes a NAP name or a PoP alias). */
function requireShortName(obj: JsonObject, pointer: string): void {
  const value = String(obj['mkt_id']);
  if (value.length > MAX_NAME_LENGTH) {
    throw new RestError(400, 'INVALID_INPUT', `'mkt_id' is ${value.length} characters long; names are at most ${MAX_NAME_LENGTH} characters.`, `${pointer}/mkt_id`);
  }
}

function requireText(service: JsonObject, key: string): string {
  const value = service[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new RestError(400, 'INVALID_INPUT', `'${key}' must be a non-empty string`, `/service/${key}`);
}

function requireNames(service: JsonObject, key: string): string[] {
  const value = service[key];
  if (!Array.isArray(value)) throw new RestError(400, 'INVALID_INPUT', `'${key}' must be a list of NFVI ids`, `/service/${key}`);
  return value.map((v: unknown, i) => {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (isJsonObject(v) && typeof v['nfvi_id'] === 'string') return v['nfvi_id'];
    throw new RestError(400, 'INVALID_INPUT', `'${key}' item ${i} must be an NFVI id`, `/service/${key}/${i}`);
  });
}

function badIds(why: string, pointer: string): RestError {
  return new RestError(400, 'INVALID_INPUT', `Bad value for nap_mkt_id or nfvi_mkt_id: ${why}`, pointer);
}

function refuseInUse(users: readonly ServiceDto[], what: string): void {
  const user = users[0];
  if (user) throw new RestError(409, 'CONFLICT', `${what} is used by service ${user.id}; delete that service first.`);
}

/** The services holding a NAP (T-NOVA's only, or any), in list order: a query, not the fleet. */
function napUsers(ctx: RestContext, nap: string, tnovaOnly: boolean): Promise<readonly ServiceDto[]> {
  return ctx.engine.call('services.find', { attribute: { key: 'napMktId', value: nap }, ...(tnovaOnly ? { formats: ['tnova'] } : {}) });
}

/**
 * The services whose route visits a PoP, in list order: those naming it (its name or an alias)
 * are read by a query, then each name is resolved as a request would resolve it.
 */
async function popUsers(ctx: RestContext, t: TopologyDto, pop: PopDto): Promise<readonly ServiceDto[]> {
  const candidates = await ctx.engine.call('services.find', { names: [pop.name, ...pop.aliases] });
  return candidates.filter((s) => [...s.chain, ...(s.reverseChain ?? [])].some((name) => findPop(t, name)?.id === pop.id));
}

/**
 * T-NOVA PoPs expect tagged traffic. Over OpenDaylight VTN a tag is only applied by a port map
 * (flow filters cannot set a VLAN id): without provisioning nothing would map the per-hop
 * vInterfaces, so the activation is refused with the reason instead of answering 201 untagged.
 */
async function requireVlansApplied(ctx: RestContext, service: ServiceDto): Promise<void> {
  const config = ctx.push.config;
  if (config.mode !== 'controller' || config.target.kind !== 'odl-vtn' || config.provision === true) return;
  const plan = (await ctx.engine.call('plan.read', { serviceIds: [service.id] })).find((p) => p.serviceId === service.id);
  const tags = [...new Set([...(plan?.forward.rules ?? []), ...(plan?.reverse.rules ?? [])].flatMap((r) => (r.vlan === null ? [] : [r.vlan])))];
  if (tags.length === 0) return;
  throw new RestError(
    409,
    'VLANS_NOT_APPLIED',
    `Service ${service.id} needs VLANs ${tags.sort((a, b) => a - b).join(', ')} towards its PoPs, and OpenDaylight VTN applies a VLAN only through a vInterface port map: restart the server with --controller-provision so each hop's vInterface is port-mapped with its VLAN (as T-NOVA's WICM does).`,
  );
}
