import type { ChainEntry, ServiceDraft } from '../shared/draft';
import { collapseConsecutive } from '../shared/draft';
import { distinctBy } from '../shared/collections';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv, ParseOutput } from '../shared/run-parse';
import { stableHash } from '../shared/stable-id';
import { isObject, own, present, type JsonObject } from '../shared/json-object';
import { describeJson } from '../../contract/zod-diagnostics';
import type { z } from 'zod';
import { connectionSchema, coreConnectionSchema, createSchema, endPointsSchema, envelopeSchema, KATANA_HINTS, placementSchema, terminateSchema } from './schema';
import { readProbes, readSla, type SliceSla } from './sla';

const NOTHING: ParseOutput = { drafts: [], deletions: [] };

/** Katana roles, in chain order: traffic runs from the radio (edge) side to the core. */
const ROLES = ['radio', 'core'] as const;

/** The Katana suffix of a VIM shared between slices. */
const SHARED_SUFFIX = '_s';

interface Connection {
  readonly chain: readonly ChainEntry[];
  readonly pointer: string;
  readonly locations: Readonly<Record<string, string[]>>;
  readonly pnfs: readonly unknown[];
}

/**
 * Katana `wim_data` (v2.3.6 `connections`, v2.2 `core_connections` + `extra_ns`, v2.0
 * `end_points`) or its Kafka envelope (`create` / `terminate`). Each radio ↔ core connection
 * becomes one service (edge PoP → core PoP); the SLA and probes go into its attributes.
 */
export function parseKatana(doc: unknown, env: ParseEnv): ParseOutput {
  const { read, sink } = env;
  const root = read.object(doc, '', 'A Katana WIM message');
  if (!root) return NOTHING;
  if (!present(root, 'action')) return parseWimData(root, '', env);
  const action = read.schema(envelopeSchema, root, '')?.action;
  if (action === 'terminate') {
    const sliceId = read.schema(terminateSchema, root, '', { hints: KATANA_HINTS })?.data;
    if (!sliceId) return NOTHING;
    sink.info('SLICE_TERMINATED', '/data', `The terminate message deletes the services of slice "${sliceId}" (a no-op if it was never imported).`);
    return { drafts: [], deletions: [sliceId] };
  }
  if (action !== 'create') {
    if (action !== undefined) sink.error('UNKNOWN_ACTION', '/action', `Unknown Katana WIM action "${action}"; expected "create" or "terminate".`);
    return NOTHING;
  }
  const data = read.schema(createSchema, root, '', { hints: KATANA_HINTS })?.data;
  return data ? parseWimData(data, '/data', env) : NOTHING;
}

function parseWimData(data: JsonObject, base: string, env: ParseEnv): ParseOutput {
  const { read, sink } = env;
  if (present(data, 'services-segment')) {
    sink.error(
      'KATANA_V1_UNSUPPORTED',
      childPointer(base, 'services-segment'),
      'This is a Katana v1.0 WAN slice descriptor (services-segment): it names service endpoints, not PoPs, so it has no chain.',
      'Import the wim_data of Katana v2.0 or later.',
    );
    return NOTHING;
  }
  const generation = present(data, 'connections')
    ? 'connections'
    : present(data, 'core_connections') || present(data, 'extra_ns')
      ? 'core_connections'
      : present(data, 'end_points')
        ? 'end_points'
        : undefined;
  if (!generation) {
    sink.error(
      'NO_CONNECTIONS',
      base,
      'The Katana wim_data has none of "connections", "core_connections" or "end_points", so it names no PoP.',
    );
    return NOTHING;
  }
  const errorsBefore = sink.errorCount;
  const rawId = read.member(data, '_id', base, 'string');
  const endPoints = generation === 'end_points' ? read.member(data, 'end_points', base, 'object', { required: true }) : undefined;
  const slaObject = generation === 'end_points' ? data : read.member(data, 'slice_sla', base, 'object', { severity: 'warning' });
  const slaPointer = generation === 'end_points' ? base : childPointer(base, 'slice_sla');
  const sla: SliceSla = readSla(slaObject ?? {}, slaPointer, env);
  const probes = endPoints
    ? readProbes(own(endPoints, 'probes'), childPointer(base, 'end_points', 'probes'), env)
    : readProbes(own(data, 'probes'), childPointer(base, 'probes'), env);

  const connections =
    generation === 'connections'
      ? readConnections(data, base, env)
      : generation === 'core_connections'
        ? readCoreConnections(data, base, env)
        : endPoints
          ? readEndPoints(endPoints, childPointer(base, 'end_points'), env)
          : [];
  const extraPops = generation === 'core_connections' ? readExtraNs(data, base, env) : [];
  if (sink.errorCount > errorsBefore) return NOTHING;

  const sliceId = rawId ?? `katana-${stableHash(JSON.stringify(connections.map((c) => c.chain.map((e) => e.pop))))}`;
  if (rawId === undefined) {
    sink.warning(
      'NO_SLICE_ID',
      base,
      `The wim_data has no slice id ("_id", sent from Katana v2.2.5 on); the services were given the id "${sliceId}", derived from their PoPs.`,
      'Re-importing the same slice gives the same id; a later terminate message cannot match it.',
    );
  }
  if (connections.length === 0) {
    sink.error('NO_CONNECTIONS', base, `Slice "${sliceId}" lists no connection, so it names no PoP.`);
    return NOTHING;
  }
  const drafts: ServiceDraft[] = [];
  const seen = new Map<string, string>();
  for (const connection of connections) {
    const chain = collapseConsecutive(connection.chain, env.pops);
    const key = chain.map((e) => env.pops.identity(e.pop)).join('>');
    const duplicateOf = seen.get(key);
    if (duplicateOf !== undefined) {
      sink.info('DUPLICATE_CONNECTION', connection.pointer, `This connection repeats ${duplicateOf}; it was imported once.`);
      continue;
    }
    seen.set(key, connection.pointer);
    const label = chain.map((e) => e.pop).join('-');
    drafts.push({
      id: `${sliceId}/${label}`,
      name: `slice ${sliceId.split('-', 1)[0] ?? sliceId} ${chain.map((e) => e.pop).join(' → ')}`,
      recordId: sliceId,
      inSegment: null,
      outSegment: null,
      chain,
      reverseChain: null,
      pointer: connection.pointer,
      attributes: {
        sliceId,
        generation,
        sliceSla: sla,
        probes,
        locations: connection.locations,
        ...(connection.pnfs.length > 0 ? { pnfs: connection.pnfs } : {}),
        ...(extraPops.length > 0 ? { extraPops } : {}),
      },
    });
  }
  return { drafts, deletions: [] };
}

