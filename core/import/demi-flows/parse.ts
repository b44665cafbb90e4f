import type { ChainEntry, ServiceDraft } from '../shared/draft';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv, ParseOutput } from '../shared/run-parse';
import { readSegment } from '../shared/segment';
import { own, present, type JsonObject } from '../shared/json-object';
import { describeJson } from '../../contract/zod-diagnostics';
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
  const { read, sink } = env;
  const rawId = own(flow, 'instance_id');
  const id =
    typeof rawId === 'number' && Number.isFinite(rawId)
      ? String(rawId)
      : read.member(flow, 'instance_id', pointer, 'string', { required: true });
  if (typeof rawId === 'number') {
    sink.info('NUMERIC_ID', childPointer(pointer, 'instance_id'), `instance_id ${String(rawId)} is a number; it was read as the string "${String(rawId)}".`);
  }
  const inSegment = readFlowSegment(flow, 'in_seg', pointer, 'Ingress segment', env);
  const outSegment = readFlowSegment(flow, 'out_seg', pointer, 'Egress segment', env);
  const fromList = present(flow, 'VIM list') && !present(flow, 'vims');
  const chain = fromList ? readVimList(flow, pointer, env) : readVims(flow, pointer, env);
  if (id === undefined || chain === undefined || inSegment === undefined || outSegment === undefined) return undefined;
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

function readVims(flow: JsonObject, pointer: string, env: ParseEnv): ChainEntry[] | undefined {
  const { read, sink } = env;
  const vims = read.member(flow, 'vims', pointer, 'array', { required: true, hint: 'List the PoPs as "vims": [{"port": "<pop>", "order": 0}, …].' });
  if (vims === undefined) return undefined;
  const hops: { pop: string; order: number; pointer: string; index: number }[] = [];
  let ok = true;
  vims.forEach((vim, index) => {
    const ptr = childPointer(pointer, 'vims', index);
    const obj = read.object(vim, ptr, 'A vims entry');
    const port = obj && read.member(obj, 'port', ptr, 'string', { required: true });
    const order = obj && read.member(obj, 'order', ptr, 'number', { required: true, hint: '"order" sorts the PoPs (ascending).' });
    if (port === undefined || order === undefined || !obj) {
      ok = false;
      return;
    }
    hops.push({ pop: port, order, pointer: childPointer(ptr, 'port'), index });
  });
  if (!ok) return undefined;
  // Python's sort is stable: equal orders keep input order.
  hops.sort((a, b) => a.order - b.order || a.index - b.index);
  const orders = hops.map((h) => h.order);
  if (new Set(orders).size < orders.length) {
    sink.info('ORDER_TIE', childPointer(pointer, 'vims'), 'Several PoPs share an "order" value; they keep their input order.');
  }
  return hops.map((h) => ({ pop: h.pop, pointer: h.pointer }));
}

function readVimList(flow: JsonObject, pointer: string, env: ParseEnv): ChainEntry[] | undefined {
  const { read, sink } = env;
  const listPtr = childPointer(pointer, 'VIM list');
  const list = read.member(flow, 'VIM list', pointer, 'array', { required: true });
  if (list === undefined) return undefined;
  const names: ChainEntry[] = [];
  let ok = true;
  list.forEach((v, i) => {
    if (typeof v === 'string' && v !== '') names.push({ pop: v, pointer: childPointer(listPtr, i) });
    else {
      sink.error('WRONG_TYPE', childPointer(listPtr, i), `VIM name at ${childPointer(listPtr, i)} must be a non-empty string, got ${describeJson(v)}.`);
      ok = false;
    }
  });
  if (!ok) return undefined;
  sink.info(
    'VIM_LIST_REVERSED',
    listPtr,
    'demi-wicm stores "VIM list" in reverse (egress to ingress) order; the chain is that list reversed.',
  );
  return names.reverse();
}
