import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDto } from '../../../../core/contract/dto';
import type { ChangeRecord } from '../../../../core/store/change-log';
import { migrations } from '../../../../core/store/migrations';
import { ProjectDb } from '../../../../core/store/project-db';
import type { ServiceQuery } from '../../../../core/store/repositories/services';
import type { SqlDatabase, SqlEngine } from '../../../../core/store/sqlite-port';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';

/**
 * Service lookups (by record id, format, attribute, route name) go through the indexed lookup
 * keys: the answers are those of a filter over every service, the keys follow every write, a
 * file from schema 3 or edited by hand gets its keys on open, and no lookup scans the fleet.
 */
let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});

/** Texts that collide under case folding (Unicode, not only ASCII), quotes and escapes. */
const POOL = ['pop-athens', 'POP-Athens', 'Ħeraklion', 'ħERAKLION', 'İstanbul', 'i̇stanbul', 'ß', 'SS', 'Σίσυφος', 'ΣΊΣΥΦΟΣ', 'a"b', 'a\\"b', "O'Brien", 'x/y', '😀', '😀-1', 'ǅ', 'ǆ'];
const text = fc.oneof({ arbitrary: fc.constantFrom(...POOL), weight: 3 }, { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), weight: 1 });
/** Formats, record ids and attribute values: fewer, so that lookups find some. */
const FEW = ['tnova', 'Tnova', 'a"b', 'a\\"b', '😀', 'Ħeraklion'];
const few = fc.oneof({ arbitrary: fc.constantFrom(...FEW), weight: 4 }, { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), weight: 1 });
/** A text as a request may spell it: as stored, upper- or lower-cased. */
const spelled = text.chain((t) => fc.constantFrom(t, t.toUpperCase(), t.toLowerCase()));
const attributeKey = fc.constantFrom('napMktId', 'status', 'k"ey', 'ключ', '__proto__', 'a.b');

const serviceArb: fc.Arbitrary<ServiceDto> = fc.record({
  id: fc.oneof(fc.constantFrom(...POOL), text),
  name: text,
  inSegment: fc.constant(null),
  outSegment: fc.constant(null),
  chain: fc.array(text, { minLength: 1, maxLength: 3 }),
  reverseChain: fc.option(fc.array(text, { maxLength: 3 }), { nil: null }),
  state: fc.constant('planned' as const),
  provenance: fc.option(
    fc.record({ format: few, file: fc.constant(null), recordId: fc.option(few, { nil: null }), importedAt: fc.constant('2026-01-01T00:00:00Z') }),
    { nil: null },
  ),
  attributes: fc.dictionary(attributeKey, fc.oneof({ arbitrary: few, weight: 3 }, fc.integer(), fc.constant(null), fc.array(few, { maxLength: 2 }))),
});

const formats = fc.array(few, { maxLength: 3 });
const attribute = fc.record({ key: attributeKey, value: few });
const names = fc.array(spelled, { maxLength: 3 });
const idPrefix = text.map((t) => [...t].slice(0, 2).join(''));
/** Each filter alone, the combinations REST requests make, and any combination. */
const queryArb: fc.Arbitrary<ServiceQuery> = fc.oneof(
  fc.record({ formats }),
  fc.record({ attribute }),
  fc.record({ names }),
  fc.record({ idPrefix }),
  fc.record({ attribute, formats }),
  fc.record({ names, formats }),
  fc.record({ formats, idPrefix }),
  fc.record({ formats, attribute, names, idPrefix }, { requiredKeys: [] }),
);

/** What `find` answers, by a filter over every service in list order. */
function bruteFind(all: readonly ServiceDto[], q: ServiceQuery): string[] {
  const folded = (names: readonly string[]): string[] => names.map((n) => n.toLowerCase());
  return all
    .filter(
      (s) =>
        (q.formats === undefined || (s.provenance !== null && q.formats.includes(s.provenance.format))) &&
        (q.attribute === undefined || (Object.hasOwn(s.attributes, q.attribute.key) && s.attributes[q.attribute.key] === q.attribute.value)) &&
        (q.names === undefined || folded([...s.chain, ...(s.reverseChain ?? [])]).some((n) => folded(q.names ?? []).includes(n))) &&
        (q.idPrefix === undefined || s.id.startsWith(q.idPrefix)),
    )
    .map((s) => s.id);
}

/** What `readByIdOrRecord` answers, by a filter over every service in list order. */
function bruteByIdOrRecord(all: readonly ServiceDto[], ids: readonly string[]): string[] {
  return all.filter((s) => ids.includes(s.id) || (s.provenance?.recordId != null && ids.includes(s.provenance.recordId))).map((s) => s.id);
}

const ids = (services: readonly ServiceDto[]): string[] => services.map((s) => s.id);

