// Shared by the NSR export tests: the sample WAN, its services (the reference NSRs imported
// into it), and the round trip through the real importers.
import { readFileSync } from 'node:fs';
import type { ServiceDto, TopologyDto } from '../../../../../core/contract/dto';
import { exportPlans, nsrFormats, type NsrFormat } from '../../../../../core/export';
import { previewImport, type ImportPreview } from '../../../../../core/import';
import { parseTopologyJson } from '../../../../../core/store/documents';

const ROOT = new URL('../../../../../', import.meta.url);

/** The sample WAN shipped with the app (resources/sample). */
export const sampleTopology: TopologyDto = parseTopologyJson(readFileSync(new URL('resources/sample/sample-wan.json', ROOT), 'utf8')).topology;

const NOW = '2024-05-01T12:00:00.000Z';

/** The sample WAN's services: every reference NSR imported into it, in file order. */
export function sampleServices(): ServiceDto[] {
  const files = ['openbaton-nsr-instantiate.json', 'demi-flows.json', 'tnova-service.json', 'katana-wim-data.json', 'sol005-nsinstance.json', 'osm-nsr.json'];
  const all: ServiceDto[] = [];
  for (const file of files) {
    const text = readFileSync(new URL(`test/fixtures/reference/${file}`, ROOT), 'utf8');
    const preview = previewImport(text, { now: NOW, fileName: file, topology: sampleTopology });
    for (const s of preview.services) {
      if (all.some((o) => o.id === s.id)) continue;
      all.push({ ...s, state: 'planned' });
    }
  }
  // A T-NOVA request with a return chain of its own (the reference file documents it, unwrapped here).
  const tnova = { service: { ns_instance_id: 'service1', client_mkt_id: 'c1', nap_mkt_id: 'c1_nap1', ce_pe: ['nfvi1', 'nfvi2'], pe_ce: ['nfvi1'] } };
  for (const s of previewImport(JSON.stringify(tnova), { now: NOW, fileName: 'tnova.json', topology: sampleTopology }).services) all.push({ ...s, state: 'planned' });
  return all;
}

/** The importer id of an NSR format. */
export function importerOf(format: NsrFormat): string {
  return (nsrFormats.find((f) => f.id === format) as { importer: string }).importer;
}

/** Exports one service and reads the document back with the format's importer. */
export function roundTrip(format: NsrFormat, service: ServiceDto, topology: TopologyDto = sampleTopology): { text: string; preview: ImportPreview; diagnostics: readonly { code: string; message: string }[] } {
  const result = exportPlans(format, { topology, services: [service], plans: [] });
  const preview = previewImport(result.text, { now: NOW, topology });
  return { text: result.text, preview, diagnostics: result.diagnostics };
}

/** What a format carries of a service, in the form the importers give it back. */
export interface Carried {
  readonly chain: readonly string[];
  readonly reverse: readonly string[] | null;
  readonly inSegment: string | null;
  readonly outSegment: string | null;
}

/** What each format carries: the comparison the round trip must pass. */
export function carried(format: NsrFormat, s: Pick<ServiceDto, 'chain' | 'reverseChain' | 'inSegment' | 'outSegment'>, topology: TopologyDto = sampleTopology): Carried {
  const reverse = s.reverseChain ?? [...s.chain].reverse();
  const lower = (list: readonly string[]): string[] => list.map((p) => p.toLowerCase());
  switch (format) {
    case 'nsr-openbaton':
      return { chain: s.chain, reverse: null, inSegment: null, outSegment: null };
    case 'nsr-osm':
      return { chain: s.chain, reverse: null, inSegment: s.inSegment, outSegment: s.outSegment };
    case 'nsr-sol005': {
      const separate = JSON.stringify(lower(reverse)) !== JSON.stringify(lower([...s.chain].reverse()));
      const both = s.inSegment !== null && s.outSegment !== null;
      return { chain: s.chain, reverse: separate && both ? reverse : null, inSegment: s.inSegment, outSegment: s.outSegment };
    }
    case 'nsr-katana': {
      const ends = s.chain.length <= 1 ? s.chain : [s.chain[0] as string, s.chain[s.chain.length - 1] as string];
      return { chain: ends, reverse: null, inSegment: null, outSegment: null };
    }
    case 'nsr-demi':
      return {
        chain: s.chain,
        reverse: null,
        inSegment: s.inSegment ?? topology.defaults.sourceSegment,
        outSegment: s.outSegment ?? topology.defaults.targetSegment,
      };
    case 'nsr-tnova':
      return { chain: s.chain, reverse, inSegment: null, outSegment: null };
  }
}

/** The same view of an imported service (an explicit return chain equal to the mirror is null). */
export function carriedOf(format: NsrFormat, s: Pick<ServiceDto, 'chain' | 'reverseChain' | 'inSegment' | 'outSegment'>): Carried {
  if (format === 'nsr-tnova') return { chain: s.chain, reverse: s.reverseChain ?? [...s.chain].reverse(), inSegment: s.inSegment, outSegment: s.outSegment };
  return { chain: s.chain, reverse: s.reverseChain, inSegment: s.inSegment, outSegment: s.outSegment };
}
