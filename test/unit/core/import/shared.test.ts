import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderByDependencies } from '../../../../core/import/openbaton/dependency-order';
import { check, checkMember, type CheckOptions } from '../../../../core/import/shared/check';
import { DiagnosticSink, MAX_DIAGNOSTICS_PER_SEVERITY } from '../../../../core/import/shared/diagnostics';
import { lineColumn, scanJson } from '../../../../core/util/json-scan';
import { PopDirectory } from '../../../../core/import/shared/pop-directory';
import { readSegment } from '../../../../core/import/shared/segment';
import { parsePrefix, prefixRelation } from '../../../../core/net';
import { topology } from './helpers';

describe('JSON syntax scanner', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    const accepts = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const jsonish = fc.oneof(
      fc.json(),
      fc.json().map((t) => t.slice(0, Math.max(0, t.length - 1))),
      fc.json().map((t) => t.replace(/,/, ',,')),
      fc.stringMatching(/^[[\]{}":,0-9.eE+\-a-z \\]{0,20}$/),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        expect(scanJson(text, 1000) === undefined).toBe(accepts(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('locates problems by line and column', () => {
    const text = '{\n  "a": tru\n}';
    const problem = scanJson(text, 64)!;
    expect(lineColumn(text, problem.offset)).toEqual({ line: 2, column: 8 });
  });
});

describe('segments', () => {
  const read = (raw: unknown) => {
    const sink = new DiagnosticSink();
    return { value: readSegment(raw, '/seg', 'Segment', sink), codes: sink.list().map((d) => d.code) };
  };

  it('canonicalises prefixes and addresses', () => {
    expect(read('10.1.2.3/8')).toEqual({ value: '10.0.0.0/8', codes: ['HOST_BITS_SET'] });
    expect(read('10.1.2.3')).toEqual({ value: '10.1.2.3/32', codes: ['HOST_SEGMENT'] });
    expect(read('2001:DB8::/32')).toEqual({ value: '2001:db8::/32', codes: [] });
    expect(read('::/0')).toEqual({ value: '::/0', codes: [] });
    expect(read(null)).toEqual({ value: null, codes: [] });
  });

  it('refuses what is not a prefix', () => {
    expect(read('10.0.0.0/33').codes).toEqual(['INVALID_SEGMENT']);
    expect(read('example.org').codes).toEqual(['INVALID_SEGMENT']);
    expect(read(24).codes).toEqual(['WRONG_TYPE']);
  });

  it('writes IPv6 per RFC 5952', () => {
    const address = (text: string) => parsePrefix(text).prefix.replace(/\/128$/, '');
    expect(address('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(address('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(address('0:0:0:0:0:0:0:1')).toBe('::1');
  });

  it('relates segments', () => {
    expect(prefixRelation('10.0.0.0/8', '10.1.0.0/16')).toBe('overlap');
    expect(prefixRelation('10.0.0.0/8', '11.0.0.0/8')).toBe('disjoint');
    expect(prefixRelation('10.0.0.0/8', '::/0')).toBe('disjoint');
  });
});

describe('dependency order', () => {
  it('puts every source before its target, keeps all nodes, and is deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 20 }), (n, pairs) => {
        const names = Array.from({ length: n }, (_, i) => `v${i}`);
        // Only forward edges (i < j): acyclic by construction.
        const edges = pairs.filter(([a, b]) => a < b && b < n).map(([from, to]) => ({ from, to }));
        const result = orderByDependencies(names, edges);
        if (result.kind !== 'ordered') throw new Error('unexpected cycle');
        expect([...result.order].sort((a, b) => a - b)).toEqual(names.map((_, i) => i));
        const position = new Map(result.order.map((v, i) => [v, i]));
        for (const { from, to } of edges) expect(position.get(from)!).toBeLessThan(position.get(to)!);
        expect(orderByDependencies(names, [...edges].reverse())).toEqual(result);
      }),
    );
  });

  it('finds a cycle in dependency direction', () => {
    const result = orderByDependencies(['a', 'b', 'c', 'd'], [
      { from: 3, to: 0 },
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 0 },
    ]);
    expect(result.kind).toBe('cycle');
    const cycle = result.kind === 'cycle' ? result.cycle : [];
    expect(cycle).toHaveLength(3);
    cycle.forEach((v, i) => expect([[0, 1], [1, 2], [2, 0]]).toContainEqual([v, cycle[(i + 1) % cycle.length]]));
  });

  it('handles a 100 000-VNF chain without recursion', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `v${String(i).padStart(6, '0')}`);
    const edges = names.slice(1).map((_, i) => ({ from: i, to: i + 1 }));
    const result = orderByDependencies(names, edges);
    expect(result.kind === 'ordered' && result.order[99_999]).toBe(99_999);
  });
});

