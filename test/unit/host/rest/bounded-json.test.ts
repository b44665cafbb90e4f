import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../../../core/contract/limits';
import { parseJsonInput, tooDeepAt } from '../../../../electron/host/json-input';
import { fixture, startRest } from './rest-fixture';

const tnova = fixture('tnova-service.json') as Record<string, { request?: unknown; requests?: unknown[] }>;
const BODIES: Readonly<Record<string, unknown>> = {
  '/nap': tnova['POST /nap']!.request,
  '/nfvi': tnova['POST /nfvi']!.requests![0],
  '/vnf-connectivity': tnova['POST /vnf-connectivity']!.request,
};

/**
 * The body with an `ignored` member nested `depth` arrays deep inside its record (`nap`, `nfvi`,
 * `service`), which the handler passes on to JSON.stringify; as text, since stringify cannot.
 */
function withDeepMember(body: unknown, depth: number): string {
  const [key, record] = Object.entries(body as Record<string, Record<string, unknown>>)[0]!;
  return JSON.stringify({ [key]: { ...record, ignored: '@DEEP@' } }).replace('"@DEEP@"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
}

const recordOf = (path: string): string => Object.keys(BODIES[path] as object)[0]!;

/** A value nested `depth` arrays deep, built without recursion. */
function deepValue(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('bounded JSON nesting', () => {
  it('an ignored member nested 100k deep is 400 with its location on /nap, /nfvi and /vnf-connectivity, never 500 (repro)', async () => {
    const h = await startRest();
    for (const [path, body] of Object.entries(BODIES)) {
      const res = await h.call('POST', path, withDeepMember(body, 100_000));
      expect(res.status, `${path}: ${res.text}`).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_INPUT', pointer: `/${recordOf(path)}/ignored${'/0'.repeat(MAX_JSON_DEPTH - 2)}` });
      expect(res.body.error).toMatch(new RegExp(`deeper than ${MAX_JSON_DEPTH} levels \\(line 1, column \\d+, at /${recordOf(path)}/ignored/0/0`));
    }
    expect((await h.call('GET', '/nap')).status).toBe(200);
  });

  it('JSON exactly at the limit is read as before', async () => {
    const h = await startRest();
    const res = await h.call('POST', '/nap', withDeepMember(BODIES['/nap'], MAX_JSON_DEPTH - 2));
    expect(res.status, res.text).toBe(201);
  });

  it('a REST body with broken syntax names line and column', async () => {
    const h = await startRest();
    const res = await h.call('POST', '/nap', '{"nap": {"mkt_id": "x",\n  "switch": }}');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PARSE_FAILED', pointer: '/nap/switch' });
    expect(res.body.error).toMatch(/not valid JSON \(line 2, column 13, at \/nap\/switch\): expected a value/);
  });

  it('an RPC body nested 100k deep is 400 over HTTP, and the server keeps answering', async () => {
    const h = await startRest();
    const post = (method: string, body: string) =>
      fetch(`${h.base}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.transport.token}` }, body });
    const deep = `{"name":"s","inSegment":null,"outSegment":null,"chain":[],"reverseChain":null,"attributes":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const res = await post('services.save', deep);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string; details: { pointer: string } } };
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(body.error.details.pointer).toMatch(/^\/attributes\/x(\/0)+$/);
    expect((await post('app.info', '{}')).status).toBe(200);
  });

  it('a payload handed over already parsed (IPC) is measured too: INVALID_INPUT with the pointer, no stack overflow', async () => {
    const h = await startRest();
    const reply = await h.host.dispatch('services.save', { name: 's', inSegment: null, outSegment: null, chain: [], reverseChain: null, attributes: { x: deepValue(100_000) } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!reply.ok) expect((reply.error.details as { issues: { pointer: string }[] }).issues[0]!.pointer).toMatch(/^\/attributes\/x(\/0)+$/);
    const ok = await h.host.dispatch('services.save', { name: 's', inSegment: null, outSegment: null, chain: [], reverseChain: null, attributes: { x: deepValue(MAX_JSON_DEPTH - 2) } });
    expect(ok.ok).toBe(true);
  });
});

describe('json-input helpers', () => {
  it('parseJsonInput: the pointer of the value that opens one level too many', () => {
    const text = `{"a":[1,{"b":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}]}`;
    const parsed = parseJsonInput(text, 'The body');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.pointer).toBe(`/a/1/b${'/0'.repeat(MAX_JSON_DEPTH - 3)}`);
  });

  it('tooDeepAt agrees with the text scanner on the limit, and shared references stay cheap', () => {
    expect(tooDeepAt(deepValue(MAX_JSON_DEPTH))).toBeNull();
    expect(tooDeepAt(deepValue(MAX_JSON_DEPTH + 1))).toBe('/0'.repeat(MAX_JSON_DEPTH));
    expect(parseJsonInput(JSON.stringify(deepValue(MAX_JSON_DEPTH)), 'x').ok).toBe(true);
    expect(parseJsonInput(JSON.stringify(deepValue(MAX_JSON_DEPTH + 1)), 'x').ok).toBe(false);
    // 40 levels of {a: x, b: x} would be 2^40 paths if shared objects were walked again.
    let shared: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) shared = { a: shared, b: shared };
    expect(tooDeepAt(shared)).toBeNull();
  });
});
