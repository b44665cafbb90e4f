import type { TopologyRegistration } from '../../model';
import type { ChainEntry, ServiceDraft } from '../shared/draft';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv, ParseOutput } from '../shared/run-parse';
import { isObject, own, peekObject, peekString, type JsonObject } from '../shared/json-object';
import { describeJson } from '../../contract/zod-diagnostics';
import { readNap, readNfvi } from './registrations';
import { serviceRequestSchema, serviceSchema, TNOVA_HINTS } from './schema';

interface Found {
  readonly drafts: ServiceDraft[];
  readonly deletions: string[];
  readonly registrations: TopologyRegistration[];
  /** NAP of each service, to report a NAP used twice. */
  readonly napOf: Map<string, { service: string; pointer: string }[]>;
}

/**
 * T-NOVA WICM bodies: `/nap` and `/nfvi` registrations, `/vnf-connectivity` services with
 * independent `ce_pe` (forward) and `pe_ce` (return) chains, their GET/POST replies, or an
 * array of such bodies.
 */
export function parseTnova(doc: unknown, env: ParseEnv): ParseOutput {
  const found: Found = { drafts: [], deletions: [], registrations: [], napOf: new Map() };
  if (Array.isArray(doc)) {
    doc.forEach((body, i) => {
      const obj = env.read.object(body, childPointer('', i), 'A T-NOVA body');
      if (obj) readBody(obj, childPointer('', i), env, found);
    });
  } else {
    const obj = env.read.object(doc, '', 'A T-NOVA body');
    if (obj) readBody(obj, '', env, found);
  }
  checkRegistrations(found, env);
  checkNaps(found, env);
  return found;
}

function readBody(body: JsonObject, pointer: string, env: ParseEnv, found: Found): void {
  const { read, sink } = env;
  let recognised = false;
  const each = (key: string, fn: (item: JsonObject, ptr: string) => void): void => {
    const list = read.member(body, key, pointer, 'array');
    if (list === undefined) return;
    recognised = true;
    list.forEach((item, i) => {
      const ptr = childPointer(pointer, key, i);
      const obj = read.object(item, ptr, `An item of "${key}"`);
      if (obj) fn(obj, ptr);
    });
  };
  const one = (key: string, fn: (item: JsonObject, ptr: string) => void): void => {
    if (own(body, key) === undefined) return;
    recognised = true;
    const obj = read.member(body, key, pointer, 'object');
    if (obj) fn(obj, childPointer(pointer, key));
  };
  const addRegistration = (r: TopologyRegistration | undefined): void => {
    if (r) found.registrations.push(r);
  };
  one('nap', (o, p) => addRegistration(readNap(o, p, env)));
  each('naps', (o, p) => addRegistration(readNap(o, p, env)));
  one('nfvi', (o, p) => addRegistration(readNfvi(o, p, env)));
  each('nfvis', (o, p) => addRegistration(readNfvi(o, p, env)));
  one('service', (o, p) => addService(o, p, true, env, found));
  each('services', (o, p) => addService(o, p, true, env, found));
  one('allocated', (o, p) => addService(o, p, false, env, found));
  one('deleted', (o, p) => {
    const id = read.member(o, 'ns_instance_id', p, 'string', { required: true });
    if (id) found.deletions.push(id);
  });
  one('activated', (_o, p) => sink.info('ACTIVATION_REPLY', p, 'An activation reply changes no service definition.'));
  const error = peekString(body, 'error');
  if (error !== undefined) {
    recognised = true;
    sink.error('TNOVA_ERROR_REPLY', childPointer(pointer, 'error'), `The document is a T-NOVA error reply: ${error}`);
  }
  if (!recognised) {
    sink.error(
      'UNRECOGNISED_BODY',
      pointer,
      'Not a T-NOVA WICM body: expected "nap", "nfvi", "service" (or "naps", "nfvis", "services", "allocated").',
    );
  }
}

