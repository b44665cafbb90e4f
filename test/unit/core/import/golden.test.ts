import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../core/import';
import { previewImport } from '../../../../core/import';
import { expectGoldenJson, goldenFilesUnder } from '../../../helpers/golden';
import { GOLDEN_CASES as CASES } from './golden-cases';
import { fixtureText, withTopology } from './helpers';

/** The parts of a preview a golden file pins (messages may be reworded; codes and pointers not). */
function summary(result: ImportPreview): unknown {
  return {
    format: result.format,
    services: result.services,
    deletions: result.deletions,
    ...(result.registrations ? { registrations: result.registrations } : {}),
    diagnostics: result.diagnostics.map((d) => ({ severity: d.severity, code: d.code, pointer: d.pointer })),
  };
}

/** `import/<format>/expected.<input name>.json`, relative to test/fixtures. */
function goldenPath(input: string, format: string): string {
  const name = input.split('/').pop()!.replace(/\.json$/, '');
  return `import/${format}/expected.${name}.json`;
}

describe('golden imports of the reference payloads', () => {
  for (const c of CASES) {
    it(`${c.input} → ${JSON.stringify(c.chains)}`, () => {
      const result = previewImport(fixtureText(c.input), withTopology);
      expect(result.format).toBe(c.format);
      expect(result.services.map((s) => s.chain)).toEqual(c.chains);
      if (c.reverse) expect(result.services.map((s) => s.reverseChain)).toEqual(c.reverse);
      expect(result.deletions).toEqual(c.deletions ?? []);
      expectGoldenJson(goldenPath(c.input, c.format), summary(result));
    });
  }

  it('compares every golden file in test/fixtures/import', () => {
    const compared = CASES.map((c) => goldenPath(c.input, c.format).replace(/^import\//, ''));
    expect(goldenFilesUnder('import')).toEqual(compared.sort());
  });

  it('the Katana v1.0 descriptor is recognised but refused with an error', () => {
    const result = previewImport(fixtureText('import/katana/services-segment-v1.0.json'), withTopology);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['KATANA_V1_UNSUPPORTED']);
  });

  it('T-NOVA registrations carry the switch ports and VLANs', () => {
    const result = previewImport(fixtureText('import/tnova/bulk.json'), withTopology);
    expect(result.registrations).toEqual([
      { kind: 'nap', id: 'c1_nap1', clientId: 'c1', switchId: 'openflow:1', cePort: 1, pePort: 2, ceVlan: 100, peVlan: 100, pointer: '/0/nap' },
      { kind: 'nfvi', id: 'nfvi1', switchId: 'openflow:1', port: 3, pointer: '/1/nfvi' },
      { kind: 'nfvi', id: 'nfvi2', switchId: 'openflow:2', port: 1, pointer: '/2/nfvi' },
    ]);
  });

  it('every golden import stamps provenance from the context', () => {
    const result = previewImport(fixtureText('reference/osm-nsr.json'), { ...withTopology, fileName: 'ns.json' });
    expect(result.services[0]?.provenance).toEqual({
      format: 'osm',
      file: 'ns.json',
      recordId: 'd4f1a2b3-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
      importedAt: withTopology.now,
    });
  });
});

