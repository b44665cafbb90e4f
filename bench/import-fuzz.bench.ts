/**
 * Robustness of the NSR importers: mutates the reference payloads (drop, duplicate, retype and
 * rename fields, truncate, huge arrays, dependency cycles, deep nesting, BOMs, oversized input)
 * and checks that `previewImport` never throws, answers each case within 1 s, and gives every
 * rejection an error diagnostic. Seeded (FUZZ_SEED), FUZZ_CASES cases (default 10 000), bounded
 * to ~55 s. Prints one JSON line per metric; exits 1 when an invariant fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { TopologyDto } from '../core/contract/dto';
import { importers, MAX_INPUT_BYTES, previewImport, type ImportContext } from '../core/import';
import { seededRandom } from '../test/helpers/seeded-random';

const SEED = Number(process.env.FUZZ_SEED ?? 20240501);
const TARGET_CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const BUDGET_MS = 55_000;
const CASE_LIMIT_MS = 1_000;
/** Largest JSON the "huge array" mutation aims for (bigger inputs are covered by the size case). */
const HUGE_TARGET_CHARS = 400_000;

const fixtures = new URL('../test/fixtures/', import.meta.url);
const topology = JSON.parse(readFileSync(new URL('import/topology.json', fixtures), 'utf8')) as TopologyDto;
const seeds = loadSeeds();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const rng = seededRandom;

const random = rng(SEED);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

function loadSeeds(): { name: string; doc: Json }[] {
  const out: { name: string; doc: Json }[] = [];
  const payloads = ['openbaton-nsr-instantiate.json', 'openbaton-nsr-release.json', 'katana-wim-data.json', 'katana-wim-data-v2.2.json', 'sol005-nsinstance.json', 'osm-nsr.json'];
  for (const f of payloads) out.push({ name: f, doc: JSON.parse(readFileSync(new URL(`reference/${f}`, fixtures), 'utf8')) as Json });
  for (const format of ['demi-flows', 'tnova', 'katana']) {
    const dir = new URL(`import/${format}/`, fixtures);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('expected.'))) {
      out.push({ name: `${format}/${f}`, doc: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Json });
    }
  }
  return out;
}

interface Slot {
  readonly parent: Json[] | { [key: string]: Json } | null;
  readonly key: string | number | null;
  readonly value: Json;
}

/** Every node of a document (iterative; capped so huge inputs stay cheap). */
function slots(doc: Json): Slot[] {
  const out: Slot[] = [{ parent: null, key: null, value: doc }];
  for (let i = 0; i < out.length && out.length < 20_000; i++) {
    const v = (out[i] as Slot).value;
    if (Array.isArray(v)) v.forEach((child, k) => out.push({ parent: v, key: k, value: child }));
    else if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) out.push({ parent: v, key: k, value: child });
  }
  return out;
}

function set(slot: Slot, value: Json, root: { doc: Json }): void {
  if (slot.parent === null) root.doc = value;
  else if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else slot.parent[slot.key as string] = value;
}

function strings(doc: Json): string[] {
  return slots(doc).flatMap((s) => (typeof s.value === 'string' ? [s.value] : []));
}

const RETYPES: (() => Json)[] = [
  () => null,
  () => 0,
  () => -1.5,
  () => 1e308,
  () => true,
  () => '',
  () => 'x'.repeat(int(5000)),
  () => [],
  () => ({}),
  () => [null, 1, 'a', {}],
  () => '\u0000\ud800',
  () => '192.168.10.0/33',
];

type Mutation = (root: { doc: Json }) => void;