describe('PoP directory', () => {
  const pops = new PopDirectory(topology);

  it('knows names and aliases case-insensitively and maps aliases to one PoP', () => {
    expect(pops.isKnown('VIM-ATHENS')).toBe(true);
    expect(pops.identity('vim-athens')).toBe(pops.identity('pop-athens'));
    expect(pops.identity('pop-athens')).not.toBe(pops.identity('pop-patras'));
  });

  it('suggests close names', () => {
    expect(pops.suggestions('pop-athen')).toEqual(['pop-athens']);
    expect(pops.suggestions('athens')[0]).toBe('pop-athens');
    expect(pops.suggestions('zzzzzzzzzzzz')).toEqual([]);
  });
});

describe('diagnostic sink', () => {
  it('caps each severity and says how many were left out', () => {
    const sink = new DiagnosticSink();
    for (let i = 0; i < MAX_DIAGNOSTICS_PER_SEVERITY + 5; i++) sink.warning('W', '', `w${i}`);
    sink.error('E', '', 'e');
    const list = sink.list();
    expect(list.filter((d) => d.code === 'W')).toHaveLength(MAX_DIAGNOSTICS_PER_SEVERITY);
    expect(list.at(-1)).toMatchObject({ severity: 'warning', code: 'TOO_MANY_DIAGNOSTICS', message: '5 more warning diagnostic(s) were not listed.' });
    expect(sink.errorCount).toBe(1);
  });
});

describe('zod checks → import diagnostics', () => {
  const record = z.looseObject({
    name: z.string().min(1),
    port: z.int(),
    tag: z.string().nullish(),
    items: z.array(z.looseObject({ id: z.string().min(1) })).nullish(),
  });
  const checkOf = (value: unknown, options: CheckOptions = {}) => {
    const sink = new DiagnosticSink();
    const out = check(record, value, '/rec', sink, options);
    return { out, found: sink.list().map((d) => [d.severity, d.code, d.pointer]) };
  };

  it('passes a valid record through, unknown members included', () => {
    expect(checkOf({ name: 'a', port: 1, extra: true }).out).toEqual({ name: 'a', port: 1, extra: true });
  });

  it('reports absent and null members as MISSING_FIELD at the object, the rest at the member', () => {
    expect(checkOf({ port: null }).found).toEqual([
      ['error', 'MISSING_FIELD', '/rec'],
      ['error', 'MISSING_FIELD', '/rec'],
    ]);
    expect(checkOf({ name: '', port: 1.5, tag: 3 }).found).toEqual([
      ['error', 'EMPTY_FIELD', '/rec/name'],
      ['error', 'WRONG_TYPE', '/rec/port'],
      ['error', 'WRONG_TYPE', '/rec/tag'],
    ]);
    expect(checkOf({ name: 'a', port: 1, items: [{ id: 'x' }, 'y', {}] }).found).toEqual([
      ['error', 'WRONG_TYPE', '/rec/items/1'],
      ['error', 'MISSING_FIELD', '/rec/items/2'],
    ]);
    expect(checkOf([], { what: 'A record' }).found).toEqual([['error', 'WRONG_TYPE', '/rec']]);
  });

  it('reports with the asked severity and hints, and keeps a refinement’s code', () => {
    const sink = new DiagnosticSink();
    check(record, { name: 'a' }, '', sink, { severity: 'warning', hints: { port: 'Give the port.' } });
    expect(sink.list()).toMatchObject([{ severity: 'warning', code: 'MISSING_FIELD', pointer: '', hint: 'Give the port.' }]);
    const coded = z.string().refine((s) => s.startsWith('x'), { message: 'must start with x', params: { code: 'NOT_X' } });
    const other = new DiagnosticSink();
    check(coded, 'y', '/p', other);
    expect(other.list()).toMatchObject([{ code: 'NOT_X', pointer: '/p', message: 'must start with x' }]);
  });

  it('checks one member like a one-member record', () => {
    const sink = new DiagnosticSink();
    expect(checkMember({ a: 'x' }, 'a', '/o', 'string', sink, { required: true })).toBe('x');
    expect(checkMember({ a: null }, 'a', '/o', 'string', sink)).toBeUndefined();
    expect(checkMember({}, 'a', '/o', 'integer', sink, { required: true })).toBeUndefined();
    expect(checkMember({ a: 'x' }, 'a', '/o', 'array', sink)).toBeUndefined();
    expect(sink.list().map((d) => [d.code, d.pointer])).toEqual([
      ['MISSING_FIELD', '/o'],
      ['WRONG_TYPE', '/o/a'],
    ]);
  });
});