/** v2.3.6: `connections[{core: <location>, radio: <location>}]`. */
function readConnections(data: JsonObject, base: string, env: ParseEnv): Connection[] {
  const list = env.read.member(data, 'connections', base, 'array', { required: true }) ?? [];
  return list.flatMap((item, i) => {
    const pointer = childPointer(base, 'connections', i);
    const conn = env.read.schema(connectionSchema, item, pointer, { what: 'A Katana connection' });
    if (!conn) return [];
    reportUnknownRoles(conn, pointer, env);
    const locations: Record<string, string[]> = {};
    const chain: ChainEntry[] = [];
    for (const role of ROLES) {
      const location = conn[role];
      if (location == null) continue;
      locations[role] = [location];
      chain.push({ pop: location, pointer: childPointer(pointer, role), members: [role] });
    }
    return finishConnection(chain, pointer, locations, [], env);
  });
}

/** v2.2–v2.3.5: `core_connections[{core?: {ns[{location, vim}], pnf[]}, radio?: …}]`. */
function readCoreConnections(data: JsonObject, base: string, env: ParseEnv): Connection[] {
  const list = env.read.member(data, 'core_connections', base, 'array') ?? [];
  return list.flatMap((item, i) => {
    const pointer = childPointer(base, 'core_connections', i);
    const conn = env.read.schema(coreConnectionSchema, item, pointer, { what: 'A Katana core connection' });
    if (!conn) return [];
    reportUnknownRoles(conn, pointer, env);
    const locations: Record<string, string[]> = {};
    const chain: ChainEntry[] = [];
    const pnfs: unknown[] = [];
    for (const role of ROLES) {
      const roleData = conn[role];
      if (roleData == null) continue;
      const rolePtr = childPointer(pointer, role);
      const placements = readPlacements(roleData, 'ns', rolePtr, env);
      const rolePnfs = env.read.member(roleData, 'pnf', rolePtr, 'array', { severity: 'warning' }) ?? [];
      pnfs.push(...rolePnfs);
      const entries =
        placements.length > 0
          ? placements
          : rolePnfs.flatMap((p, k) => {
              const location = isObject(p) ? own(p, 'location') : undefined;
              return typeof location === 'string' && location !== ''
                ? [{ pop: location, pointer: childPointer(rolePtr, 'pnf', k, 'location'), location }]
                : [];
            });
      if (entries.length > 1) {
        env.sink.warning(
          'MULTIPLE_PLACEMENTS',
          rolePtr,
          `The ${role} side has ${entries.length} placements (${entries.map((e) => e.pop).join(', ')}); they were chained in the listed order.`,
          'Katana connections are point-to-point; check the chain.',
        );
      }
      locations[role] = entries.map((e) => e.location);
      chain.push(...entries.map((e) => ({ pop: e.pop, pointer: e.pointer, members: [role] })));
    }
    return finishConnection(chain, pointer, locations, pnfs, env);
  });
}

