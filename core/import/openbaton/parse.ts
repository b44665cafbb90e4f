import type { ChainEntry, ServiceDraft } from '../shared/draft';
import { collapseConsecutive } from '../shared/draft';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv, ParseOutput } from '../shared/run-parse';
import { own, present, type JsonObject } from '../shared/json-object';
import { INSTANTIATE_ACTION, OPENBATON_ACTIONS, RELEASE_ACTION } from './actions';
import { orderByDependencies, type DependencyEdge } from './dependency-order';
import { dependencySchema, eventSchema, nsrSchema, OPENBATON_HINTS, vnfrSchema } from './schema';
import { placeVnf, type VnfPlacement } from './vnf-placement';

const NOTHING: ParseOutput = { drafts: [], deletions: [] };

/**
 * An Open Baton event (`{"action","payload"}`, as posted to demi-wicm `/nfvo/init` and
 * `/nfvo/delete`) or a bare NSR: INSTANTIATE_FINISH → one service whose chain follows
 * `vnf_dependency`; RELEASE_RESOURCES_FINISH → a deletion keyed by the full NSR id.
 */
export function parseOpenBaton(doc: unknown, env: ParseEnv): ParseOutput {
  const { read, sink } = env;
  const root = read.object(doc, '', 'An Open Baton event');
  if (!root) return NOTHING;
  const isEnvelope = present(root, 'action') || present(root, 'payload');
  const base = isEnvelope ? '/payload' : '';
  const event = isEnvelope ? read.schema(eventSchema, root, '') : undefined;
  if (isEnvelope && !event) return NOTHING;
  const action = event?.action;
  const payload = event?.payload ?? root;

  if (present(payload, 'parent_ns_id') && !present(payload, 'vnfr')) {
    sink.error(
      'OPENBATON_VNFR_EVENT',
      base,
      `The ${action ?? ''} event carries a VNF record, not a network service record; it holds no chain.`,
      `Register the WICM for ${INSTANTIATE_ACTION} and ${RELEASE_ACTION}, which carry the NSR.`,
    );
    return NOTHING;
  }
  const id = read.schema(nsrSchema, payload, base, { hints: OPENBATON_HINTS })?.id;
  if (id === undefined) return NOTHING;

  if (action === RELEASE_ACTION) {
    sink.info('SERVICE_RELEASED', childPointer(base, 'id'), `The release event deletes service "${id}" (a no-op if it was never imported).`);
    return { drafts: [], deletions: [id] };
  }
  if (action !== undefined && action !== INSTANTIATE_ACTION) {
    sink.warning(
      'UNEXPECTED_ACTION',
      '/action',
      OPENBATON_ACTIONS.has(action)
        ? `The event is ${action}, not ${INSTANTIATE_ACTION}; its NSR is imported as it stands.`
        : `Unknown Open Baton action "${action}"; the NSR is imported as it stands.`,
    );
  }
  const status = own(payload, 'status');
  if (status === 'ERROR' || status === 'TERMINATED') {
    sink.warning('NS_STATUS', childPointer(base, 'status'), `The NSR status is ${status}; its VNFs may not be running.`);
  }

  const errorsBefore = sink.errorCount;
  const draft = buildDraft(id, payload, base, action, env);
  return draft && sink.errorCount === errorsBefore ? { drafts: [draft], deletions: [] } : NOTHING;
}

interface Vnf {
  readonly name: string;
  readonly type: string | undefined;
  readonly pointer: string;
  readonly placement: VnfPlacement;
}

