import { describe, expect, it } from 'vitest';
import { importers, MIN_CONFIDENCE, previewImport } from '../../../../core/import';
import { GOLDEN_CASES } from './golden-cases';
import { bare, diagnostic, fixture, fixtureText, run } from './helpers';

describe('format detection', () => {
  it('has one importer per format id', () => {
    expect(importers.map((i) => i.id)).toEqual(['openbaton', 'demi-flows', 'tnova', 'katana', 'sol005', 'osm']);
  });

  for (const c of GOLDEN_CASES) {
    it(`detects ${c.input} as ${c.format}, ahead of every other format`, () => {
      const doc = fixture(c.input);
      const scores = importers.map((i) => ({ id: i.id, confidence: i.detect(doc) }));
      const own = scores.find((s) => s.id === c.format)!;
      const others = scores.filter((s) => s.id !== c.format);
      expect(own.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
      for (const other of others) expect(own.confidence).toBeGreaterThan(other.confidence);
      expect(previewImport(fixtureText(c.input), bare).detection[0]?.format).toBe(c.format);
    });
  }

  it('lists every format, highest confidence first', () => {
    const { detection } = run(fixture('reference/sol005-nsinstance.json'));
    expect(detection.map((d) => d.format).sort()).toEqual(importers.map((i) => i.id).sort());
    const values = detection.map((d) => d.confidence);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('refuses documents no importer recognises, naming the formats tried', () => {
    for (const path of ['reference/osm-ro-sdn-connectivity.json', 'reference/katana-wim-messages.json', 'reference/tnova-service.json']) {
      const result = previewImport(fixtureText(path), bare);
      expect(result.services).toEqual([]);
      const error = diagnostic(result, 'FORMAT_NOT_RECOGNISED');
      expect(error.severity).toBe('error');
      for (const id of importers.map((i) => i.id)) expect(error.message).toContain(id);
    }
  });

  it('lets the caller force a format, with a warning when it does not look like one', () => {
    const forced = run(fixture('reference/katana-wim-data.json'), bare, 'openbaton');
    expect(forced.format).toBe('openbaton');
    expect(forced.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'FORMAT_FORCED' });
    expect(forced.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('refuses an unknown forced format with the list of ids', () => {
    const result = run(fixture('reference/katana-wim-data.json'), bare, 'tosca');
    expect(diagnostic(result, 'UNKNOWN_FORMAT').hint).toContain('openbaton, demi-flows, tnova, katana, sol005, osm');
  });

  it('detect never throws and stays within 0..1 on odd values', () => {
    const odd: unknown[] = [null, 0, 'x', [], {}, [[[]]], { payload: null }, { nsr: 5 }, { action: {}, data: [] }, Object.create(null)];
    for (const importer of importers) {
      for (const value of odd) {
        const c = importer.detect(value);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
    }
  });
});
