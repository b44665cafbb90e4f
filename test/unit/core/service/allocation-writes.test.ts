// Fleet scale (issue 15, item 5): planning one service rewrites only that service's allocation
// rows, so its cost and its change-log record do not grow with the services already planned.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDto, TopologyDto } from '../../../../core/contract/dto';
import type { ChangeRecord } from '../../../../core/store/change-log';
import { ProjectDb } from '../../../../core/store/project-db';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { planProject, readAllocations } from '../../../../core/service/planning';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';

let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});

const sample = JSON.parse(readFileSync('resources/sample/sample-wan.json', 'utf8')) as { topology: TopologyDto };

function flow(id: string): ServiceDto {
  return { id, name: id, inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'], reverseChain: null, state: 'draft', provenance: null, attributes: {} };
}

/** A project with `n` planned flows and a change capture started after them. */
function fleet(n: number): { db: ProjectDb; take: () => ChangeRecord | null } {
  const db = ProjectDb.create(sql);
  db.topology.replace(sample.topology);
  db.transaction(() => {
    for (let i = 0; i < n; i++) db.services.upsert(flow(`f${i}`));
    planProject(db);
  });
  const capture = db.captureChanges();
  if (!capture) throw new Error('sql.js without update hook');
  return { db, take: () => capture.take() };
}

function allocationOps(record: ChangeRecord | null): ChangeRecord['ops'] {
  return (record?.ops ?? []).filter((op) => op.table === 'allocations');
}

describe('per-service allocation writes', () => {
  it('planning a new service logs only its own allocation rows, at 10 and at 200 planned services', () => {
    const counts = [10, 200].map((n) => {
      const { db, take } = fleet(n);
      const held = readAllocations(db);
      db.transaction(() => {
        db.services.upsert(flow('new'));
        planProject(db, ['new']);
      });
      const ops = allocationOps(take());
      expect(ops.some((op) => op.op === 'clear')).toBe(false);
      expect(ops.length).toBeGreaterThan(0);
      for (const op of ops) expect(op.op === 'upsert' && op.row['service_id']).toBe('new');
      // Nothing the others held moved, and nothing is held twice.
      const after = readAllocations(db);
      expect(after.filterIndices.filter((a) => a.serviceId !== 'new')).toEqual(held.filterIndices);
      expect(after.conditions.filter((a) => a.serviceId !== 'new')).toEqual(held.conditions);
      const keys = after.filterIndices.map((a) => `${a.portId}/${a.index}`);
      expect(new Set(keys).size).toBe(keys.length);
      return ops.length;
    });
    expect(counts[1]).toBe(counts[0]);
  });

  it('re-planning a service replaces its rows and keeps the others; removing it frees them', () => {
    const { db, take } = fleet(20);
    const before = readAllocations(db).filterIndices.filter((a) => a.serviceId === 'f3');
    db.transaction(() => planProject(db, ['f3']));
    expect(readAllocations(db).filterIndices.filter((a) => a.serviceId === 'f3')).toEqual(before);
    take();
    db.transaction(() => db.services.remove('f3'));
    const after = readAllocations(db);
    expect([...after.filterIndices, ...after.conditions].some((a) => a.serviceId === 'f3')).toBe(false);
    expect(allocationOps(take()).every((op) => op.op === 'delete')).toBe(true);
  });

  it('reads only the services named, in list order', () => {
    const { db } = fleet(5);
    expect(db.services.readSome(['f3', 'nope', 'f1', 'f3']).map((s) => s.id)).toEqual(['f1', 'f3']);
    expect(db.services.get('f2')?.chain).toEqual(['pop-athens', 'pop-patras']);
    expect(db.services.get('nope')).toBeUndefined();
  });
});

describe('the allocations kept in memory', () => {
  /** What SQLite holds, read past the repository's cache. */
  function stored(db: ProjectDb): string[] {
    const copy = new sql.Database(db.export());
    try {
      return (copy.exec('SELECT service_id, kind, scope, value FROM allocations ORDER BY rowid')[0]?.values ?? []).map((r) => r.join('/'));
    } finally {
      copy.close();
    }
  }
  const cached = (db: ProjectDb): string[] => db.allocations.read().map((r) => [r.serviceId, r.kind, r.scope, r.value].join('/'));

  it('match the table after plans, removals, a rolled-back plan and a failed savepoint', () => {
    const { db } = fleet(8);
    expect(cached(db)).toEqual(stored(db));
    db.transaction(() => {
      db.services.upsert(flow('a'));
      planProject(db, ['a']);
    });
    expect(cached(db)).toEqual(stored(db));
    db.transaction(() => db.services.remove('f2'));
    expect(cached(db)).toEqual(stored(db));
    expect(() =>
      db.transaction(() => {
        db.services.upsert(flow('doomed'));
        planProject(db, ['doomed']);
        expect(cached(db).some((r) => r.startsWith('doomed/'))).toBe(true);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(cached(db).some((r) => r.startsWith('doomed/'))).toBe(false);
    expect(cached(db)).toEqual(stored(db));
    db.transaction(() => {
      try {
        db.transaction(() => {
          db.services.remove('f4');
          throw new Error('inner');
        });
      } catch {
        // the savepoint rolled back; f4 keeps its rows
      }
      planProject(db, ['f5']);
    });
    expect(cached(db).some((r) => r.startsWith('f4/'))).toBe(true);
    expect(cached(db)).toEqual(stored(db));
  });

  it('plan the next service as a fresh read of the table would, after a rollback and a removal', () => {
    const holdings = (db: ProjectDb, id: string): string[] => cached(db).filter((r) => r.startsWith(`${id}/`)).map((r) => r.slice(id.length));
    const { db } = fleet(6);
    const twin = fleet(6).db;
    // Warm the planner's index, then plan a service in a transaction that is rolled back.
    db.transaction(() => planProject(db, ['f1']));
    expect(() =>
      db.transaction(() => {
        db.services.upsert(flow('doomed'));
        planProject(db, ['doomed']);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    db.transaction(() => db.services.remove('f2'));
    twin.transaction(() => twin.services.remove('f2'));
    for (const d of [db, twin]) {
      d.transaction(() => {
        d.services.upsert(flow('next'));
        planProject(d, ['next']);
      });
    }
    // The index took neither the rolled-back plan's holdings nor the removed service's.
    expect(holdings(db, 'next')).toEqual(holdings(twin, 'next'));
    expect(holdings(db, 'next').length).toBeGreaterThan(0);
    expect(cached(db)).toEqual(stored(db));
  });
});
