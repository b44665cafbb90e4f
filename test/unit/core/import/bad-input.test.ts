import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importers, MAX_INPUT_BYTES, MAX_NESTING_DEPTH, previewImport } from '../../../../core/import';
import { bare, diagnostic, fixtureText, withTopology } from './helpers';

describe('bad input', () => {
  it('strips a BOM with an info diagnostic', () => {
    const result = previewImport(`\uFEFF${fixtureText('reference/openbaton-nsr-instantiate.json')}`, bare);
    expect(result.services[0]?.chain).toEqual(['pop-athens', 'pop-patras']);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'info', code: 'BOM_STRIPPED' });
  });

  it('reports non-JSON with line and column', () => {
    const result = previewImport('{\n  "action": "INSTANTIATE_FINISH",\n  "payload": {"id": "x",}\n}', bare);
    const error = diagnostic(result, 'INVALID_JSON');
    expect(error.severity).toBe('error');
    expect(error.message).toContain("line 3, column 25: expected a property name in double quotes, found '}'");
    expect(result.detection).toEqual([]);
  });

  it('reports truncated JSON at its end', () => {
    const text = fixtureText('reference/sol005-nsinstance.json').slice(0, 500);
    const error = diagnostic(previewImport(text, bare), 'INVALID_JSON');
    expect(error.message).toMatch(/line \d+, column \d+/);
  });

  it('reports YAML or XML as not JSON', () => {
    expect(diagnostic(previewImport('nsr:\n  id: x\n', bare), 'INVALID_JSON').message).toContain("line 1, column 1: expected a value, found 'n'");
    expect(diagnostic(previewImport('<nsr/>', bare), 'INVALID_JSON').severity).toBe('error');
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const error = diagnostic(previewImport(deep, bare), 'NESTING_TOO_DEEP');
    expect(error.message).toContain(`column ${MAX_NESTING_DEPTH + 1}`);
    const ok = `${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}`;
    expect(previewImport(ok, bare).diagnostics.map((d) => d.code)).not.toContain('NESTING_TOO_DEEP');
  });

  it('refuses input over 20 MB before parsing it', () => {
    const big = `{"pad":"${'x'.repeat(MAX_INPUT_BYTES)}"}`;
    expect(diagnostic(previewImport(big, bare), 'INPUT_TOO_LARGE').severity).toBe('error');
  });

  it('counts UTF-8 bytes, not characters, against the limit', () => {
    const chars = Math.floor(MAX_INPUT_BYTES / 3) + 10;
    const big = `"${'€'.repeat(chars)}"`;
    expect(big.length).toBeLessThan(MAX_INPUT_BYTES);
    expect(diagnostic(previewImport(big, bare), 'INPUT_TOO_LARGE').severity).toBe('error');
  });

  it('refuses empty input and JSON that is not a document', () => {
    expect(diagnostic(previewImport('  \n', bare), 'EMPTY_INPUT').severity).toBe('error');
    for (const text of ['42', 'null', '"nsr"', '[]', '{}']) {
      const result = previewImport(text, bare);
      expect(result.services).toEqual([]);
      expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
  });

  it('refuses non-text input from JavaScript callers instead of throwing', () => {
    const result = previewImport(undefined as unknown as string, bare);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'WRONG_TYPE' });
  });

  it('reports wrong types inside a recognised document with pointers', () => {
    const doc = JSON.parse(fixtureText('reference/sol005-nsinstance.json'));
    doc.vnffgInfo[0].nfpInfo[0].cpGroup = { first: 'fw' };
    const result = previewImport(JSON.stringify(doc), bare);
    expect(result.diagnostics.find((d) => d.code === 'WRONG_TYPE')).toMatchObject({
      severity: 'error',
      pointer: '/vnffgInfo/0/nfpInfo/0/cpGroup',
    });
  });

  it('escapes JSON pointer tokens (RFC 6901)', () => {
    const doc = JSON.parse(fixtureText('reference/openbaton-nsr-instantiate.json'));
    doc.payload.vnf_dependency[0].idType = { 'fw/a~b': 'fw' };
    const result = previewImport(JSON.stringify(doc), bare);
    expect(result.diagnostics.find((d) => d.code === 'DANGLING_DEPENDENCY')?.pointer).toBe('/payload/vnf_dependency/0/idType/fw~1a~0b');
  });

  it('never throws, and every rejection carries an error (any JSON, any importer)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(undefined, ...importers.map((i) => i.id)), (value, format) => {
        const result = previewImport(JSON.stringify(value) ?? 'null', withTopology, format === undefined ? undefined : { format });
        const rejected = result.services.length === 0 && result.deletions.length === 0 && (result.registrations?.length ?? 0) === 0;
        expect(!rejected || result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never lets an importer throw, even when called directly with odd values', () => {
    const odd: unknown[] = [undefined, null, 1, 'x', [], [null], { payload: [] }, { nsr: { _id: 1 } }, { service: [] }, { action: 'create', data: 5 }];
    for (const importer of importers) {
      for (const value of odd) {
        const result = importer.parse(value, withTopology);
        expect(result.format).toBe(importer.id);
        expect(result.services.length + result.deletions.length > 0 || result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }
    }
  });
});
