import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_WAN = 'resources/sample/sample-wan.json';
/** A file of test/fixtures/reference. */
export const ref = (f: string): string => `test/fixtures/reference/${f}`;

/** Writes the request of one section of a reference document (demi-wicm, T-NOVA) to `dir`. */
function section(dir: string, file: string, key: string, name: string): string {
  const doc = JSON.parse(readFileSync(ref(file), 'utf8')) as Record<string, { request: unknown }>;
  const out = join(dir, name);
  writeFileSync(out, JSON.stringify(doc[key]!.request));
  return out;
}

export type NsrName = 'Open Baton' | 'SOL005' | 'OSM' | 'Katana' | 'Katana v2.2' | 'T-NOVA' | 'demi-wicm flows';

/** The reference NSRs, each as a function giving its file (sections are written into `dir`). */
export function referenceNsrs(dir: string, names: readonly NsrName[]): [NsrName, () => string][] {
  const files: Record<NsrName, () => string> = {
    'Open Baton': () => ref('openbaton-nsr-instantiate.json'),
    SOL005: () => ref('sol005-nsinstance.json'),
    OSM: () => ref('osm-nsr.json'),
    Katana: () => ref('katana-wim-data.json'),
    'Katana v2.2': () => ref('katana-wim-data-v2.2.json'),
    'T-NOVA': () => section(dir, 'tnova-service.json', 'POST /vnf-connectivity', 'tnova.json'),
    'demi-wicm flows': () => section(dir, 'demi-flows.json', 'POST /api/v1/flows', 'demi.json'),
  };
  return names.map((n) => [n, files[n]]);
}