const MUTATIONS: Record<string, Mutation> = {
  drop(root) {
    const s = pick(slots(root.doc).filter((x) => x.parent !== null));
    if (!s || s.parent === null) return;
    if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
    else delete s.parent[s.key as string];
  },
  duplicate(root) {
    const s = pick(slots(root.doc).filter((x) => x.parent !== null));
    if (!s || s.parent === null) return;
    const copy = structuredClone(s.value);
    if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 0, copy);
    else s.parent[`${s.key as string}${pick(['', '_copy', 'Copy'])}`] = copy;
  },
  retype(root) {
    set(pick(slots(root.doc)), pick(RETYPES)(), root);
  },
  rename(root) {
    const s = pick(slots(root.doc).filter((x) => x.parent !== null && !Array.isArray(x.parent)));
    if (!s || s.parent === null || Array.isArray(s.parent)) return;
    delete s.parent[s.key as string];
    s.parent[pick([`${s.key as string}s`, (s.key as string).toUpperCase(), (s.key as string).slice(1), 'constructor', '__proto__'])] = s.value;
  },
  swapString(root) {
    const pool = strings(root.doc);
    const s = pick(slots(root.doc).filter((x) => typeof x.value === 'string'));
    if (s && pool.length > 0) set(s, pick(pool), root);
  },
  hugeArray(root) {
    const arrays = slots(root.doc).filter((x) => Array.isArray(x.value) && (x.value as Json[]).length > 0);
    const s = pick(arrays);
    if (!s) return;
    const element = pick(s.value as Json[]);
    const size = JSON.stringify(element)?.length ?? 4;
    const n = Math.max(10, Math.min(20_000, Math.floor(HUGE_TARGET_CHARS / Math.max(size, 1))));
    const mode = int(3);
    const huge: Json[] = Array.from({ length: n }, (_, i) =>
      mode === 0 ? element : mode === 1 ? structuredClone(element) : typeof element === 'string' ? `${element}-${i}` : element,
    );
    set(s, huge, root);
  },
  cycle(root) {
    const payload = (root.doc as { payload?: { vnf_dependency?: Json[]; vnfr?: { name?: string }[] } })?.payload;
    const names = Array.isArray(payload?.vnfr) ? payload.vnfr.map((v) => v?.name).filter((n): n is string => typeof n === 'string') : [];
    if (!payload || !Array.isArray(payload.vnf_dependency) || names.length === 0) return MUTATIONS.swapString?.(root);
    const a = pick(names);
    const b = pick(names);
    payload.vnf_dependency.push({ target: a, idType: { [b]: b } }, { target: b, idType: { [a]: a } });
  },
  longChain(root) {
    const payload = (root.doc as { payload?: { vnf_dependency?: Json[]; vnfr?: Json[] } })?.payload;
    if (!payload || !Array.isArray(payload.vnfr)) return MUTATIONS.hugeArray?.(root);
    const n = 1000 + int(4000);
    payload.vnfr = Array.from({ length: n }, (_, i) => ({ name: `v${i}`, type: 't', vdu: [{ vimInstanceName: [`pop-${i % 7}`] }] }));
    payload.vnf_dependency = Array.from({ length: n - 1 }, (_, i) => ({ target: `v${(i * 7919 + 1) % n}`, idType: { [`v${i}`]: 't' } }));
  },
  nest(root) {
    let v: Json = root.doc;
    for (let i = 0, depth = 40 + int(60); i < depth; i++) v = random() < 0.5 ? [v] : { nest: v };
    root.doc = v;
  },
  shuffle(root) {
    const arrays = slots(root.doc).filter((x) => Array.isArray(x.value));
    const s = pick(arrays);
    if (!s) return;
    const a = s.value as Json[];
    for (let i = a.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [a[i], a[j]] = [a[j] as Json, a[i] as Json];
    }
  },
};

/** Mutations that grow the document a lot. */
const GROWTH: ReadonlySet<string> = new Set(['hugeArray', 'longChain']);

type TextMutation = (text: string) => string;

const TEXT_MUTATIONS: Record<string, TextMutation> = {
  truncate: (t) => t.slice(0, int(t.length)),
  bom: (t) => `\uFEFF${t}`,
  garbage: (t) => {
    const at = int(t.length);
    return `${t.slice(0, at)}${pick(['}', ']', ',', '"', '\\', 'NaN', '\u0001', '{{', "'"])}${t.slice(at)}`;
  },
  pretty: (t) => JSON.stringify(JSON.parse(t), null, 2),
};

interface Failure {
  readonly index: number;
  readonly seed: string;
  readonly mutations: readonly string[];
  readonly problem: string;
}

