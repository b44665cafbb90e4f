import { readFileSync } from 'node:fs';
import type { TopologyDto } from '../../../../core/contract/dto';
import { previewImport, type ImportContext, type ImportPreview } from '../../../../core/import';
import type { ImportResult } from '../../../../core/model';

const FIXTURES = new URL('../../../fixtures/', import.meta.url);

/** Text of a file under test/fixtures. */
export function fixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/**
 * An input document that tests edit freely (untyped on purpose: edge cases reach into any
 * field of a fixture).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

/** Parsed JSON of a file under test/fixtures (a fresh copy each time, safe to mutate). */
export function fixture<T = Doc>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

/** The test project: pop-athens, pop-patras, pop-core with the aliases the fixtures use. */
export const topology: TopologyDto = fixture<TopologyDto>('import/topology.json');

/** Import context without a topology (no PoP checks). */
export const bare: ImportContext = { now: '2024-05-01T12:00:00.000Z', fileName: 'input.json' };

/** Import context with the test topology. */
export const withTopology: ImportContext = { ...bare, topology };

/** Previews a JSON value (serialised) with a context. */
export function run(doc: unknown, ctx: ImportContext = bare, format?: string): ImportPreview {
  return previewImport(JSON.stringify(doc), ctx, format === undefined ? undefined : { format });
}

/** Diagnostic codes of a result, in order. */
export function codes(result: ImportResult, severity?: 'error' | 'warning' | 'info'): string[] {
  return result.diagnostics.filter((d) => severity === undefined || d.severity === severity).map((d) => d.code);
}

/** The one diagnostic with a code (fails the test when there is not exactly one). */
export function diagnostic(result: ImportResult, code: string) {
  const found = result.diagnostics.filter((d) => d.code === code);
  if (found.length !== 1) {
    throw new Error(`expected one ${code}, got ${found.length}: ${JSON.stringify(result.diagnostics, null, 1)}`);
  }
  return found[0]!;
}

/** Chains of the services of a result. */
export function chains(result: ImportResult): string[][] {
  return result.services.map((s) => [...s.chain]);
}
