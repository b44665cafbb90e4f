import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TopologyDto } from '../../../../core/contract/dto';
import { exportPlans } from '../../../../core/export';
import { parseTopologyJson } from '../../../../core/store/documents';
import { coreErrorOf, diagnosticsOf, editedExport, type Json } from './helpers';
import { input, topology } from './sample';

const edit = (mutate: (doc: Record<string, Json>) => void): string => editedExport('topology-json', input, mutate);

describe('topology JSON (wicm-topology/1)', () => {
  it('round-trips the topology and the positions', () => {
    const parsed = parseTopologyJson(exportPlans('topology-json', input, { generatedAt: '2024-05-01T12:00:00Z' }).text);
    expect(parsed).toEqual({ topology: input.topology, positions: input.positions });
  });

  it('reads a document without positions as an empty layout', () => {
    const text = exportPlans('topology-json', { topology, services: [], plans: [] }).text;
    expect(JSON.parse(text)).not.toHaveProperty('positions');
    expect(parseTopologyJson(text)).toEqual({ topology, positions: [] });
  });

  it('round-trips arbitrary names and coordinates', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (bridgeName, portName, aliases, x) => {
          const t: TopologyDto = {
            ...topology,
            bridges: topology.bridges.map((b, i) => (i === 0 ? { ...b, name: bridgeName } : { ...b, name: `${bridgeName}#2` })),
            ports: topology.ports.map((p, i) => (i === 0 ? { ...p, name: portName } : p.bridgeId === 'b1' ? { ...p, name: `${portName}${i}` } : p)),
            pops: topology.pops.map((p) => ({ ...p, aliases })),
          };
          const positions = [{ elementId: 'b1', x, y: -x }];
          const text = exportPlans('topology-json', { topology: t, services: [], plans: [], positions }).text;
          expect(parseTopologyJson(text)).toEqual(JSON.parse(JSON.stringify({ topology: t, positions })));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports shape problems with JSON pointers as INVALID_INPUT', () => {
    const text = edit((d) => {
      d['topology'].ports[2].ofPort = -1;
      d['topology'].segments[0].prefix = '10.0.1.1/24';
      d['topology'].bridges[1].kind = 'router';
      d['positions'][0].x = 'left';
      delete d['topology'].defaults;
    });
    const error = coreErrorOf(() => parseTopologyJson(text));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^Invalid WICM topology file: .* at \/topology\/\w+.*\(and 4 more problems\)$/);
    expect(diagnosticsOf(error).map((d) => [d.code, d.pointer])).toEqual(
      expect.arrayContaining([
        ['OUT_OF_RANGE', '/topology/ports/2/ofPort'],
        ['PREFIX_NOT_CANONICAL', '/topology/segments/0/prefix'],
        ['WRONG_VALUE', '/topology/bridges/1/kind'],
        ['WRONG_TYPE', '/positions/0/x'],
        ['MISSING_MEMBER', '/topology/defaults'],
      ]),
    );
  });

  it('reports dangling references, duplicate ids and names, and empty pools', () => {
    const text = edit((d) => {
      d['topology'].ports[0].bridgeId = 'b9';
      d['topology'].links[0].bPortId = 'p-gone';
      d['topology'].pops[1].portId = 'p-gone';
      d['topology'].segments[1].id = 's-user';
      d['topology'].bridges[1].name = 'Site A';
      d['topology'].ports[1].name = 'if_exit1';
      d['topology'].vlanPools[0] = { portId: 'p-popB', first: 500, last: 400 };
    });
    expect(diagnosticsOf(coreErrorOf(() => parseTopologyJson(text))).map((d) => [d.code, d.pointer])).toEqual(
      expect.arrayContaining([
        ['UNKNOWN_REFERENCE', '/topology/ports/0/bridgeId'],
        ['UNKNOWN_REFERENCE', '/topology/links/0/bPortId'],
        ['UNKNOWN_REFERENCE', '/topology/pops/1/portId'],
        ['DUPLICATE_ID', '/topology/segments/1/id'],
        ['DUPLICATE_NAME', '/topology/bridges/1/name'],
        ['DUPLICATE_NAME', '/topology/ports/2/name'],
        ['OUT_OF_RANGE', '/topology/vlanPools/0'],
      ]),
    );
  });

  it('accepts IPv6 segments and rejects a top level that is not an object', () => {
    const text = edit((d) => d['topology'].segments.push({ id: 's6', prefix: '2001:db8:9::/48', portId: 'p-client', name: null }));
    expect(parseTopologyJson(text).topology.segments.at(-1)?.prefix).toBe('2001:db8:9::/48');
    expect(diagnosticsOf(coreErrorOf(() => parseTopologyJson('[]')))[0]).toMatchObject({ code: 'WRONG_TYPE', pointer: '' });
  });

  it('refuses a document nested deeper than the limit with its location, before parsing it', () => {
    const deep = `{"schema":"wicm-topology/1","topology":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const error = coreErrorOf(() => parseTopologyJson(deep));
    expect(error.code).toBe('PARSE_FAILED');
    expect(diagnosticsOf(error)[0]).toMatchObject({ code: 'NESTING_TOO_DEEP', pointer: `/topology${'/0'.repeat(63)}` });
  });
});
