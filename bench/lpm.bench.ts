// Longest-prefix-match tables (core/net): build time, look-ups per second by text and by pre-parsed
// key against a naive linear scan, and the prefix scanner against ip-num. One JSON line per metric.
// Run: npx tsx bench/lpm.bench.ts
import { IPv4CidrRange, IPv6CidrRange } from 'ip-num';
import { parsePrefix, parsePrefixKey, PrefixTable } from '../core/net';
import type { PrefixKey } from '../core/net';
import { seededUint32 } from '../test/helpers/seeded-random';

interface Metric {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: number;
  readonly ratio?: number;
}

function emit(m: Metric): void {
  const round = (n: number): number => Number(n.toPrecision(4));
  const out: Metric = {
    metric: m.metric,
    value: round(m.value),
    unit: m.unit,
    ...(m.baseline === undefined ? {} : { baseline: round(m.baseline), ratio: round(m.value / m.baseline) }),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const rng = seededUint32;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Runs `fn` over `items` repeatedly for about `ms` milliseconds; returns items per second. */
function rate<I>(items: readonly I[], ms: number, fn: (item: I) => unknown): number {
  let done = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (const item of items) if (fn(item) !== undefined) sink++;
    done += items.length;
    now = performance.now();
  }
  if (sink < 0) throw new Error('unreachable');
  return (done * 1000) / (now - start);
}

function maskOf(length: number, word: number): number {
  const keep = length - word * 32;
  return keep >= 32 ? -1 : keep <= 0 ? 0 : -1 << (32 - keep);
}

/** Naive reference: every stored prefix checked for every query, on pre-parsed numbers. */
function linearScan(stored: readonly PrefixKey[]): (q: PrefixKey) => number | undefined {
  const n = stored.length;
  const words = stored[0]!.words.length;
  const values = new Int32Array(n * words);
  const masks = new Int32Array(n * words);
  const lengths = new Int32Array(n);
  stored.forEach((k, i) => {
    lengths[i] = k.length;
    for (let w = 0; w < words; w++) {
      values[i * words + w] = k.words[w]!;
      masks[i * words + w] = maskOf(k.length, w);
    }
  });
  return (q) => {
    let best = -1;
    let bestLength = -1;
    for (let i = 0; i < n; i++) {
      const len = lengths[i]!;
      if (len > q.length || len <= bestLength) continue;
      let match = true;
      for (let w = 0; w < words && match; w++) {
        match = ((q.words[w]! ^ values[i * words + w]!) & masks[i * words + w]!) === 0;
      }
      if (match) {
        best = i;
        bestLength = len;
      }
    }
    return best < 0 ? undefined : best;
  };
}

function v4Text(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

function v6Text(w: readonly number[]): string {
  return w.map((x) => `${(x >>> 16).toString(16)}:${(x & 0xffff).toString(16)}`).join(':');
}

interface Workload {
  readonly prefixes: string[];
  readonly queries: string[];
}

/** 100k IPv4 prefixes, lengths 8–32; queries: half inside stored prefixes, half anywhere. */
function ipv4Workload(): Workload {
  const r = rng(4);
  const prefixes: string[] = [];
  for (let i = 0; i < 100_000; i++) prefixes.push(`${v4Text(r())}/${8 + (r() % 25)}`);
  const queries: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const base = parsePrefixKey(prefixes[r() % prefixes.length]!);
    const host = base.length === 32 ? 0 : r() >>> base.length;
    queries.push(v4Text(i % 2 === 0 ? (base.words[0]! | host) >>> 0 : r()));
  }
  return { prefixes, queries };
}

/** 20k IPv6 prefixes in four /16s, lengths 16–64 plus 10 % /128 hosts; queries as for IPv4. */
function ipv6Workload(): Workload {
  const r = rng(6);
  const tops = [0x2001, 0x2400, 0x2600, 0x2a00];
  const address = (): number[] => [((tops[r() % 4]! << 16) | (r() & 0xffff)) >>> 0, r(), r(), r()];
  const prefixes: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    prefixes.push(`${v6Text(address())}/${r() % 10 === 0 ? 128 : 16 + (r() % 49)}`);
  }
  const queries: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const q = address();
    if (i % 2 === 0) {
      const base = parsePrefixKey(prefixes[r() % prefixes.length]!);
      for (let w = 0; w < 4; w++) {
        const m = maskOf(base.length, w);
        q[w] = ((base.words[w]! & m) | (q[w]! & ~m)) >>> 0;
      }
    }
    queries.push(v6Text(q));
  }
  return { prefixes, queries };
}

function benchFamily(
  name: string,
  count: string,
  work: Workload,
  parseBaseline: (text: string) => unknown,
): void {
  const build = (): PrefixTable<number> => {
    const t = new PrefixTable<number>();
    work.prefixes.forEach((p, i) => t.insert(p, i));
    return t;
  };
  build(); // warm-up
  const times: number[] = [];
  let table = build();
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    table = build();
    times.push(performance.now() - start);
  }
  emit({ metric: `lpm.${name}.build_${count}`, value: median(times), unit: 'ms' });

  const storedKeys = work.prefixes.map((p) => parsePrefixKey(p));
  const queryKeys = work.queries.map((q) => parsePrefixKey(q));
  const scan = linearScan(storedKeys);
  const scanned = queryKeys.slice(0, 400);
  // The naive scan is also the oracle: the trie must give the same answers.
  for (const q of scanned) {
    const i = scan(q);
    const got = table.lookup(q)?.prefix;
    const want = i === undefined ? undefined : parsePrefix(work.prefixes[i]!).prefix;
    if (got !== want) throw new Error(`${name}: trie says ${got}, linear scan says ${want}`);
  }
  const baseline = rate(scanned, 1500, scan);
  emit({
    metric: `lpm.${name}.lookup_key`,
    value: rate(queryKeys, 1500, (q) => table.lookup(q)),
    unit: 'lookups/s',
    baseline,
  });
  emit({
    metric: `lpm.${name}.lookup_string`,
    value: rate(work.queries, 1500, (q) => table.lookup(q)),
    unit: 'lookups/s',
    baseline,
  });

  const sample = work.prefixes.slice(0, 2000);
  emit({
    metric: `net.parse_${name}`,
    value: rate(sample, 700, (p) => parsePrefix(p)),
    unit: 'parses/s',
    baseline: rate(sample.slice(0, 500), 700, parseBaseline),
  });
}

benchFamily('ipv4', '100k', ipv4Workload(), (p) => IPv4CidrRange.fromCidr(p).getFirst().toString());
benchFamily('ipv6', '20k', ipv6Workload(), (p) => IPv6CidrRange.fromCidr(p).getFirst().toString());