function buildDraft(
  id: string,
  nsr: JsonObject,
  base: string,
  action: string | undefined,
  env: ParseEnv,
): ServiceDraft | undefined {
  const { read, sink } = env;
  const records = read.member(nsr, 'vnfr', base, 'array') ?? [];
  if (records.length === 0) {
    sink.error(
      'NO_VNFS',
      childPointer(base, 'vnfr'),
      `NSR "${id}" has no VNF records, so it has no chain.`,
      `Import the ${INSTANTIATE_ACTION} event, which is sent once every VNF record exists.`,
    );
    return undefined;
  }
  const vnfs: Vnf[] = [];
  records.forEach((record, i) => {
    const pointer = childPointer(base, 'vnfr', i);
    const vnfr = read.schema(vnfrSchema, record, pointer, { what: 'A VNF record' });
    if (!vnfr) return;
    const { name } = vnfr;
    const type = read.member(vnfr, 'type', pointer, 'string', { severity: 'warning' });
    vnfs.push({ name, type, pointer, placement: placeVnf(name, vnfr, pointer, env) });
  });
  reportCollisions(vnfs, env);

  if (vnfs.length !== records.length) return undefined;
  // Dependencies name VNFs, so same-named records are one node (reported above).
  const names = [...new Set(vnfs.map((v) => v.name))];
  const nodeOf = new Map(names.map((n, i) => [n, i]));
  const membersOf = names.map(() => [] as Vnf[]);
  for (const vnf of vnfs) membersOf[nodeOf.get(vnf.name) ?? 0]?.push(vnf);
  const edges = readDependencies(nsr, base, nodeOf, env);
  if (edges === undefined) return undefined;
  const result = orderByDependencies(names, edges.map((e) => e.edge));
  if (result.kind === 'cycle') {
    const cycleNames = [...result.cycle, result.cycle[0] ?? 0].map((i) => names[i]).join(' → ');
    const inCycle = new Set(result.cycle);
    const at = edges.find((e) => inCycle.has(e.edge.from) && inCycle.has(e.edge.to));
    sink.error(
      'DEPENDENCY_CYCLE',
      at?.pointer ?? childPointer(base, 'vnf_dependency'),
      `The VNF dependencies form a cycle (${cycleNames}), so they give no chain order.`,
      'Break the cycle in the NSD (Open Baton marks such VNFs cyclicDependency) or enter the chain by hand.',
    );
    return undefined;
  }
  reportShape(result, names, edges.length, vnfs, base, env);

  const ordered = result.order.flatMap((i) => membersOf[i] ?? []);
  const entries: ChainEntry[] = ordered.flatMap((vnf) =>
    vnf.placement.pop === undefined ? [] : [{ pop: vnf.placement.pop, pointer: vnf.placement.pointer, members: [vnf.name] }],
  );
  const name = read.member(nsr, 'name', base, 'string', { severity: 'warning' });
  return {
    id,
    name: name ?? id,
    recordId: id,
    inSegment: null,
    outSegment: null,
    chain: collapseConsecutive(entries, env.pops),
    reverseChain: null,
    pointer: base,
    attributes: {
      nsrId: id,
      shortId: id.split('-', 1)[0] ?? id,
      ...(action === undefined ? {} : { action }),
      ...(typeof own(nsr, 'status') === 'string' ? { status: own(nsr, 'status') } : {}),
      vnfs: ordered.map((v) => ({
        name: v.name,
        type: v.type ?? null,
        pop: v.placement.pop ?? null,
        hostnames: v.placement.hostnames,
        privateIps: v.placement.privateIps,
        floatingIps: v.placement.floatingIps,
      })),
      dependencies: edges.map((e) => ({ source: names[e.edge.from], target: names[e.edge.to] })),
    },
  };
}

interface PointedEdge {
  readonly edge: DependencyEdge;
  readonly pointer: string;
}

/** Edges source → target from `vnf_dependency` (`idType` keys are the source VNF names). */
function readDependencies(
  nsr: JsonObject,
  base: string,
  nodeOf: ReadonlyMap<string, number>,
  env: ParseEnv,
): PointedEdge[] | undefined {
  const { read, sink } = env;
  const raw = read.member(nsr, 'vnf_dependency', base, 'array');
  if (raw === undefined && present(nsr, 'vnf_dependency')) return undefined;
  const edges: PointedEdge[] = [];
  let ok = true;
  (raw ?? []).forEach((record, d) => {
    const pointer = childPointer(base, 'vnf_dependency', d);
    const dep = read.schema(dependencySchema, record, pointer, { what: 'A VNF dependency' });
    if (!dep) {
      ok = false;
      return;
    }
    const { target, idType } = dep;
    const to = nodeOf.get(target);
    if (to === undefined) {
      sink.warning('DANGLING_DEPENDENCY', childPointer(pointer, 'target'), `Dependency target "${target}" is not a VNF of this NSR; the dependency is ignored.`);
      return;
    }
    for (const source of Object.keys(idType)) {
      const from = nodeOf.get(source);
      if (from === undefined) {
        sink.warning('DANGLING_DEPENDENCY', childPointer(pointer, 'idType', source), `Dependency source "${source}" is not a VNF of this NSR; the dependency is ignored.`);
        continue;
      }
      edges.push({ edge: { from, to }, pointer });
    }
  });
  return ok ? edges : undefined;
}

