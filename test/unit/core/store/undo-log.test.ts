import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../../core/store/project-db';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';

let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});

describe('the undo log beside a change log', () => {
  it('the change log sees the project rows a change touched, never the undo log', () => {
    const db = ProjectDb.create(sql);
    db.recordUndo();
    const capture = db.captureChanges();
    if (!capture) throw new Error('sql.js without update hook');
    db.transaction(() => db.meta.set('name', 'renamed'));
    expect(capture.take()?.ops.map((op) => op.table)).toEqual(['meta']);
    db.close();
  });

  it('leaves no trace in the saved file', () => {
    const db = ProjectDb.create(sql);
    const log = db.recordUndo();
    db.transaction(() => db.meta.set('name', 'renamed'));
    expect(log.take()).toHaveLength(1);
    const saved = new sql.Database(db.export());
    expect(saved.exec("SELECT type, name FROM sqlite_master WHERE name LIKE 'undo%'")).toEqual([]);
    saved.close();
    // Still recording after the save reopened the database.
    db.transaction(() => db.meta.set('name', 'again'));
    expect(log.replay(log.take())).toHaveLength(1);
    expect(db.meta.get('name')).toBe('renamed');
    db.close();
  });

  it('takes back rows a REPLACE conflict deleted (a change-log replay writes with INSERT OR REPLACE)', () => {
    const db = ProjectDb.create(sql);
    db.meta.set('name', 'before');
    const log = db.recordUndo();
    db.applyChanges([{ seq: 1, ops: [{ op: 'upsert', table: 'meta', rowid: 99, row: { key: 'name', value: 'replayed' } }] }]);
    expect(db.meta.get('name')).toBe('replayed');
    log.replay(log.take());
    expect(db.meta.get('name')).toBe('before');
    db.close();
  });

  it('records nothing once stopped (a durable session)', () => {
    const db = ProjectDb.create(sql);
    db.recordUndo();
    db.stopUndo();
    db.transaction(() => db.meta.set('name', 'renamed'));
    const again = db.recordUndo();
    expect(again.take()).toEqual([]);
    db.close();
  });
});
