import { describe, expect, it } from 'vitest';
import { chains, codes, diagnostic, type Doc, fixture, run, withTopology } from './helpers';

const NS = 'b91e0f3c-6a2d-4c58-9e17-3f4a5b6c7d8e';

function ns(): Doc {
  return fixture('reference/sol005-nsinstance.json');
}

describe('SOL005 import', () => {
  it('pairs two NFPs with mirrored rules as forward and return path (§7.14)', () => {
    const result = run(ns());
    expect(result.services).toHaveLength(1);
    expect(result.services[0]).toMatchObject({
      id: NS,
      chain: ['vim-athens', 'vim-patras'],
      reverseChain: ['vim-patras', 'vim-athens'],
      inSegment: '192.168.10.0/24',
      outSegment: '0.0.0.0/0',
    });
    expect(result.services[0]?.attributes).toMatchObject({ forwardNfp: 'nfp-uplink', returnNfp: 'nfp-downlink' });
    expect(codes(result)).toContain('DEFAULT_ROUTE_SEGMENT');
  });

  it('resolves VIM ids to the project PoPs through aliases', () => {
    expect(codes(run(ns(), withTopology), 'error')).toEqual([]);
  });

  it('skips a DISABLED path with a warning; the other path mirrors (§7.16)', () => {
    const doc = ns();
    doc.vnffgInfo[0].nfpInfo[1].nfpState = 'DISABLED';
    const result = run(doc);
    expect(result.services.map((s) => [s.id, s.chain, s.reverseChain])).toEqual([[NS, ['vim-athens', 'vim-patras'], null]]);
    expect(diagnostic(result, 'NFP_NOT_ENABLED').pointer).toBe('/vnffgInfo/0/nfpInfo/1/nfpState');
  });

  it('refuses an NS whose paths are all disabled', () => {
    const doc = ns();
    for (const nfp of doc.vnffgInfo[0].nfpInfo) nfp.nfpState = 'DISABLED';
    expect(diagnostic(run(doc), 'NO_ENABLED_NFP').severity).toBe('error');
  });

  it('imports unmirrored paths as separate services', () => {
    const doc = ns();
    doc.vnffgInfo[0].nfpInfo[1].nfpRule.destinationIpAddressPrefix = '192.168.20.0/24';
    const result = run(doc);
    expect(result.services.map((s) => s.id)).toEqual([`${NS}/nfp-uplink`, `${NS}/nfp-downlink`]);
  });

  it('uses one PoP per load-balanced position and warns when the instances span PoPs (§7.16)', () => {
    const doc = ns();
    doc.vnffgInfo[0].nfpInfo[0].cpGroup[2] = {
      forwardingBehaviour: 'LB',
      cpPairInfo: [{ vnfExtCpIds: ['dpi-cp-in', 'dpi-cp-out'] }, { vnfExtCpIds: ['nat-cp-in', 'nat-cp-out'] }],
    };
    const result = run(doc);
    expect(result.services[0]?.chain).toEqual(['vim-athens', 'vim-patras']);
    expect(diagnostic(result, 'PARALLEL_POSITION')).toMatchObject({ severity: 'warning', pointer: '/vnffgInfo/0/nfpInfo/0/cpGroup/2' });
  });

  it('refuses an NsInstance without nfpInfo whose VNFs span PoPs (§7.17)', () => {
    const doc = ns();
    delete doc.vnffgInfo[0].nfpInfo;
    const result = run(doc);
    expect(result.services).toEqual([]);
    expect(diagnostic(result, 'NO_NFP_INFO').severity).toBe('error');
  });

  it('imports an NsInstance without nfpInfo when all VNFs share one PoP (§7.17)', () => {
    const doc = ns();
    delete doc.vnffgInfo[0].nfpInfo;
    doc.vnfInstance[2].vimId = 'vim-athens';
    doc.vnfInstance[2].instantiatedVnfInfo.vnfcResourceInfo[0].computeResource.vimId = 'vim-athens';
    expect(chains(run(doc))).toEqual([['vim-athens']]);
  });

  it('reads an NsInstance without vnffgInfo at all like one without nfpInfo (§7.17)', () => {
    const doc = ns();
    delete doc.vnffgInfo;
    expect(diagnostic(run(doc), 'NO_NFP_INFO').severity).toBe('error');
  });

  it('reads v3 vimConnectionInfo when vimId is absent, and ignores pnfdInfoId spellings (§7.17)', () => {
    const doc = ns();
    for (const vnf of doc.vnfInstance) {
      const vim = vnf.vimId;
      delete vnf.vimId;
      delete vnf.instantiatedVnfInfo.vnfcResourceInfo;
      vnf.vimConnectionInfo = { [`conn-${vim}`]: { vimId: vim, vimType: 'ETSINFV.OPENSTACK_KEYSTONE.V_3' } };
    }
    doc.vnffgInfo[0].pnfdInfoId = [];
    expect(chains(run(doc))).toEqual([['vim-athens', 'vim-patras']]);
  });

  it('takes segments from the end SAPs when the rule has no prefixes (§7.15)', () => {
    const doc = ns();
    for (const nfp of doc.vnffgInfo[0].nfpInfo) nfp.nfpRule = { etherType: 'IPV4' };
    const result = run(doc);
    // The SAP segments mirror each other, so the two paths still pair up.
    expect(result.services.map((s) => [s.inSegment, s.outSegment, s.reverseChain])).toEqual([
      ['192.168.10.0/24', '10.20.0.0/24', ['vim-patras', 'vim-athens']],
    ]);
    expect(codes(result).filter((c) => c === 'SEGMENT_FROM_SAP')).toHaveLength(4);
  });

  it('reports a VNF placed in several VIMs (§7.3)', () => {
    const doc = ns();
    doc.vnfInstance[0].instantiatedVnfInfo.vnfcResourceInfo.push({ id: 'x', computeResource: { vimId: 'vim-patras' } });
    expect(diagnostic(run(doc), 'VNF_SPANS_POPS').pointer).toBe('/vnfInstance/0');
  });

  it('refuses a CP that belongs to no instance', () => {
    const doc = ns();
    doc.vnffgInfo[0].nfpInfo[0].cpGroup[1].cpPairInfo[0].vnfExtCpIds = ['nowhere'];
    const result = run(doc);
    expect(diagnostic(result, 'UNKNOWN_CP').pointer).toBe('/vnffgInfo/0/nfpInfo/0/cpGroup/1/cpPairInfo/0/vnfExtCpIds/0');
  });

  it('refuses an NS that is not instantiated', () => {
    const doc = ns();
    doc.nsState = 'NOT_INSTANTIATED';
    expect(diagnostic(run(doc), 'NS_NOT_INSTANTIATED').severity).toBe('error');
  });

  it('treats a PNF as a fixed-location hop named by its id', () => {
    const doc = ns();
    doc.pnfInfo = [{ pnfId: 'pnf-router', pnfName: 'edge router', cpInfo: [{ cpInstanceId: 'pnf-cp' }] }];
    doc.vnffgInfo[0].nfpInfo[0].cpGroup.splice(1, 0, { cpPairInfo: [{ pnfExtCpIds: ['pnf-cp'] }] });
    expect(run(doc).services[0]?.chain).toEqual(['pnf-router', 'vim-athens', 'vim-patras']);
  });
});