/** Every lookup over `db` answers as the filter over all its services does. */
function expectLookupsMatch(db: ProjectDb, queries: readonly ServiceQuery[], recordIds: readonly string[]): void {
  const all = db.services.read();
  for (const q of queries) expect(ids(db.services.find(q)), JSON.stringify(q)).toEqual(bruteFind(all, q));
  expect(ids(db.services.readByIdOrRecord(recordIds))).toEqual(bruteByIdOrRecord(all, recordIds));
}

/** The services of the property: some inserted, some replaced (same id), some removed. */
function stocked(writes: readonly ServiceDto[], removed: readonly string[]): ProjectDb {
  const db = ProjectDb.create(sql);
  for (const s of writes) db.services.upsert(s);
  for (const id of removed) db.services.remove(id);
  return db;
}

/** Raw SQL on a project's file bytes, as someone editing it with sqlite3 would. */
function edited(bytes: Uint8Array, ...statements: string[]): Uint8Array {
  const raw = new sql.Database(bytes);
  try {
    for (const s of statements) raw.run(s);
    return raw.export();
  } finally {
    raw.close();
  }
}

const web: ServiceDto = {
  id: 'web',
  name: 'web',
  inSegment: null,
  outSegment: null,
  chain: ['Ħeraklion', 'pop-athens'],
  reverseChain: null,
  state: 'planned',
  provenance: { format: 'tnova', file: null, recordId: 'ns-"1"', importedAt: '2026-01-01T00:00:00Z' },
  attributes: { napMktId: 'nap1', vlan: 400 },
};

