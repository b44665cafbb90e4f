import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDto, TopologyDto } from '../../../../core/contract/dto';
import { ProjectDb } from '../../../../core/store/project-db';
import { SCHEMA_VERSION } from '../../../../core/store/migrations';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';

let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});

const sample = JSON.parse(readFileSync('resources/sample/sample-wan.json', 'utf8')) as { topology: TopologyDto; positions: { elementId: string; x: number; y: number }[] };

const service: ServiceDto = {
  id: 'svc-1',
  name: 'firewall chain',
  inSegment: '192.168.10.0/24',
  outSegment: null,
  chain: ['pop-athens', 'pop-patras'],
  reverseChain: null,
  state: 'planned',
  provenance: { format: 'openbaton', file: 'nsr.json', recordId: '7c1e4a90-1', importedAt: '2026-11-21T10:00:00.000Z' },
  attributes: { slice_sla: { mtu: 1500 } },
};

describe('ProjectDb', () => {
  it('round-trips topology, positions, services, plans, allocations and journal through file bytes exactly', () => {
    const db = ProjectDb.create(sql);
    db.replaceTopology(sample.topology);
    db.writePositions(sample.positions);
    db.upsertService(service);
    db.writePlan('svc-1', { hello: ['plan'] });
    db.replaceAllocations([{ kind: 'filter', scope: 'pt-vbr1-customer', value: '1', serviceId: 'svc-1', direction: 'forward', extra: null }]);
    db.appendJournal('odl-vtn', '2026-11-21T10:00:00.000Z', { step: 1 });
    const reopened = ProjectDb.open(sql, db.export());
    expect(reopened.readTopology()).toEqual(sample.topology);
    expect(reopened.readPositions()).toEqual(sample.positions);
    expect(reopened.readServices()).toEqual([service]);
    expect(Object.fromEntries(reopened.readPlans())).toEqual({ 'svc-1': { hello: ['plan'] } });
    expect(reopened.readAllocations()).toHaveLength(1);
    expect(reopened.readJournal('odl-vtn')[0]?.entry).toEqual({ step: 1 });
    // Second generation is byte-stable in content too.
    expect(ProjectDb.open(sql, reopened.export()).readTopology()).toEqual(sample.topology);
  });

  it('keeps foreign keys on after export (sql.js reopens the database)', () => {
    const db = ProjectDb.create(sql);
    db.replaceTopology(sample.topology);
    db.export();
    expect(() => db.replaceTopology({ ...sample.topology, ports: [...sample.topology.ports, { id: 'x', bridgeId: 'missing', name: 'x', ofPort: null }] })).toThrow(
      /does not exist/,
    );
    // The failed transaction left the topology as it was.
    expect(db.readTopology()).toEqual(sample.topology);
  });

  it('nests transactions: an inner failure rolls back only the inner part', () => {
    const db = ProjectDb.create(sql);
    db.transaction(() => {
      db.setMeta('outer', '1');
      expect(() => db.transaction(() => {
        db.setMeta('inner', '1');
        throw new Error('inner failed');
      })).toThrow('inner failed');
      db.transaction(() => db.replaceTopology(sample.topology));
    });
    expect([db.getMeta('outer'), db.getMeta('inner')]).toEqual(['1', null]);
    expect(db.readTopology().bridges).toHaveLength(3);
  });

  it('reports duplicates as CONFLICT with what is duplicated', () => {
    const db = ProjectDb.create(sql);
    const dup = { ...sample.topology, bridges: [...sample.topology.bridges, { ...sample.topology.bridges[0]!, id: 'other' }] };
    expect(() => db.replaceTopology(dup)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('bridges.name') }));
  });

  it('updates a service in place on upsert and deletes it with its allocations', () => {
    const db = ProjectDb.create(sql);
    db.upsertService(service);
    db.upsertService({ ...service, id: 'svc-2' });
    db.upsertService({ ...service, name: 'renamed' });
    expect(db.readServices().map((s) => [s.id, s.name])).toEqual([
      ['svc-1', 'renamed'],
      ['svc-2', 'firewall chain'],
    ]);
    db.replaceAllocations([{ kind: 'condition', scope: '', value: 'w1F', serviceId: 'svc-1', direction: 'forward', extra: null }]);
    expect(db.deleteService('svc-1')).toBe(true);
    expect(db.deleteService('svc-1')).toBe(false);
    expect(db.readAllocations()).toEqual([]);
  });

  it('refuses files that are not SQLite, not WICM projects, or from a newer schema', () => {
    expect(() => ProjectDb.open(sql, new TextEncoder().encode('x'.repeat(200)), 'a.wicm')).toThrow(/a.wicm is not a WICM project/);
    const foreign = new sql.Database();
    foreign.run('CREATE TABLE connectivity (segment TEXT)');
    expect(() => ProjectDb.open(sql, foreign.export(), 'wim_info.db')).toThrow(/not a WICM project/);
    const future = ProjectDb.create(sql).export();
    const db = new sql.Database(future);
    db.run(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => ProjectDb.open(sql, db.export(), 'new.wicm')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('stamps the schema version and hands out unique ids', () => {
    const db = ProjectDb.create(sql);
    const bytes = db.export();
    const raw = new sql.Database(bytes);
    expect(raw.exec('PRAGMA user_version')[0]?.values[0]?.[0]).toBe(SCHEMA_VERSION);
    expect(new Set([db.nextId('b'), db.nextId('b'), db.nextId('p')]).size).toBe(3);
  });
});
