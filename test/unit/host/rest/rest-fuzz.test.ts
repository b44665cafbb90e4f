import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureText, startRest } from './rest-fixture';

const tnova = fixture('tnova-service.json') as Record<string, { request?: unknown; requests?: unknown[] }>;
const demi = fixture('demi-flows.json') as Record<string, { request?: unknown }>;
const katana = JSON.parse(fixtureText('katana-wim-data.json')) as unknown;
const katanaV22 = JSON.parse(fixtureText('katana-wim-data-v2.2.json')) as unknown;
const messages = Object.values(fixture('katana-wim-messages.json') as Record<string, unknown>);
const openbaton = JSON.parse(fixtureText('openbaton-nsr-instantiate.json')) as unknown;

/** Real bodies per route: the fuzz bends these so it reaches past the first type check. */
const SEEDS: Readonly<Record<string, readonly unknown[]>> = {
  'POST /api/v1/flows': [demi['POST /api/v1/flows']!.request],
  'POST /api/v1/nfvo/init': [openbaton],
  'POST /api/v1/nfvo/delete': [openbaton],
  'POST /api/katana/slices': [katana, katanaV22],
  'POST /api/sm': [katanaV22],
  'POST /api/katana/messages': messages,
  'POST /nap': [tnova['POST /nap']!.request],
  'POST /nfvi': tnova['POST /nfvi']!.requests!,
  'POST /vnf-connectivity': [tnova['POST /vnf-connectivity']!.request],
  'PUT /vnf-connectivity/{ns_instance_id}': [tnova['POST /vnf-connectivity']!.request],
};

/** Values of the wrong type (or of the right one, now and then) for any member. */
const wrong: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, 4096, '', ' ', 'x', '10.0.0.0/33', '\u001b]0;x\u0007', [], {}, [null], { a: 1 }),
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Paths into a JSON value (members and indices), to pick one to replace. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], limit = 400): (string | number)[][] {
  if (out.length >= limit) return out;
  out.push(prefix);
  if (Array.isArray(value)) value.slice(0, 8).forEach((v, i) => paths(v, [...prefix, i], out, limit));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out, limit);
  return out;
}

/** Paths to the objects in a value (where a member can be added). */
function objectPaths(value: unknown): (string | number)[][] {
  const found = paths(value).filter((p) => {
    const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], value);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  });
  return found.length > 0 ? found : [[]];
}

function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

/** A body as text: a seed with one member bent, a stray value, a deep member, or broken JSON. */
function bodyFor(key: string): fc.Arbitrary<string | undefined> {
  const seeds = SEEDS[key] ?? [{}];
  const bent = fc.constantFrom(...seeds).chain((seed) => fc.tuple(fc.constant(seed), fc.constantFrom(...paths(seed)), wrong)).map(([seed, path, value]) => JSON.stringify(replaceAt(seed, path, value)));
  // A deep member inside any object of the seed (handlers stringify records they pass on).
  const deep = fc
    .constantFrom(...seeds)
    .chain((seed) => fc.tuple(fc.constant(seed), fc.constantFrom(...objectPaths(seed)), fc.oneof(fc.integer({ min: 60, max: 70 }), fc.constant(100_000))))
    .map(([seed, path, depth]) => JSON.stringify(replaceAt(seed, [...path, 'deep'], '@DEEP@')).replace('"@DEEP@"', `${'['.repeat(depth)}${']'.repeat(depth)}`));
  const broken = fc.constantFrom(...seeds).chain((seed) => {
    const text = JSON.stringify(seed);
    return fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
  });
  return fc.oneof(bent, bent, deep, broken, wrong.map((v) => JSON.stringify(v)), fc.constant(undefined));
}

/** Path parameters: ids, odd strings, percent-encodings (valid or not). */
const param = fc.oneof(fc.constantFrom('596k92', 'c2_nap1', 'nfvi1', '%E0%A4%A', '%00', '..', 'x'.repeat(300), '%2F', '\u202e'), fc.string({ minLength: 1, maxLength: 12 }));

describe('REST fuzz: every route, generated wrong types and deep nesting, 0 × 5xx', () => {
  it('answers every request below 500 and keeps serving', async () => {
    const h = await startRest({ fakePush: 'ok' });
    const routes = h.api.routes.map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path}` }));
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const request = fc.constantFrom(...routes).chain((route) => fc.record({ route: fc.constant(route), body: bodyFor(route.key), params: fc.array(param, { minLength: 2, maxLength: 2 }) }));
    let cases = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, body, params }) => {
        let i = 0;
        const path = route.path.replace(/\{[^}]+\}/g, () => {
          const p = params[i++]!;
          return /%/.test(p) ? p : encodeURIComponent(p);
        });
        const res = await fetch(`${h.base}${path}`, {
          method: route.method,
          headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
          ...(body === undefined || route.method === 'GET' ? {} : { body }),
        });
        const text = await res.text();
        cases++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${route.key} ${path} ${body?.slice(0, 200)} → ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(() => JSON.parse(text || 'null')).not.toThrow();
      }),
      { numRuns: 400 },
    );
    expect(cases).toBe(400);
    if (process.env.WICM_FUZZ_REPORT) console.log(`REST fuzz: ${cases} cases, statuses`, Object.fromEntries(statuses));
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect((await h.call('GET', '/nap')).status).toBe(200);
    expect((await h.call('GET', '/api/openapi.json')).status).toBe(200);
  });
});