/** v2.0–v2.1: `end_points{vims[], pdus[], probes[]}`, an unordered set of VIMs. */
function readEndPoints(body: JsonObject, pointer: string, env: ParseEnv): Connection[] {
  const endPoints = env.read.schema(endPointsSchema, body, pointer);
  if (!endPoints) return [];
  const chain: ChainEntry[] = endPoints.vims.map((name, i) => ({ pop: name, pointer: childPointer(pointer, 'vims', i) }));
  if (chain.length > 1) {
    env.sink.warning(
      'KATANA_UNORDERED',
      childPointer(pointer, 'vims'),
      `Katana v2.0 end_points list VIMs without an order; the chain follows the list (${chain.map((e) => e.pop).join(' → ')}).`,
      'Reorder the chain if the traffic runs differently.',
    );
  }
  const pdus = own(endPoints, 'pdus');
  return chain.length === 0 ? [] : [{ chain, pointer, locations: {}, pnfs: Array.isArray(pdus) ? pdus : [] }];
}

interface Placement {
  readonly pop: string;
  readonly pointer: string;
  readonly location: string;
}

/** `ns[{location, vim}]` → PoP names: the VIM without Katana's `_s` suffix, else the location. */
function readPlacements(roleData: JsonObject, key: string, rolePtr: string, env: ParseEnv): Placement[] {
  const list = env.read.member(roleData, key, rolePtr, 'array') ?? [];
  const out: Placement[] = [];
  list.forEach((item, k) => {
    const ptr = childPointer(rolePtr, key, k);
    const placement = env.read.schema(placementSchema, item, ptr, { what: 'A Katana NS placement' });
    if (placement) out.push(resolvePlacement(placement, ptr, env));
  });
  return distinctBy(out, (p) => env.pops.identity(p.pop));
}

/** The PoP of a placement: the VIM without Katana's `_s` suffix, else (or when unknown) the location. */
function resolvePlacement(placement: z.infer<typeof placementSchema>, ptr: string, env: ParseEnv): Placement {
  const location = placement.location ?? undefined;
  const vim = placement.vim ?? undefined;
  const shared = vim !== undefined && vim.endsWith(SHARED_SUFFIX) && vim.length > SHARED_SUFFIX.length;
  const vimName = vim !== undefined && shared ? vim.slice(0, -SHARED_SUFFIX.length) : vim;
  if (shared) {
    env.sink.info('SHARED_VIM_SUFFIX', childPointer(ptr, 'vim'), `VIM "${vim}" is shared between slices (Katana "_s" suffix); looked up as "${vimName}".`);
  }
  const useLocation =
    vimName === undefined || (env.pops.hasTopology && !env.pops.isKnown(vimName) && location !== undefined && env.pops.isKnown(location));
  const pop = useLocation ? (location as string) : vimName;
  return { pop, pointer: childPointer(ptr, useLocation ? 'location' : 'vim'), location: location ?? pop };
}

function readExtraNs(data: JsonObject, base: string, env: ParseEnv): string[] {
  const placements = readPlacements(data, 'extra_ns', base, env);
  if (placements.length > 0) {
    env.sink.info(
      'EXTRA_NS',
      childPointer(base, 'extra_ns'),
      `extra_ns places slice functions at ${placements.map((p) => p.pop).join(', ')}; kept as PoPs that must be reachable, not as chain hops.`,
    );
  }
  return placements.map((p) => p.pop);
}

function finishConnection(
  chain: readonly ChainEntry[],
  pointer: string,
  locations: Readonly<Record<string, string[]>>,
  pnfs: readonly unknown[],
  env: ParseEnv,
): Connection[] {
  if (chain.length === 0) {
    env.sink.warning('EMPTY_CONNECTION', pointer, 'This connection names neither a radio nor a core location; it was skipped.');
    return [];
  }
  const roles = ROLES.filter((r) => (locations[r]?.length ?? 0) > 0);
  if (roles.length === 1) {
    env.sink.warning('HALF_CONNECTION', pointer, `This connection has only a ${roles[0]} side; it was imported as a single-PoP chain.`);
  }
  return [{ chain, pointer, locations, pnfs }];
}

function reportUnknownRoles(conn: JsonObject, pointer: string, env: ParseEnv): void {
  for (const key of Object.keys(conn)) {
    if (!(ROLES as readonly string[]).includes(key)) {
      env.sink.warning('UNKNOWN_ROLE', childPointer(pointer, key), `Unknown connection role "${key}" (${describeJson(own(conn, key))}); Katana uses "core" and "radio". It was ignored.`);
    }
  }
}
