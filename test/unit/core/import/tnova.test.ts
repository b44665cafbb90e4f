import { describe, expect, it } from 'vitest';
import { bare, chains, codes, diagnostic, type Doc, fixture, run, withTopology } from './helpers';

function service(extra: Record<string, unknown> = {}): Doc {
  return { service: { ns_instance_id: 's1', client_mkt_id: 'c1', nap_mkt_id: 'c1_nap1', ce_pe: ['nfvi1', 'nfvi2'], pe_ce: ['nfvi1'], ...extra } };
}

describe('T-NOVA import', () => {
  it('keeps independent ce_pe / pe_ce chains (asymmetric paths, §7.14)', () => {
    const result = run(service());
    expect(result.services[0]).toMatchObject({ chain: ['nfvi1', 'nfvi2'], reverseChain: ['nfvi1'], inSegment: null, outSegment: null });
    expect(codes(result)).toContain('ASYMMETRIC_PATHS');
  });

  it('keeps a repeated NFVI as two hops (each gets its own VLAN)', () => {
    expect(chains(run(service({ ce_pe: ['nfvi1', 'nfvi1'] })))).toEqual([['nfvi1', 'nfvi1']]);
  });

  it('reads hops as nfvi_id (POST reply) and nfvi_mkt_id (GET reply), keeping VLANs (§7.20)', () => {
    const allocated = run(fixture('import/tnova/allocated-response.json'));
    const listed = run(fixture('import/tnova/get-services-response.json'));
    expect(chains(allocated)).toEqual(chains(listed));
    expect(allocated.services[0]?.attributes.vlans).toEqual({ forward: [400, 400], reverse: [401] });
    expect(listed.services[0]?.attributes).toMatchObject({ status: 'ACTIVE', napMktId: 'c1_nap1' });
  });

  it('returns /nap and /nfvi bodies as registrations, and counts registered NFVIs as known PoPs', () => {
    const topology = { ...withTopology.topology!, pops: [] };
    const result = run(fixture('import/tnova/bulk.json'), { ...bare, topology });
    expect(result.registrations?.map((r) => `${r.kind}:${r.id}`)).toEqual(['nap:c1_nap1', 'nfvi:nfvi1', 'nfvi:nfvi2']);
    expect(codes(result, 'error')).toEqual([]);
  });

  it('accepts the README spelling ce_port for an NFVI with a warning (§7.20)', () => {
    const result = run({ nfvi: { mkt_id: 'nfvi9', switch: 'openflow:9', ce_port: 4 } });
    expect(result.registrations).toEqual([{ kind: 'nfvi', id: 'nfvi9', switchId: 'openflow:9', port: 4, pointer: '/nfvi' }]);
    expect(diagnostic(result, 'README_KEY_MISMATCH').pointer).toBe('/nfvi/ce_port');
  });

  it('warns when one NAP serves two services (§7.20)', () => {
    const result = run([service(), service({ ns_instance_id: 's2' })]);
    expect(result.services).toHaveLength(2);
    expect(diagnostic(result, 'NAP_IN_USE').pointer).toBe('/1/service/nap_mkt_id');
  });

  it('warns about a NAP the project does not have', () => {
    expect(diagnostic(run(service({ nap_mkt_id: 'elsewhere' }), withTopology), 'UNKNOWN_NAP').severity).toBe('warning');
    expect(codes(run(service(), withTopology))).not.toContain('UNKNOWN_NAP');
  });

  it('refuses a service without pe_ce, like T-NOVA ("Request must include")', () => {
    const doc = service();
    delete doc.service.pe_ce;
    const result = run(doc);
    expect(result.services).toEqual([]);
    expect(diagnostic(result, 'MISSING_FIELD')).toMatchObject({ severity: 'error', pointer: '/service' });
  });

  it('refuses a NAP with a non-integer port', () => {
    const result = run({ nap: { mkt_id: 'n', switch: 'openflow:1', ce_port: 1.5, pe_port: 2 } });
    expect(result.registrations).toBeUndefined();
    expect(diagnostic(result, 'WRONG_TYPE').pointer).toBe('/nap/ce_port');
  });

  it('turns a delete reply into a deletion, and an error reply into an error', () => {
    expect(run(fixture('import/tnova/delete-response.json')).deletions).toEqual(['service1']);
    const error = run([{ error: 'No vlans available' }], bare, 'tnova');
    expect(diagnostic(error, 'TNOVA_ERROR_REPLY').message).toContain('No vlans available');
  });

  it('reports NFVI names unknown to the project (§7.13)', () => {
    const result = run(service({ ce_pe: ['nfvi1', 'nfvi3'] }), withTopology);
    expect(diagnostic(result, 'UNKNOWN_POP')).toMatchObject({ pointer: '/service/ce_pe/1' });
    expect(diagnostic(result, 'UNKNOWN_POP').message).toMatch(/Did you mean "nfvi[12]"/);
  });
});
