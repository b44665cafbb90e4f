// NSR exports of the sample WAN's services: golden files per format read back by the importers,
// the required fields of each format (docs/reference/nfvo-formats.md), and the diagnostics for
// what a format cannot carry.
import { describe, expect, it } from 'vitest';
import type { PlanDto, ServiceDto } from '../../../../../core/contract/dto';
import { exportFormats, exportPlans, nsrFormats, type NsrFormat } from '../../../../../core/export';
import { previewImport } from '../../../../../core/import';
import { expectGolden, goldenFilesUnder } from '../../../../helpers/golden';
import { carried, carriedOf, importerOf, sampleServices, sampleTopology } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const services = sampleServices();
const input = { topology: sampleTopology, services, plans: [] as PlanDto[] };
const byId = [...services].sort((a, b) => (a.id < b.id ? -1 : 1));
const NOW = '2024-05-01T12:00:00.000Z';

describe('NSR exports of the sample WAN services (golden files, read back by the importers)', () => {
  it('has six services to export, with a separate return chain among them', () => {
    expect(services.map((s) => s.provenance?.format)).toEqual(['openbaton', 'katana', 'katana', 'sol005', 'osm', 'tnova']);
    expect(services.find((s) => s.id === 'service1')?.reverseChain).toEqual(['nfvi1']);
  });

  for (const { id: format } of nsrFormats) {
    it(`${format} matches test/fixtures/export-nsr/expected.${format}.json and imports back`, () => {
      const result = exportPlans(format, input);
      expect(result.fileName).toBe(`wicm-${format}.json`);
      expectGolden(`export-nsr/expected.${format}.json`, result.text);
      const docs: unknown[] = format === 'nsr-tnova' ? [JSON.parse(result.text)] : JSON.parse(result.text);
      const back = docs.flatMap((doc) => {
        const preview = previewImport(JSON.stringify(doc), { now: NOW, topology: sampleTopology });
        expect(preview.format).toBe(importerOf(format));
        expect(preview.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        return preview.services;
      });
      expect(back).toHaveLength(services.length);
      back.forEach((s, i) => expect(carriedOf(format, s)).toEqual(carried(format, byId[i]!)));
    });
  }

  it('compares every golden file in test/fixtures/export-nsr', () => {
    expect(goldenFilesUnder('export-nsr')).toEqual(nsrFormats.map((f) => `expected.${f.id}.json`).sort());
  });

  it('lists the NSR formats in the export menu, and names a one-service file after the service', () => {
    expect(exportFormats.map((f) => f.id)).toEqual(expect.arrayContaining(nsrFormats.map((f) => f.id)));
    const one = exportPlans('nsr-katana', { ...input, services: [services[1]!] });
    expect(one.fileName).toBe('3f6c2a1e-8b7d-4e59-a0c4-1d2e3f4a5b6c_edge-athens-core.nsr-katana.json');
    expect(Array.isArray(JSON.parse(one.text))).toBe(false);
  });
});

function one(format: NsrFormat, service: ServiceDto, plans: PlanDto[] = []): { doc: Doc; codes: string[]; messages: string[] } {
  const result = exportPlans(format, { topology: sampleTopology, services: [service], plans });
  return { doc: JSON.parse(result.text), codes: result.diagnostics.map((d) => d.code), messages: result.diagnostics.map((d) => d.message) };
}

const tnova = services.find((s) => s.id === 'service1')!;
const osm = services.find((s) => s.provenance?.format === 'osm')!;

describe('required fields of each format (nfvo-formats.md)', () => {
  it('Open Baton: INSTANTIATE_FINISH with vnfr, vdu[].vimInstanceName, vnfc_instance and vnf_dependency in chain order', () => {
    const { doc } = one('nsr-openbaton', osm);
    expect(doc.action).toBe('INSTANTIATE_FINISH');
    const nsr = doc.payload;
    for (const key of ['id', 'name', 'status', 'vnfr', 'vnf_dependency']) expect(nsr).toHaveProperty(key);
    expect(nsr.status).toBe('ACTIVE');
    expect(nsr.vnfr).toHaveLength(2);
    for (const vnfr of nsr.vnfr) {
      for (const key of ['id', 'name', 'type', 'status', 'parent_ns_id', 'vdu']) expect(vnfr).toHaveProperty(key);
      expect(vnfr.parent_ns_id).toBe(nsr.id);
      expect(Array.isArray(vnfr.vdu[0].vimInstanceName)).toBe(true);
      expect(vnfr.vdu[0].vnfc_instance[0]).toMatchObject({ hostname: expect.any(String), floatingIps: [], ips: [] });
    }
    expect(nsr.vnfr.map((v: Doc) => v.vdu[0].vimInstanceName[0])).toEqual(osm.chain);
    expect(nsr.vnf_dependency).toEqual([{ target: nsr.vnfr[1].name, idType: { [nsr.vnfr[0].name]: nsr.vnfr[0].type }, parameters: {} }]);
  });

  it('SOL005: NsInstance INSTANTIATED, VNF instances placed by vimId, VNFFG with ENABLED NFPs, the return path mirrored', () => {
    const service = { ...osm, inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', reverseChain: ['pop-patras', 'pop-heraklion', 'pop-athens'] };
    const { doc } = one('nsr-sol005', service);
    for (const key of ['id', 'nsInstanceName', 'nsInstanceDescription', 'nsdId', 'nsdInfoId', 'nsState', 'vnfInstance', 'vnffgInfo']) expect(doc).toHaveProperty(key);
    expect(doc.nsState).toBe('INSTANTIATED');
    for (const vnf of doc.vnfInstance) {
      for (const key of ['id', 'vnfdId', 'vnfProvider', 'vnfProductName', 'vnfSoftwareVersion', 'vnfdVersion', 'instantiationState', 'vimId']) expect(vnf).toHaveProperty(key);
    }
    const [vnffg] = doc.vnffgInfo;
    for (const key of ['id', 'vnffgdId', 'vnfInstanceId', 'nfpInfo']) expect(vnffg).toHaveProperty(key);
    const [forward, back] = vnffg.nfpInfo;
    for (const nfp of [forward, back]) for (const key of ['id', 'nfpdId', 'nfpName', 'cpGroup', 'totalCp', 'nfpRule', 'nfpState']) expect(nfp).toHaveProperty(key);
    expect(forward.nfpRule).toEqual({ etherType: 'IPV4', sourceIpAddressPrefix: '192.168.10.0/24', destinationIpAddressPrefix: '10.20.0.0/24' });
    expect(back.nfpRule).toEqual({ etherType: 'IPV4', sourceIpAddressPrefix: '10.20.0.0/24', destinationIpAddressPrefix: '192.168.10.0/24' });
    expect(back.cpGroup).toHaveLength(3);
  });

  it('OSM: NSR READY with constituent-vnfr-ref, VNFRs with member-vnf-index-ref and vim-account-id, vnffgd ordered, accounts named', () => {
    const { doc } = one('nsr-osm', osm);
    for (const key of ['_id', 'name', 'nsState', 'nsd-ref', 'constituent-vnfr-ref', 'datacenter', 'nsd', 'vnffgd']) expect(doc.nsr).toHaveProperty(key);
    expect(doc.nsr.nsState).toBe('READY');
    expect(doc.nsr['constituent-vnfr-ref']).toEqual(doc.vnfrs.map((v: Doc) => v._id));
    for (const vnfr of doc.vnfrs) for (const key of ['_id', 'nsr-id-ref', 'member-vnf-index-ref', 'vnfd-ref', 'vim-account-id']) expect(vnfr).toHaveProperty(key);
    const names = new Map(doc.vim_accounts.map((a: Doc) => [a._id, a.name]));
    expect(doc.vnfrs.map((v: Doc) => names.get(v['vim-account-id']))).toEqual(osm.chain);
    const position = doc.nsr.vnffgd[0].nfpd[0]['position-desc-id'][0];
    expect(position['cp-profile-id'][0]['constituent-profile-elements'].map((e: Doc) => [e.order, e['constituent-base-element-id']])).toEqual([
      [0, '1'],
      [1, '2'],
    ]);
    expect(position['match-attributes'][0]).toMatchObject({ 'source-ip-address': osm.inSegment, 'destination-ip-address': osm.outSegment });
  });

  it('Katana: the current wim_data generation (_id, connections of radio and core, slice_sla, probes)', () => {
    const katana = services.find((s) => s.provenance?.format === 'katana')!;
    const { doc } = one('nsr-katana', katana);
    expect(Object.keys(doc).sort()).toEqual(['_id', 'connections', 'probes', 'slice_sla']);
    expect(doc._id).toBe('3f6c2a1e-8b7d-4e59-a0c4-1d2e3f4a5b6c');
    expect(doc.connections).toEqual([{ radio: 'edge-athens', core: 'core' }]);
    expect(doc.slice_sla).toEqual({ network_DL_throughput: { guaranteed: 100000, maximum: 150000 }, network_UL_throughput: { guaranteed: 50000, maximum: null }, mtu: 1500 });
    expect(doc.probes).toEqual(['probe-athens-01']);
  });

  it('demi-wicm: instance_id, in_seg, out_seg and vims[{port, order}] (defaults written for NSR-driven services)', () => {
    const { doc, codes } = one('nsr-demi', services[0]!);
    expect(doc).toEqual({ instance_id: services[0]!.id, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] });
    expect(codes).toContain('NSR_DEFAULT_SEGMENT');
  });

  it('T-NOVA: /nap and /nfvi registrations, then the service with ce_pe and pe_ce', () => {
    const { doc } = one('nsr-tnova', tnova);
    expect(doc).toEqual([
      { nap: { mkt_id: 'c1_nap1', client_mkt_id: 'c1', switch: expect.any(String), ce_port: expect.any(Number), pe_port: expect.any(Number) } },
      { nfvi: { mkt_id: 'nfvi1', switch: expect.any(String), port: expect.any(Number) } },
      { nfvi: { mkt_id: 'nfvi2', switch: expect.any(String), port: expect.any(Number) } },
      { service: { ns_instance_id: 'service1', client_mkt_id: 'c1', nap_mkt_id: 'c1_nap1', ce_pe: ['nfvi1', 'nfvi2'], pe_ce: ['nfvi1'] } },
    ]);
  });

  it('T-NOVA refuses a project without a NAP, naming the service', () => {
    expect(() => exportPlans('nsr-tnova', { topology: { ...sampleTopology, naps: [] }, services: [tnova], plans: [] })).toThrow(/"service1".*no NAP/);
  });
});

describe('what a format cannot carry is a warning naming the service and the field', () => {
  const vlanPlan: PlanDto = {
    serviceId: 'service1',
    forward: { direction: 'forward', src: 'a', dst: 'b', condition: 'c', hops: [], rules: [{ serviceId: 'service1', direction: 'forward', seq: 0, bridgeId: 'b', inPortId: 'i', outPortId: 'o', match: { src: 'a', dst: 'b' }, condition: 'c', filterIndex: 1, vlan: 400 }] },
    reverse: { direction: 'reverse', src: 'b', dst: 'a', condition: 'c', hops: [], rules: [] },
    diagnostics: [],
  };
  const rich: ServiceDto = { ...tnova, name: 'Tenant one', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24' };

  it.each([
    ['nsr-openbaton', ['a separate return chain', 'the ingress segment', 'the egress segment', 'VLAN tags']],
    ['nsr-osm', ['a separate return chain', 'VLAN tags']],
    ['nsr-katana', ['a separate return chain', 'the ingress segment', 'the egress segment', 'the service name', 'VLAN tags']],
    ['nsr-demi', ['a separate return chain', 'the service name', 'VLAN tags']],
    ['nsr-tnova', ['the ingress segment', 'the egress segment', 'the service name', 'VLAN tags']],
    ['nsr-sol005', ['VLAN tags']],
  ] as const)('%s reports %j', (format, fields) => {
    const { codes, messages } = one(format, rich, [vlanPlan]);
    const lost = messages.filter((_, i) => codes[i] === 'NSR_FIELD_NOT_CARRIED');
    expect(lost).toHaveLength(fields.length);
    fields.forEach((field, i) => expect(lost[i]).toMatch(new RegExp(`^Service "Tenant one": .* cannot carry ${field} `)));
  });

  it('Katana reports the PoPs between the two ends of a longer chain', () => {
    const { messages } = one('nsr-katana', { ...osm, chain: ['pop-athens', 'pop-heraklion', 'pop-patras'] });
    expect(messages).toContainEqual(expect.stringMatching(/cannot carry PoPs between the two ends of the chain \(pop-heraklion\)/));
  });

  it('warns about consecutive visits of one PoP the importer merges, and about unknown PoPs', () => {
    const { codes } = one('nsr-openbaton', { ...osm, chain: ['pop-athens', 'vim-athens', 'nowhere'] });
    expect(codes).toEqual(['NSR_FIELD_NOT_CARRIED', 'NSR_FIELD_NOT_CARRIED', 'NSR_REPEATED_POP', 'NSR_UNKNOWN_POP']);
    const repeated = one('nsr-osm', { ...osm, chain: ['pop-athens', 'POP-ATHENS'] });
    expect(repeated.codes).toEqual(['NSR_REPEATED_POP']);
  });
});
