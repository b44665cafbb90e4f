import { describe, expect, it } from 'vitest';
import { chains, codes, diagnostic, type Doc, fixture, run } from './helpers';

function flow(vims: unknown, extra: Record<string, unknown> = {}): Doc {
  return { instance_id: 'f1', in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims, ...extra };
}

describe('demi-wicm flows import', () => {
  it('sorts vims by order, ties in input order (Python sort is stable)', () => {
    const result = run(
      flow([
        { port: 'c', order: 5 },
        { port: 'a', order: 1 },
        { port: 'b2', order: 3 },
        { port: 'b1', order: 3 },
      ]),
    );
    expect(chains(result)).toEqual([['a', 'b2', 'b1', 'c']]);
    expect(codes(result)).toContain('ORDER_TIE');
  });

  it('keeps segments and a mirrored return path (§7.14 symmetric)', () => {
    const service = run(fixture('import/demi-flows/post-request.json')).services[0]!;
    expect(service).toMatchObject({ id: '596k92', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', reverseChain: null });
  });

  it('reverses a stored "VIM list" (kept by demi-wicm from egress to ingress)', () => {
    const result = run({ data: { instance_id: 'abc', in_seg: '10.1.0.0/16', out_seg: '10.2.0.0/16', 'VIM list': ['out', 'mid', 'in'] } });
    expect(chains(result)).toEqual([['in', 'mid', 'out']]);
    expect(diagnostic(result, 'VIM_LIST_REVERSED').pointer).toBe('/data/VIM list');
  });

  it('reads the [body, 200] arrays demi-wicm returns (§7.20)', () => {
    const result = run(fixture('import/demi-flows/post-response-array.json'));
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(codes(result)).toContain('RESPONSE_ARRAY');
  });

  it('keeps two consecutive visits of one PoP as written, with a warning', () => {
    const result = run(flow([{ port: 'a', order: 0 }, { port: 'A', order: 1 }, { port: 'b', order: 2 }]));
    expect(chains(result)).toEqual([['a', 'A', 'b']]);
    expect(diagnostic(result, 'CONSECUTIVE_SAME_POP').pointer).toBe('/vims/1/port');
  });

  it('refuses a vims entry without order', () => {
    const result = run(flow([{ port: 'a' }, { port: 'b', order: 1 }]));
    expect(result.services).toEqual([]);
    expect(diagnostic(result, 'MISSING_FIELD')).toMatchObject({ severity: 'error', pointer: '/vims/0' });
  });

  it('reads "order" given as numeric text as numbers, and warns when demi-wicm would sort it as text', () => {
    const same = run(flow([{ port: 'b', order: '1' }, { port: 'a', order: '0' }]));
    expect(chains(same)).toEqual([['a', 'b']]);
    expect(codes(same)).not.toContain('ORDER_AS_TEXT');
    const differs = run(flow([{ port: 'ten', order: '10' }, { port: 'two', order: '2' }]));
    expect(chains(differs)).toEqual([['two', 'ten']]);
    expect(diagnostic(differs, 'ORDER_AS_TEXT')).toMatchObject({ severity: 'warning', pointer: '/vims' });
    const text = run(flow([{ port: 'a', order: 'first' }]));
    expect(text.services).toEqual([]);
  });

  it('refuses ids and chains past the shared limits (core/contract/limits.ts), as RPC does', () => {
    const long = run(flow([{ port: 'a', order: 0 }], { instance_id: 'x'.repeat(201) }));
    expect(long.services).toEqual([]);
    expect(diagnostic(long, 'LIMIT_EXCEEDED').message).toMatch(/201 characters long; ids are at most 200/);
    expect(run(flow([{ port: 'a', order: 0 }], { instance_id: 'x'.repeat(200) })).services).toHaveLength(1);
    const pops = Array.from({ length: 65 }, (_, i) => ({ port: i % 2 ? 'a' : 'b', order: i }));
    const chain = run(flow(pops));
    expect(chain.services).toEqual([]);
    expect(diagnostic(chain, 'LIMIT_EXCEEDED')).toMatchObject({ severity: 'error', pointer: '/vims/0/port' });
    expect(run(flow(pops.slice(0, 64))).services).toHaveLength(1);
  });

  it('refuses an invalid segment with its pointer (§7.15)', () => {
    const result = run(flow([{ port: 'a', order: 0 }], { in_seg: '192.168.300.0/24' }));
    expect(result.services).toEqual([]);
    expect(diagnostic(result, 'INVALID_SEGMENT').pointer).toBe('/in_seg');
  });

  it('canonicalises segments: host bits, bare addresses, IPv6 (§7.15)', () => {
    const result = run(flow([{ port: 'a', order: 0 }], { in_seg: '192.168.10.7/24', out_seg: '2001:DB8:0:0::1' }));
    expect(result.services[0]).toMatchObject({ inSegment: '192.168.10.0/24', outSegment: '2001:db8::1/128' });
    expect(codes(result)).toEqual(expect.arrayContaining(['HOST_BITS_SET', 'HOST_SEGMENT']));
  });

  it('warns about identical and overlapping in/out segments (§7.15)', () => {
    expect(codes(run(flow([{ port: 'a', order: 0 }], { out_seg: '192.168.10.0/24' })))).toContain('SAME_SEGMENTS');
    expect(codes(run(flow([{ port: 'a', order: 0 }], { out_seg: '192.168.0.0/16' })))).toContain('OVERLAPPING_SEGMENTS');
  });

  it('imports each flow of a GET response and flags ids cut by demi-wicm (§7.10)', () => {
    const result = run(fixture('import/demi-flows/get-flows-response.json'));
    expect(result.services.map((s) => s.id)).toEqual(['596k92', '7c1e4a90']);
    expect(diagnostic(result, 'TRUNCATED_NSR_ID').pointer).toBe('/flows/1/data/instance_id');
  });

  it('imports a re-delivered flow once (§7.21)', () => {
    const body = flow([{ port: 'a', order: 0 }]);
    const result = run({ flows: [{ data: body }, { data: body }] });
    expect(result.services).toHaveLength(1);
    expect(diagnostic(result, 'DUPLICATE_SERVICE_ID').pointer).toBe('/flows/1/data');
  });
});