function addService(body: JsonObject, pointer: string, napRequired: boolean, env: ParseEnv, found: Found): void {
  const { read, sink } = env;
  const errorsBefore = sink.errorCount;
  const service = read.schema(napRequired ? serviceRequestSchema : serviceSchema, body, pointer, { hints: TNOVA_HINTS });
  const client = read.member(body, 'client_mkt_id', pointer, 'string', { severity: 'warning' });
  if (!service) return;
  const forward = readHops(service.ce_pe, childPointer(pointer, 'ce_pe'), env);
  const reverse = readHops(service.pe_ce, childPointer(pointer, 'pe_ce'), env);
  if (sink.errorCount > errorsBefore || !forward || !reverse) return;
  const id = service.ns_instance_id;
  const nap = service.nap_mkt_id;
  if (reverse.entries.length === 0) {
    sink.info('EMPTY_RETURN_CHAIN', childPointer(pointer, 'pe_ce'), `Service "${id}" has an empty pe_ce list: return traffic goes straight from PE to CE.`);
  }
  const mirrored =
    forward.entries.length === reverse.entries.length &&
    forward.entries.every((e, i) => env.pops.identity(e.pop) === env.pops.identity(reverse.entries[reverse.entries.length - 1 - i]?.pop ?? ''));
  if (!mirrored && reverse.entries.length > 0) {
    sink.info('ASYMMETRIC_PATHS', childPointer(pointer, 'pe_ce'), `Service "${id}" returns through ${reverse.entries.map((e) => e.pop).join(' → ')}, not the mirror of its forward chain.`);
  }
  if (nap) {
    const uses = found.napOf.get(nap) ?? [];
    uses.push({ service: id, pointer: childPointer(pointer, 'nap_mkt_id') });
    found.napOf.set(nap, uses);
  }
  const status = peekString(service, 'status');
  found.drafts.push({
    id,
    name: id,
    recordId: id,
    inSegment: null,
    outSegment: null,
    chain: forward.entries,
    reverseChain: reverse.entries,
    pointer,
    attributes: {
      ...(nap ? { napMktId: nap } : {}),
      ...(client ? { clientMktId: client } : {}),
      ...(status ? { status } : {}),
      ...(forward.vlans.some((v) => v !== null) || reverse.vlans.some((v) => v !== null)
        ? { vlans: { forward: forward.vlans, reverse: reverse.vlans } }
        : {}),
    },
  });
}

interface Hops {
  readonly entries: ChainEntry[];
  readonly vlans: (number | null)[];
}

/** A `ce_pe`/`pe_ce` list: NFVI names (request) or `{nfvi_id | nfvi_mkt_id, transport}` (replies). */
function readHops(list: readonly unknown[], listPtr: string, env: ParseEnv): Hops | undefined {
  const { read, sink } = env;
  const entries: ChainEntry[] = [];
  const vlans: (number | null)[] = [];
  let ok = true;
  list.forEach((hop, i) => {
    const ptr = childPointer(listPtr, i);
    if (typeof hop === 'string' && hop !== '') {
      entries.push({ pop: hop, pointer: ptr });
      vlans.push(null);
      return;
    }
    const obj = isObject(hop) ? hop : undefined;
    const idKey = obj && (own(obj, 'nfvi_mkt_id') !== undefined ? 'nfvi_mkt_id' : 'nfvi_id');
    const name = obj && idKey ? read.member(obj, idKey, ptr, 'string', { required: true }) : undefined;
    if (!obj || !idKey || !name) {
      if (!obj) sink.error('WRONG_TYPE', ptr, `Hop at ${ptr} must be an NFVI id string or an object with "nfvi_id", got ${describeJson(hop)}.`);
      ok = false;
      return;
    }
    entries.push({ pop: name, pointer: childPointer(ptr, idKey) });
    const vlan = own(peekObject(obj, 'transport') ?? {}, 'vlan_id');
    vlans.push(typeof vlan === 'number' && Number.isInteger(vlan) ? vlan : null);
  });
  return ok ? { entries, vlans } : undefined;
}

function checkRegistrations(found: Found, env: ParseEnv): void {
  const seen = new Set<string>();
  for (const r of found.registrations) {
    const key = `${r.kind}:${r.id}`;
    if (seen.has(key)) {
      env.sink.warning('DUPLICATE_REGISTRATION', r.pointer, `${r.kind.toUpperCase()} "${r.id}" is registered more than once; the last one wins.`);
    }
    seen.add(key);
  }
}

function checkNaps(found: Found, env: ParseEnv): void {
  const registered = new Set(found.registrations.flatMap((r) => (r.kind === 'nap' ? [r.id.toLowerCase()] : [])));
  const topology = env.ctx.topology;
  const known = new Set(
    (Array.isArray(topology?.naps) ? topology.naps : []).flatMap((n) => [n.id, n.name].filter((s) => typeof s === 'string').map((s) => s.toLowerCase())),
  );
  for (const [nap, uses] of found.napOf) {
    const first = uses[0];
    if (!first) continue;
    if (uses.length > 1) {
      env.sink.warning(
        'NAP_IN_USE',
        uses[1]?.pointer,
        `NAP "${nap}" serves ${uses.length} services (${uses.slice(0, 5).map((u) => u.service).join(', ')}${uses.length > 5 ? ', …' : ''}); T-NOVA allows one service per NAP.`,
      );
    }
    if (topology && !known.has(nap.toLowerCase()) && !registered.has(nap.toLowerCase())) {
      env.sink.warning('UNKNOWN_NAP', first.pointer, `NAP "${nap}" is not a NAP of the project.`, 'Register it (a /nap body) or add it in the topology editor.');
    }
  }
}
