import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDto, TopologyDto } from '../../../../core/contract/dto';
import { decodeChangeLog, encodeChangeRecord, type ChangeRecord } from '../../../../core/store/change-log';
import { ProjectDb } from '../../../../core/store/project-db';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';

let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});

const sample = JSON.parse(readFileSync('resources/sample/sample-wan.json', 'utf8')) as { topology: TopologyDto; positions: { elementId: string; x: number; y: number }[] };

function service(id: string, name = id): ServiceDto {
  return { id, name, inSegment: '192.168.10.0/24', outSegment: null, chain: ['pop-athens'], reverseChain: null, state: 'planned', provenance: null, attributes: {} };
}

/** Every row of every table (with rowids), from file bytes. */
function dump(bytes: Uint8Array): Record<string, unknown[][]> {
  const db = new sql.Database(bytes);
  try {
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values.map((r) => String(r[0])) ?? [];
    return Object.fromEntries(tables.map((t) => [t, db.exec(`SELECT rowid, * FROM "${t}" ORDER BY rowid`)[0]?.values ?? []]));
  } finally {
    db.close();
  }
}

/** A project with the sample WAN, its base file bytes, and a capture started after them. */
function started(): { db: ProjectDb; base: Uint8Array; take: () => ChangeRecord } {
  const db = ProjectDb.create(sql);
  db.topology.replace(sample.topology);
  db.positions.write(sample.positions);
  db.services.upsert(service('svc-old'));
  db.journal.append('t', '2026-01-01T00:00:00.000Z', { type: 'begin' });
  const base = db.export();
  const capture = db.captureChanges();
  if (!capture) throw new Error('sql.js without update hook');
  return { db, base, take: () => capture.take() as ChangeRecord };
}

/** The mutations of a busy minute: upserts, a replaced table, cascades, a rolled-back change, journal rows. */
function mutate(db: ProjectDb): void {
  db.transaction(() => {
    db.services.upsert(service('svc-1'));
    db.plans.write('svc-1', { rules: [1, 2, 3] });
    db.allocations.replace([{ kind: 'vlan', scope: 'p1', value: '100', serviceId: 'svc-1', direction: 'forward', extra: null }]);
  });
  db.services.upsert(service('svc-old', 'renamed'));
  db.journal.append('t', '2026-01-01T00:00:01.000Z', { type: 'applied', seq: 1 });
  expect(() =>
    db.transaction(() => {
      db.services.upsert(service('svc-doomed'));
      throw new Error('refused');
    }),
  ).toThrow('refused');
  const bridge = sample.topology.bridges[0];
  if (bridge) db.topology.remove('bridge', bridge.id);
  db.allocations.replace([{ kind: 'vlan', scope: 'p1', value: '101', serviceId: 'svc-1', direction: 'forward', extra: null }]);
}

describe('change log', () => {
  it('replays captured changes onto the base file to exactly the live database, twice over too', () => {
    const { db, base, take } = started();
    mutate(db);
    const record = take();
    const replayed = ProjectDb.open(sql, base);
    replayed.applyChanges([record]);
    expect(dump(replayed.export())).toEqual(dump(db.export()));
    // Idempotent: the same record again, or over a file that already holds it, changes nothing.
    replayed.applyChanges([record, record]);
    expect(dump(replayed.export())).toEqual(dump(db.export()));
    const again = ProjectDb.open(sql, db.export());
    again.applyChanges([record]);
    expect(dump(again.export())).toEqual(dump(db.export()));
  });

  it('keeps a record to the rows a change touched, whatever the size of the project', () => {
    const { db, take } = started();
    db.services.upsert(service('svc-1'));
    const record = take();
    // The service and its one lookup key (its PoP), nothing else.
    expect(record.ops).toEqual([
      expect.objectContaining({ op: 'upsert', table: 'services', row: expect.objectContaining({ id: 'svc-1' }) }),
      expect.objectContaining({ op: 'upsert', table: 'service_keys', row: { service_id: 'svc-1', kind: 'route', value: 'pop-athens' } }),
    ]);
  });

  it('round-trips records through bytes and several records in sequence', () => {
    const { db, base, take } = started();
    db.services.upsert(service('svc-1'));
    const first = take();
    db.services.remove('svc-1');
    db.services.upsert(service('svc-2', 'naïve ünïcode ✓ 🚀'));
    const second = take();
    const bytes = new Uint8Array([...encodeChangeRecord(first), ...encodeChangeRecord(second)]);
    const decoded = decodeChangeLog(bytes);
    expect(decoded.torn).toBeNull();
    expect(decoded.records).toEqual([first, second]);
    const replayed = ProjectDb.open(sql, base);
    replayed.applyChanges(decoded.records);
    expect(dump(replayed.export())).toEqual(dump(db.export()));
  });

  it('encodes text as UTF-8 (multi-byte, surrogate pairs; JSON escapes a lone surrogate) and round-trips it', () => {
    const text = 'Ωμέγα → 🛰 ok \ud800 end';
    const record: ChangeRecord = { seq: 7, ops: [{ op: 'upsert', table: 'services', rowid: 1, row: { name: text } }] };
    const bytes = encodeChangeRecord(record);
    const line = new TextDecoder().decode(bytes);
    const json = line.slice(0, line.lastIndexOf('\t'));
    expect(bytes).toEqual(new TextEncoder().encode(line));
    expect(json).toContain('Ωμέγα → 🛰 ok \\ud800 end');
    expect(decodeChangeLog(bytes)).toEqual({ records: [record], torn: null });
  });

  it('ignores and reports a torn last record, and a record failing its checksum', () => {
    const { db, take } = started();
    db.services.upsert(service('svc-1'));
    const first = encodeChangeRecord(take());
    db.services.upsert(service('svc-2'));
    const second = encodeChangeRecord(take());
    for (let cut = 1; cut < second.length; cut += Math.max(1, Math.floor(second.length / 7))) {
      const decoded = decodeChangeLog(new Uint8Array([...first, ...second.subarray(0, cut)]));
      expect(decoded.records).toHaveLength(1);
      expect(decoded.torn).toEqual({ offset: first.length, reason: expect.stringMatching(/incomplete/) });
    }
    const flipped = new Uint8Array([...first, ...second]);
    flipped[first.length + 10] = (flipped[first.length + 10] ?? 0) ^ 0x01;
    const decoded = decodeChangeLog(flipped);
    expect(decoded.records).toHaveLength(1);
    expect(decoded.torn?.reason).toMatch(/checksum/);
  });
});
