import { describe, expect, it } from 'vitest';
import { bare, chains, codes, diagnostic, type Doc, fixture, run, withTopology } from './helpers';

const NS = 'd4f1a2b3-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const ATHENS = '6e1f2a3b-4c5d-4e6f-9a0b-1c2d3e4f5a6b';
const PATRAS = '7f2a3b4c-5d6e-4f7a-8b9c-2d3e4f5a6b7c';

function bundle(): Doc {
  return fixture('reference/osm-nsr.json');
}

describe('OSM import', () => {
  it('orders by the VNFFG element order and maps VIM account UUIDs to names', () => {
    const doc = bundle();
    const elements = doc.nsr.vnffgd[0].nfpd[0]['position-desc-id'][0]['cp-profile-id'][0]['constituent-profile-elements'];
    elements.reverse();
    const result = run(doc);
    expect(result.services[0]).toMatchObject({ id: NS, chain: ['pop-athens', 'pop-patras'], inSegment: '192.168.10.10/32', outSegment: '10.20.0.5/32' });
    expect(result.services[0]?.attributes.hops).toEqual([
      { pop: 'pop-athens', members: ['fw', 'dpi'] },
      { pop: 'pop-patras', members: ['nat'] },
    ]);
  });

  it('widens nothing: match attributes are host addresses (§7.15)', () => {
    expect(codes(run(bundle())).filter((c) => c === 'HOST_SEGMENT')).toHaveLength(2);
  });

  it('surfaces an existing WIM link instead of duplicating it (§7.18)', () => {
    const result = run(bundle());
    const wim = diagnostic(result, 'WIM_ALREADY_CONNECTED');
    expect(wim.message).toContain('pop-athens and pop-patras');
    expect(result.services[0]?.attributes.wimConnections).toEqual([
      { vld: 'transit', wimAccountId: '9b4c5d6e-7f8a-4b9c-8d0e-4f5a6b7c8d9e', type: 'ELINE', pops: ['pop-athens', 'pop-patras'] },
    ]);
  });

  it('places VNFs from the instantiation parameters when VNFRs are not embedded (§7.18)', () => {
    const doc = bundle();
    const result = run({ nsr: doc.nsr, vim_accounts_lookup: doc.vim_accounts_lookup });
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(diagnostic(result, 'VNFRS_NOT_EMBEDDED').severity).toBe('warning');
  });

  it('keeps two VNF profiles of the same VNFD apart (§7.18)', () => {
    const doc = bundle();
    doc.vnfrs[1]['vim-account-id'] = PATRAS;
    expect(chains(run(doc))).toEqual([['pop-athens', 'pop-patras']]);
    doc.vnfrs[0]['vim-account-id'] = PATRAS;
    doc.vnfrs[1]['vim-account-id'] = ATHENS;
    expect(chains(run(doc))).toEqual([['pop-patras', 'pop-athens', 'pop-patras']]);
  });

  it('reports a VDU placed on another VIM than its VNF (§7.18)', () => {
    const doc = bundle();
    doc.vnfrs[0].vdur[0].vim_info = { [`vim:${PATRAS}`]: { vim_id: 'x' } };
    expect(diagnostic(run(doc), 'VNF_SPANS_POPS').message).toContain('pop-patras');
  });

  it('reads the release 5–8 rsp / classifier VNFFG (§7.18)', () => {
    const doc = bundle();
    doc.nsr.vnffgd = [
      {
        id: 'old',
        rsp: [
          {
            id: 'rsp1',
            'vnfd-connection-point-ref': [
              { 'member-vnf-index-ref': 'nat', order: 2 },
              { 'member-vnf-index-ref': 'fw', order: 0 },
              { 'member-vnf-index-ref': 'dpi', order: 1 },
            ],
          },
        ],
        classifier: [{ id: 'c1', 'rsp-id-ref': 'rsp1', 'match-attributes': [{ id: 'm', 'source-ip-address': '192.168.10.0/24', 'destination-ip-address': '10.20.0.0/24' }] }],
      },
    ];
    const result = run(doc);
    expect(result.services[0]).toMatchObject({ chain: ['pop-athens', 'pop-patras'], inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24' });
  });

  it('uses the NSD copy of the VNFFG when the NSR has none', () => {
    const doc = bundle();
    delete doc.nsr.vnffgd;
    expect(chains(run(doc))).toEqual([['pop-athens', 'pop-patras']]);
  });

  it('refuses an NS without VNFFG whose VNFs span PoPs (order unknown)', () => {
    const doc = bundle();
    delete doc.nsr.vnffgd;
    delete doc.nsr.nsd.vnffgd;
    expect(diagnostic(run(doc), 'NO_VNFFG').severity).toBe('error');
  });

  it('refuses an NS that is not READY, and warns on DEGRADED (§7.18)', () => {
    const doc = bundle();
    doc.nsr.nsState = 'BUILDING';
    expect(diagnostic(run(doc), 'NS_NOT_READY').pointer).toBe('/nsr/nsState');
    doc.nsr.nsState = 'DEGRADED';
    expect(chains(run(doc))).toEqual([['pop-athens', 'pop-patras']]);
  });

  it('uses the UUID as PoP name without a VIM account list, and reports it against the project (§7.13)', () => {
    const doc = bundle();
    delete doc.vim_accounts_lookup;
    const result = run(doc, withTopology);
    expect(chains(result)).toEqual([[ATHENS, PATRAS]]);
    expect(codes(result)).toContain('VIM_ACCOUNT_UNRESOLVED');
    expect(result.diagnostics.filter((d) => d.code === 'UNKNOWN_POP')).toHaveLength(2);
  });

  it('reads a bare NSR (record without bundle)', () => {
    const result = run(bundle().nsr, bare);
    expect(result.format).toBe('osm');
    expect(chains(result)).toEqual([[ATHENS, PATRAS]]);
  });

  it('refuses a KNF without VIM (§7.12 all KNFs)', () => {
    const doc = bundle();
    delete doc.vnfrs[2]['vim-account-id'];
    doc.vnfrs[2].vdur = [];
    doc.vnfrs[2].kdur = [{ 'kdu-name': 'nat', 'k8s-cluster': { id: 'k8s-1' } }];
    const result = run(doc);
    expect(result.services).toEqual([]);
    expect(diagnostic(result, 'KNF_WITHOUT_VIM').pointer).toBe('/vnfrs/2');
  });
});
