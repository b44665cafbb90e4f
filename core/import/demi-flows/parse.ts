import type { ChainEntry, ServiceDraft } from '../shared/draft';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv, ParseOutput } from '../shared/run-parse';
import { readSegment } from '../shared/segment';
import { own, present, type JsonObject } from '../shared/json-object';
import { FLOW_HINTS, vimListFlowSchema, vimsFlowSchema } from './schema';
import { findFlows } from './unwrap';

/**
 * demi-wicm manual flows (`instance_id, in_seg, out_seg, vims[{port, order}]`, sorted by
 * `order`, ties in input order) and stored flows (`VIM list`, kept by demi-wicm in reverse).
 */
export function parseDemiFlows(doc: unknown, env: ParseEnv): ParseOutput {
  const drafts: ServiceDraft[] = [];
  if (Array.isArray(doc) && doc.length === 2 && typeof doc[1] === 'number') {
    env.sink.info('RESPONSE_ARRAY', '/1', `demi-wicm wraps its replies as [body, ${String(doc[1])}]; the body was read.`);
  }
  for (const { value, pointer } of findFlows(doc)) {
    const errorsBefore = env.sink.errorCount;
    const flow = env.read.object(value, pointer, 'A demi-wicm flow');
    const draft = flow && parseFlow(flow, pointer, env);
    if (draft && env.sink.errorCount === errorsBefore) drafts.push(draft);
  }
  return { drafts, deletions: [] };
}

function parseFlow(flow: JsonObject, pointer: string, env: ParseEnv): ServiceDraft | undefined {
  const { sink } = env;
  const rawId = own(flow, 'instance_id');
  if (typeof rawId === 'number') {
    sink.info('NUMERIC_ID', childPointer(pointer, 'instance_id'), `instance_id ${String(rawId)} is a number; it was read as the string "${String(rawId)}".`);
  }
  const body = typeof rawId === 'number' ? { ...flow, instance_id: String(rawId) } : flow;
  const fromList = present(flow, 'VIM list') && !present(flow, 'vims');
  const checked = fromList ? readVimList(body, pointer, env) : readVims(body, pointer, env);
  const inSegment = readFlowSegment(flow, 'in_seg', pointer, 'Ingress segment', env);
  const outSegment = readFlowSegment(flow, 'out_seg', pointer, 'Egress segment', env);
  if (!checked || inSegment === undefined || outSegment === undefined) return undefined;
  const { id, chain } = checked;
  if (fromList && /^[0-9a-f]{8}$/i.test(id)) {
    sink.info(
      'TRUNCATED_NSR_ID',
      childPointer(pointer, 'instance_id'),
      `Flow "${id}" was created from an Open Baton NSR whose id demi-wicm cut at the first "-".`,
      'Import the Open Baton NSR itself to keep the full id, so later release events match it.',
    );
  }
  chain.forEach((entry, i) => {
    const prev = chain[i - 1];
    if (prev && env.pops.identity(prev.pop) === env.pops.identity(entry.pop)) {
      sink.warning(
        'CONSECUTIVE_SAME_POP',
        entry.pointer,
        `Flow "${id}" visits PoP "${entry.pop}" twice in a row; kept as two hops as written.`,
        'Remove one of them if the VNFs there are visited in a single pass.',
      );
    }
  });
  return {
    id,
    name: id,
    recordId: id,
    inSegment,
    outSegment,
    chain,
    reverseChain: null,
    pointer,
    attributes: { instanceId: id, source: fromList ? 'VIM list' : 'vims' },
  };
}

function readFlowSegment(flow: JsonObject, key: string, pointer: string, label: string, env: ParseEnv): string | null | undefined {
  const raw = own(flow, key);
  if (raw === 'Not set') {
    env.sink.info('SEGMENT_NOT_SET', childPointer(pointer, key), `${label} is "Not set" (demi-wicm's initial value); the project default applies.`);
    return null;
  }
  return readSegment(raw, childPointer(pointer, key), label, env.sink);
}

interface FlowChain {
  readonly id: string;
  readonly chain: readonly ChainEntry[];
}

/** A manual flow: the chain is `vims` by `order`, equal orders in input order (Python's stable sort). */
function readVims(body: JsonObject, pointer: string, env: ParseEnv): FlowChain | undefined {
  const flow = env.read.schema(vimsFlowSchema, body, pointer, { hints: FLOW_HINTS });
  if (!flow) return undefined;
  const hops = flow.vims.map((vim, index) => ({ pop: vim.port, order: vim.order, pointer: childPointer(pointer, 'vims', index, 'port'), index }));
  hops.sort((a, b) => a.order - b.order || a.index - b.index);
  const orders = hops.map((h) => h.order);
  if (new Set(orders).size < orders.length) {
    env.sink.info('ORDER_TIE', childPointer(pointer, 'vims'), 'Several PoPs share an "order" value; they keep their input order.');
  }
  warnTextOrder(body, hops, pointer, env);
  return { id: flow.instance_id, chain: hops.map((h) => ({ pop: h.pop, pointer: h.pointer })) };
}

/**
 * demi-wicm sorts `order` values as they come: numbers given as text sort as text ("10" before
 * "2"). They are read as numbers here; when that gives another chain than demi-wicm's, say so.
 */
function warnTextOrder(body: JsonObject, hops: readonly { pop: string; index: number }[], pointer: string, env: ParseEnv): void {
  const vims = own(body, 'vims');
  if (!Array.isArray(vims)) return;
  const raw = vims.map((v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['order'] : undefined));
  if (!raw.some((o) => typeof o === 'string')) return;
  const asText = raw.map((o, index) => ({ key: String(o).trim(), index })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  if (asText.every((t, i) => t.index === hops[i]?.index)) return;
  env.sink.warning(
    'ORDER_AS_TEXT',
    childPointer(pointer, 'vims'),
    `"order" is given as text; demi-wicm would sort it as text (so "10" comes before "2"), while it is read here as numbers: ${hops.map((h) => h.pop).join(' → ')}.`,
    'Send "order" as JSON numbers so every WICM builds the same chain.',
  );
}

/** A stored flow: demi-wicm keeps `VIM list` from egress to ingress, so the chain is it reversed. */
function readVimList(body: JsonObject, pointer: string, env: ParseEnv): FlowChain | undefined {
  const flow = env.read.schema(vimListFlowSchema, body, pointer);
  if (!flow) return undefined;
  const listPtr = childPointer(pointer, 'VIM list');
  env.sink.info(
    'VIM_LIST_REVERSED',
    listPtr,
    'demi-wicm stores "VIM list" in reverse (egress to ingress) order; the chain is that list reversed.',
  );
  return { id: flow.instance_id, chain: flow['VIM list'].map((pop, i) => ({ pop, pointer: childPointer(listPtr, i) })).reverse() };
}
