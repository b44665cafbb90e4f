import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDto, TopologyDto } from '../../../../core/contract/dto';
import { ProjectDb } from '../../../../core/store/project-db';
import { SCHEMA_VERSION } from '../../../../core/store/migrations';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { ELEMENT_KINDS, TOPOLOGY_TABLES } from '../../../../core/store/topology-tables';
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
    db.topology.replace(sample.topology);
    db.positions.write(sample.positions);
    db.services.upsert(service);
    db.plans.write('svc-1', { hello: ['plan'] });
    db.allocations.replace([{ kind: 'filter', scope: 'pt-vbr1-customer', value: '1', serviceId: 'svc-1', direction: 'forward', extra: null }]);
    db.journal.append('odl-vtn', '2026-11-21T10:00:00.000Z', { step: 1 });
    const reopened = ProjectDb.open(sql, db.export());
    expect(reopened.topology.read()).toEqual(sample.topology);
    expect(reopened.positions.read()).toEqual(sample.positions);
    expect(reopened.services.read()).toEqual([service]);
    expect(Object.fromEntries(reopened.plans.read())).toEqual({ 'svc-1': { hello: ['plan'] } });
    expect(reopened.allocations.read()).toHaveLength(1);
    expect(reopened.journal.read('odl-vtn')[0]?.entry).toEqual({ step: 1 });
    // Second generation is byte-stable in content too.
    expect(ProjectDb.open(sql, reopened.export()).topology.read()).toEqual(sample.topology);
  });

  it('keeps foreign keys on after export (sql.js reopens the database)', () => {
    const db = ProjectDb.create(sql);
    db.topology.replace(sample.topology);
    db.export();
    expect(() => db.topology.replace({ ...sample.topology, ports: [...sample.topology.ports, { id: 'x', bridgeId: 'missing', name: 'x', ofPort: null }] })).toThrow(
      /does not exist/,
    );
    // The failed transaction left the topology as it was.
    expect(db.topology.read()).toEqual(sample.topology);
  });

  it('nests transactions: an inner failure rolls back only the inner part', () => {
    const db = ProjectDb.create(sql);
    db.transaction(() => {
      db.meta.set('outer', '1');
      expect(() => db.transaction(() => {
        db.meta.set('inner', '1');
        throw new Error('inner failed');
      })).toThrow('inner failed');
      db.transaction(() => db.topology.replace(sample.topology));
    });
    expect([db.meta.get('outer'), db.meta.get('inner')]).toEqual(['1', null]);
    expect(db.topology.read().bridges).toHaveLength(3);
  });

  it('reports duplicates as CONFLICT with what is duplicated', () => {
    const db = ProjectDb.create(sql);
    const dup = { ...sample.topology, bridges: [...sample.topology.bridges, { ...sample.topology.bridges[0]!, id: 'other' }] };
    expect(() => db.topology.replace(dup)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: 'A bridge with this name already exists in this project. Choose another name.' }));
  });

  it('updates a service in place on upsert and deletes it with its allocations', () => {
    const db = ProjectDb.create(sql);
    db.services.upsert(service);
    db.services.upsert({ ...service, id: 'svc-2' });
    db.services.upsert({ ...service, name: 'renamed' });
    expect(db.services.read().map((s) => [s.id, s.name])).toEqual([
      ['svc-1', 'renamed'],
      ['svc-2', 'firewall chain'],
    ]);
    db.allocations.replace([{ kind: 'condition', scope: '', value: 'w1F', serviceId: 'svc-1', direction: 'forward', extra: null }]);
    expect(db.services.remove('svc-1')).toBe(true);
    expect(db.services.remove('svc-1')).toBe(false);
    expect(db.allocations.read()).toEqual([]);
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
    expect(new Set([db.meta.nextId('b'), db.meta.nextId('b'), db.meta.nextId('p')]).size).toBe(3);
  });

  it('maps every column of every topology table, and reads the topology with the DTO field order', () => {
    const raw = new sql.Database(ProjectDb.create(sql).export());
    for (const kind of ELEMENT_KINDS) {
      const table = TOPOLOGY_TABLES[kind];
      const columns = raw.exec(`PRAGMA table_info(${table.name})`)[0]?.values.map((r) => r[1]);
      expect(Object.values(table.columns).map((c) => c.column)).toEqual(columns);
    }
    const db = ProjectDb.create(sql);
    db.topology.replace(sample.topology);
    const read = db.topology.read();
    expect(Object.keys(read)).toEqual(['bridges', 'ports', 'links', 'segments', 'pops', 'naps', 'vlanPools', 'defaults']);
    expect(Object.keys(read.bridges[0]!)).toEqual(['id', 'name', 'kind', 'controllerId', 'datapathId']);
    expect(Object.keys(read.pops[0]!)).toEqual(['id', 'name', 'portId', 'aliases']);
  });
});