describe('service lookups through the lookup keys', () => {
  it('answer as a filter over every service, after inserts, replacements and removals', () => {
    fc.assert(
      fc.property(
        fc.array(serviceArb, { minLength: 4, maxLength: 16 }),
        fc.array(fc.constantFrom(...POOL), { maxLength: 3 }),
        fc.array(queryArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(few, text), { minLength: 1, maxLength: 4 }),
        (writes, removed, queries, recordIds) => {
          const db = stocked(writes, removed);
          expectLookupsMatch(db, queries, recordIds);
          // The same after a save and reopen (the keys are checked against the services on open).
          expectLookupsMatch(ProjectDb.open(sql, db.export()), queries, recordIds);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('are filled on open for a file from schema 3, which then reads as schema 4', () => {
    // A schema-3 file as the previous build wrote it: its migrations, its rows, no lookup keys.
    const raw = new sql.Database();
    for (const m of migrations.filter((m) => m.version <= 3)) raw.exec(m.sql);
    raw.run("INSERT INTO meta (key, value) VALUES ('app', 'wicm-studio')");
    raw.run(
      `INSERT INTO services (id, position, name, chain, reverse_chain, state, provenance, attributes) VALUES
        ('web', 1, 'web', '["Ħeraklion","pop-athens"]', NULL, 'planned', '{"format":"tnova","file":null,"recordId":"ns-\\"1\\"","importedAt":"2026-01-01T00:00:00Z"}', '{"napMktId":"nap1","vlan":400}'),
        ('manual', 2, 'manual', '["pop-patras"]', '["POP-ATHENS"]', 'draft', NULL, '{}')`,
    );
    raw.run('PRAGMA user_version = 3');
    const bytes = raw.export();
    raw.close();

    const db = ProjectDb.open(sql, bytes, 'old.wicm');
    expect(ids(db.services.find({ names: ['ħeraklion'] }))).toEqual(['web']);
    expect(ids(db.services.find({ names: ['Pop-Athens'] }))).toEqual(['web', 'manual']);
    expect(ids(db.services.find({ attribute: { key: 'napMktId', value: 'nap1' }, formats: ['tnova'] }))).toEqual(['web']);
    expect(ids(db.services.readByIdOrRecord(['ns-"1"', 'manual']))).toEqual(['web', 'manual']);
    const reopened = new sql.Database(db.export());
    expect(reopened.exec('PRAGMA user_version')[0]?.values[0]?.[0]).toBe(4);
    reopened.close();
  });

  it('are rebuilt on open when the file was edited by hand, keeping the keys that were right', () => {
    const db = ProjectDb.create(sql);
    db.services.upsert(web);
    db.services.upsert({ ...web, id: 'other', provenance: null, attributes: {}, chain: ['pop-patras'] });
    const bytes = edited(
      db.export(),
      // The route of 'web' changed, the key of 'other' removed, a key of a service that never
      // existed (sqlite3 leaves foreign keys off).
      `UPDATE services SET chain = '["ǅubrovnik"]' WHERE id = 'web'`,
      `DELETE FROM service_keys WHERE service_id = 'other'`,
      `INSERT INTO service_keys (service_id, kind, value) VALUES ('ghost', 'route', 'pop-patras')`,
    );
    const opened = ProjectDb.open(sql, bytes, 'edited.wicm');
    expect(ids(opened.services.find({ names: ['ǆUBROVNIK'] }))).toEqual(['web']);
    expect(ids(opened.services.find({ names: ['pop-athens', 'ħeraklion'] }))).toEqual([]);
    expect(ids(opened.services.find({ names: ['POP-PATRAS'] }))).toEqual(['other']);
    expectLookupsMatch(opened, [{ formats: ['tnova'] }, { attribute: { key: 'napMktId', value: 'nap1' } }], ['ns-"1"', 'ghost']);
    const keys = (bytesOf: Uint8Array): unknown[][] => {
      const raw = new sql.Database(bytesOf);
      try {
        return raw.exec('SELECT rowid, service_id, kind, value FROM service_keys ORDER BY rowid')[0]?.values ?? [];
      } finally {
        raw.close();
      }
    };
    // A file already in step opens without a single key row rewritten.
    const inStep = opened.export();
    expect(keys(ProjectDb.open(sql, inStep).export())).toEqual(keys(inStep));
  });

  it('replay from a change log, also one written before the keys existed (services rows only)', () => {
    const db = ProjectDb.create(sql);
    db.services.upsert({ ...web, id: 'gone' });
    const base = db.export();
    const capture = db.captureChanges();
    if (!capture) throw new Error('sql.js without update hook');
    db.services.upsert(web);
    db.services.remove('gone');
    const record = capture.take() as ChangeRecord;
    expect(record.ops.some((op) => op.table === 'service_keys')).toBe(true);
    const queries: ServiceQuery[] = [{ names: ['POP-ATHENS'] }, { formats: ['tnova'] }, { attribute: { key: 'napMktId', value: 'nap1' } }];

    const replayed = ProjectDb.open(sql, base);
    replayed.applyChanges([record]);
    expectLookupsMatch(replayed, queries, ['ns-"1"']);
    expect(ids(replayed.services.find({ names: ['pop-athens'] }))).toEqual(['web']);

    const older = ProjectDb.open(sql, base);
    older.applyChanges([{ ...record, ops: record.ops.filter((op) => op.table !== 'service_keys') }]);
    expectLookupsMatch(older, queries, ['ns-"1"']);
    expect(ids(older.services.find({ names: ['pop-athens'] }))).toEqual(['web']);
  });
});

describe('service lookups do not scan the fleet', () => {
  /**
   * The query plans (SQLite's EXPLAIN QUERY PLAN) of the statements `run` prepared on a new
   * project; without statistics tables SQLite plans the same whatever the rows.
   */
  function plansOf(run: (db: ProjectDb) => unknown): string {
    type Database = SqlDatabase & { prepare(statement: string): ReturnType<SqlDatabase['prepare']> };
    const plans: string[] = [];
    class Planned extends (sql.Database as unknown as new (data?: ArrayLike<number> | null) => Database) {
      override prepare(statement: string): ReturnType<SqlDatabase['prepare']> {
        plans.push(...(this.exec(`EXPLAIN QUERY PLAN ${statement}`)[0]?.values ?? []).map((row) => String(row[3])));
        return super.prepare(statement);
      }
    }
    const db = ProjectDb.create({ Database: Planned });
    plans.length = 0;
    run(db);
    expect(plans.length).toBeGreaterThan(0);
    return plans.join('\n');
  }

  it.each<[string, (db: ProjectDb) => unknown]>([
    ['by record id or id (deletes, Katana slices, Open Baton NSRs)', (db) => db.services.readByIdOrRecord(['ns-"1"', 'web'])],
    ['by format', (db) => db.services.find({ formats: ['openbaton', 'katana'] })],
    ['by string attribute (T-NOVA NAP)', (db) => db.services.find({ attribute: { key: 'napMktId', value: 'nap1' } })],
    ['by attribute and format', (db) => db.services.find({ attribute: { key: 'napMktId', value: 'nap1' }, formats: ['tnova'] })],
    ['by a name on the route', (db) => db.services.find({ names: ['Pop-Athens', 'ħeraklion'] })],
    ['by route name and format', (db) => db.services.find({ names: ['pop-athens'], formats: ['tnova'] })],
    ['by format and id prefix (demi-wicm short ids)', (db) => db.services.find({ formats: ['openbaton'], idPrefix: '7c1e4a90-' })],
  ])('%s', (_, lookup) => {
    const plan = plansOf(lookup);
    expect(plan).not.toMatch(/\bSCAN\b/);
    expect(plan).toMatch(/SEARCH service_keys (EXISTS )?USING (COVERING )?INDEX service_keys_(lookup|service) \(/);
  });

  it('writes of a service touch only its own key rows', () => {
    const plan = plansOf((db) => {
      db.services.upsert(web);
      db.services.upsert({ ...web, chain: ['pop-patras'] });
      db.services.remove('web');
    });
    expect(plan).toMatch(/service_keys/);
    expect(plan).not.toMatch(/\bSCAN\b/);
  });
});
