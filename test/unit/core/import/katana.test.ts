import { describe, expect, it } from 'vitest';
import { chains, codes, diagnostic, type Doc, fixture, run, withTopology } from './helpers';

const SLICE = '3f6c2a1e-8b7d-4e59-a0c4-1d2e3f4a5b6c';

describe('Katana import', () => {
  it('turns each radio ↔ core connection into an edge → core service (§7.19 pairs, not chains)', () => {
    const result = run(fixture('reference/katana-wim-data.json'));
    expect(result.services.map((s) => [s.id, s.chain])).toEqual([
      [`${SLICE}/edge-athens-core`, ['edge-athens', 'core']],
      [`${SLICE}/edge-patras-core`, ['edge-patras', 'core']],
    ]);
    expect(result.services.every((s) => s.provenance.recordId === SLICE && s.reverseChain === null)).toBe(true);
  });

  it('keeps slice_sla (null fields as null) and probes in the attributes (§7.19)', () => {
    const service = run(fixture('reference/katana-wim-data.json')).services[0]!;
    expect(service.attributes.sliceSla).toEqual({
      downlinkThroughput: { guaranteed: 100000, maximum: 150000 },
      uplinkThroughput: { guaranteed: 50000, maximum: null },
      mtu: 1500,
    });
    expect(service.attributes.probes).toEqual(['probe-athens-01']);
  });

  it('accepts a null SLA and null throughputs (NEST fields absent, §7.19)', () => {
    const doc = fixture('reference/katana-wim-data.json');
    doc.slice_sla = { network_DL_throughput: null, network_UL_throughput: null, mtu: null };
    const result = run(doc);
    expect(result.services[0]?.attributes.sliceSla).toEqual({ downlinkThroughput: null, uplinkThroughput: null, mtu: null });
    expect(codes(result, 'warning')).toEqual([]);
  });

  it('reads v2.2 core_connections: VIM ids without the shared "_s" suffix, extra_ns as reachable PoPs (§7.13, §7.19)', () => {
    const result = run(fixture('reference/katana-wim-data-v2.2.json'));
    expect(chains(result)).toEqual([
      ['edge-vim-athens', 'core-vim'],
      ['edge-vim-patras', 'core-vim'],
    ]);
    expect(diagnostic(result, 'SHARED_VIM_SUFFIX').pointer).toBe('/core_connections/1/radio/ns/0/vim');
    expect(result.services[0]?.attributes.extraPops).toEqual(['edge-vim-athens', 'core-vim']);
    expect((result.services[0]?.attributes.pnfs as Doc[])[0]['pnf-id']).toBe('enb-athens-01');
  });

  it('falls back to the location when the project knows it but not the VIM id', () => {
    const doc = fixture('reference/katana-wim-data-v2.2.json');
    doc.core_connections[0].radio.ns[0].vim = 'renamed-vim';
    const result = run(doc, withTopology);
    expect(chains(result)[0]).toEqual(['edge-athens', 'core-vim']);
    expect(codes(result, 'error')).toEqual([]);
  });

  it('reads v2.0 end_points as one service in list order, with a warning and a derived id (§7.19)', () => {
    const result = run(fixture('import/katana/end-points-v2.0.json'));
    expect(chains(result)).toEqual([['core-vim', 'edge-vim-athens']]);
    expect(codes(result, 'warning')).toEqual(['KATANA_UNORDERED', 'NO_SLICE_ID']);
    expect(result.services[0]?.id).toMatch(/^katana-[0-9a-f]{8}\//);
    expect(run(fixture('import/katana/end-points-v2.0.json')).services[0]?.id).toBe(result.services[0]?.id);
    expect(result.services[0]?.attributes).toMatchObject({ probes: ['probe-athens-01'], sliceSla: { mtu: 1500 } });
  });

  it('unwraps the Kafka create message and turns terminate into a deletion by slice id (§7.19)', () => {
    expect(chains(run(fixture('import/katana/kafka-create.json')))).toEqual([['edge-athens', 'core']]);
    const terminate = run(fixture('import/katana/kafka-terminate.json'));
    expect(terminate.deletions).toEqual([SLICE]);
    expect(terminate.services).toEqual([]);
  });

  it('imports identical connections once', () => {
    const doc = fixture('reference/katana-wim-data.json');
    doc.connections.push({ radio: 'edge-athens', core: 'core' });
    const result = run(doc);
    expect(result.services).toHaveLength(2);
    expect(diagnostic(result, 'DUPLICATE_CONNECTION').pointer).toBe('/connections/2');
  });

  it('imports a one-sided connection as a single-PoP chain with a warning (§7.12)', () => {
    const doc = fixture('reference/katana-wim-data.json');
    doc.connections = [{ core: 'core' }];
    const result = run(doc);
    expect(chains(result)).toEqual([['core']]);
    expect(codes(result)).toContain('HALF_CONNECTION');
  });

  it('refuses wim_data without any connection', () => {
    const doc = fixture('reference/katana-wim-data.json');
    doc.connections = [];
    const result = run(doc);
    expect(result.services).toEqual([]);
    expect(diagnostic(result, 'NO_CONNECTIONS').severity).toBe('error');
  });

  it('refuses an unknown action', () => {
    const result = run({ action: 'update', data: fixture('reference/katana-wim-data.json') });
    expect(diagnostic(result, 'UNKNOWN_ACTION').pointer).toBe('/action');
  });
});
