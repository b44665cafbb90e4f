import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDto } from '../../../../core/contract/dto';
import { ProjectDb } from '../../../../core/store/project-db';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';

let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});

const service = (id: string, format: string | null, extra: Partial<ServiceDto> = {}): ServiceDto => ({
  id,
  name: id,
  inSegment: null,
  outSegment: null,
  chain: ['pop-athens'],
  reverseChain: null,
  state: 'planned',
  provenance: format === null ? null : { format, file: null, recordId: null, importedAt: '2026-01-01T00:00:00Z' },
  attributes: {},
  ...extra,
});

/** Services the REST requests look up, among others they must not see. */
function project(): ProjectDb {
  const db = ProjectDb.create(sql);
  const record = (id: string, recordId: string) => ({ format: 'katana', file: null, recordId, importedAt: '2026-01-01T00:00:00Z' });
  for (const s of [
    service('z-first', 'tnova', { attributes: { napMktId: 'nap1' } }),
    service('numeric', 'tnova', { attributes: { napMktId: 1 } }),
    service('slice/a', 'katana', { provenance: record('slice/a', 'slice') }),
    service('manual', null, { chain: ['POP-Patras'], reverseChain: ['Ħeraklion'] }),
    service('7c1e4a90-aa', 'openbaton'),
    service('7c1e4a90-bb', 'openbaton'),
    service('7c1e4a9', 'openbaton'),
    service('slice', 'demi-flows'),
    service('odd', 'katana', { provenance: record('odd', 'a/b"c\\d') }),
  ]) db.services.upsert(s);
  return db;
}

const ids = (services: readonly ServiceDto[]): string[] => services.map((s) => s.id);

describe('service queries (a request reads its own services, not the fleet)', () => {
  it('finds by record id or id, in list order, each once', () => {
    expect(ids(project().services.readByIdOrRecord(['slice', 'slice/a', 'none']))).toEqual(['slice/a', 'slice']);
    // Record ids a JSON writer escapes are found too.
    expect(ids(project().services.readByIdOrRecord(['a/b"c\\d']))).toEqual(['odd']);
    expect(ids(project().services.readByIdOrRecord(['a/b"c']))).toEqual([]);
  });

  it('finds by format, by string attribute, by a name on the route ignoring case, by id prefix', () => {
    const db = project().services;
    expect(ids(db.find({ formats: ['openbaton', 'demi-flows'] }))).toEqual(['7c1e4a90-aa', '7c1e4a90-bb', '7c1e4a9', 'slice']);
    expect(ids(db.find({ formats: [] }))).toEqual([]);
    expect(ids(db.find({ attribute: { key: 'napMktId', value: 'nap1' } }))).toEqual(['z-first']);
    // 1 is not "1": the REST API compares attributes as strings.
    expect(ids(db.find({ attribute: { key: 'napMktId', value: '1' } }))).toEqual([]);
    expect(ids(db.find({ names: ['pop-patras'] }))).toEqual(['manual']);
    expect(ids(db.find({ names: ['ħERAKLION'] }))).toEqual(['manual']);
    expect(ids(db.find({ names: ['pop-athens'], formats: ['tnova'] }))).toEqual(['z-first', 'numeric']);
    expect(ids(db.find({ idPrefix: '7c1e4a90-' }))).toEqual(['7c1e4a90-aa', '7c1e4a90-bb']);
    expect(ids(db.find({ idPrefix: '7c1e4a9' }))).toEqual(['7c1e4a90-aa', '7c1e4a90-bb', '7c1e4a9']);
  });
});