function main(): void {
  const started = performance.now();
  const failures: Failure[] = [];
  let cases = 0;
  let exceptions = 0;
  let rejectionsWithoutError = 0;
  let rejections = 0;
  let slow = 0;
  let maxMs = 0;
  let previewMs = 0;
  const formats = importers.map((i) => i.id);
  for (; cases < TARGET_CASES && performance.now() - started < BUDGET_MS; cases++) {
    const seed = pick(seeds);
    const root = { doc: structuredClone(seed.doc) };
    const applied: string[] = [];
    const count = 1 + int(3);
    for (let m = 0; m < count; m++) {
      const name = pick(Object.keys(MUTATIONS).filter((n) => !GROWTH.has(n)));
      applied.push(name);
      MUTATIONS[name]?.(root);
    }
    // At most one growth mutation, last, so sizes stay bounded (copies share structure).
    if (random() < 0.06) {
      const name = pick([...GROWTH]);
      applied.push(name);
      MUTATIONS[name]?.(root);
    }
    let text = JSON.stringify(root.doc) ?? 'null';
    if (random() < 0.25) {
      const name = pick(Object.keys(TEXT_MUTATIONS));
      applied.push(name);
      text = TEXT_MUTATIONS[name]?.(text) ?? text;
    }
    if (cases % 2500 === 1234) {
      applied.push('oversize');
      text = `${text}${' '.repeat(MAX_INPUT_BYTES)}`;
    }
    const ctx: ImportContext = random() < 0.5 ? { now: '2024-05-01T00:00:00Z', topology } : { now: '2024-05-01T00:00:00Z', fileName: seed.name };
    const format = random() < 0.1 ? pick(formats) : undefined;
    const t0 = performance.now();
    try {
      const result = previewImport(text, ctx, format === undefined ? undefined : { format });
      const ms = performance.now() - t0;
      previewMs += ms;
      maxMs = Math.max(maxMs, ms);
      if (ms > CASE_LIMIT_MS) {
        slow++;
        failures.push({ index: cases, seed: seed.name, mutations: applied, problem: `took ${ms.toFixed(0)} ms` });
      }
      const rejected = result.services.length === 0 && result.deletions.length === 0 && (result.registrations?.length ?? 0) === 0;
      if (rejected) {
        rejections++;
        if (!result.diagnostics.some((d) => d.severity === 'error')) {
          rejectionsWithoutError++;
          failures.push({ index: cases, seed: seed.name, mutations: applied, problem: `rejection without error: ${JSON.stringify(result.diagnostics).slice(0, 300)}` });
        }
      }
    } catch (e) {
      exceptions++;
      maxMs = Math.max(maxMs, performance.now() - t0);
      failures.push({ index: cases, seed: seed.name, mutations: applied, problem: `threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const metric = (name: string, value: number, unit: string): void => {
    process.stdout.write(`${JSON.stringify({ metric: name, value, unit })}\n`);
  };
  metric('import_fuzz_cases', cases, 'cases');
  metric('import_fuzz_exceptions', exceptions, 'cases');
  metric('import_fuzz_max_ms', Math.round(maxMs * 10) / 10, 'ms');
  metric('import_fuzz_slow_cases', slow, 'cases');
  metric('import_fuzz_rejections_without_diagnostic', rejectionsWithoutError, 'cases');
  metric('import_fuzz_rejections', rejections, 'cases');
  metric('import_fuzz_seconds', Math.round(seconds * 10) / 10, 's');
  metric('import_fuzz_mean_ms', Math.round((previewMs / Math.max(cases, 1)) * 100) / 100, 'ms');
  for (const f of failures.slice(0, 10)) process.stderr.write(`case ${f.index} (${f.seed}; ${f.mutations.join(', ')}): ${f.problem}\n`);
  const ok = cases >= TARGET_CASES && exceptions === 0 && slow === 0 && rejectionsWithoutError === 0;
  if (!ok) {
    if (cases < TARGET_CASES) process.stderr.write(`only ${cases} of ${TARGET_CASES} cases ran within ${BUDGET_MS / 1000} s\n`);
    process.exitCode = 1;
  }
}

main();