function reportCollisions(vnfs: readonly Vnf[], env: ParseEnv): void {
  const byName = new Map<string, Vnf[]>();
  const byType = new Map<string, Set<string>>();
  for (const vnf of vnfs) {
    byName.set(vnf.name, [...(byName.get(vnf.name) ?? []).slice(0, 1), vnf]);
    if (vnf.type !== undefined) byType.set(vnf.type, (byType.get(vnf.type) ?? new Set()).add(vnf.name));
  }
  for (const [name, [first, second]] of byName) {
    if (!first || !second) continue;
    env.sink.warning(
      'DUPLICATE_VNF_NAME',
      childPointer(second.pointer, 'name'),
      `Several VNF records are named "${name}"; dependencies name VNFs, so they share the same dependencies.`,
    );
  }
  for (const [type, names] of byType) {
    if (names.size < 2) continue;
    const listed = [...names].slice(0, 5).map((n) => `"${n}"`).join(', ');
    env.sink.info(
      'DUPLICATE_VNF_TYPE',
      undefined,
      `VNFs ${listed}${names.size > 5 ? ', …' : ''} share type "${type}"; their dependency parameters (keyed by type) collide. The chain is not affected.`,
    );
  }
}

function reportShape(
  result: Extract<ReturnType<typeof orderByDependencies>, { kind: 'ordered' }>,
  names: readonly string[],
  edgeCount: number,
  vnfs: readonly Vnf[],
  base: string,
  env: ParseEnv,
): void {
  const { sink, pops } = env;
  const depsPtr = childPointer(base, 'vnf_dependency');
  const popCount = new Set(vnfs.flatMap((v) => (v.placement.pop === undefined ? [] : [pops.identity(v.placement.pop)]))).size;
  const ordered = result.order.map((i) => names[i]).join(', ');
  if (names.length > 1 && edgeCount === 0) {
    if (popCount <= 1) {
      sink.info('CHAIN_ORDER_IRRELEVANT', depsPtr, 'The NSR has no VNF dependencies, but all its VNFs run in one PoP, so the chain is that PoP.');
    } else {
      sink.warning(
        'CHAIN_ORDER_UNDETERMINED',
        depsPtr,
        `The NSR has ${names.length} VNFs in ${popCount} PoPs but no vnf_dependency, so their order is unknown; they were ordered by name (${ordered}).`,
        'The vnfr list is a hash set in no particular order; check the chain and reorder it if needed.',
      );
    }
    return;
  }
  if (edgeCount > 0) {
    sink.info(
      'CHAIN_FROM_DEPENDENCIES',
      depsPtr,
      `Chain order follows vnf_dependency (source before target): ${ordered}.`,
      'Dependencies give configuration order; flip the chain if the traffic runs the other way.',
    );
  }
  for (const [v, targets] of result.fanOut) {
    sink.warning(
      'DEPENDENCY_FAN_OUT',
      depsPtr,
      `VNF "${names[v]}" has several dependants (${targets.map((t) => names[t]).join(', ')}); they were chained one after the other.`,
      'A chain is linear: check the order of the parallel branch.',
    );
  }
  for (const [v, sources] of result.fanIn) {
    sink.warning(
      'DEPENDENCY_FAN_IN',
      depsPtr,
      `VNF "${names[v]}" depends on several VNFs (${sources.map((s) => names[s]).join(', ')}); they were chained one after the other before it.`,
      'A chain is linear: check the order of the merging branches.',
    );
  }
  if (result.components.length > 1) {
    const parts = result.components.map((c) => c.map((i) => names[i]).join(' → ')).join(' | ');
    sink.warning(
      'DISJOINT_CHAINS',
      depsPtr,
      `The VNF dependencies form ${result.components.length} separate chains (${parts}); they were joined in that order.`,
      'Add the missing dependency in the NSD, or reorder the chain by hand.',
    );
  }
}
