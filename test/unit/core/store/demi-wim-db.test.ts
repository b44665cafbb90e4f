import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDemiWimDb, isDemiWimDb } from '../../../../core/store/demi-wim-db';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';
import { demiWimDb } from '../../../helpers/demi-wim-db';

let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});

const fixture = JSON.parse(readFileSync('test/fixtures/reference/demi-flows.json', 'utf8')) as Record<string, unknown>;
const rows = fixture['wim_info.db connectivity rows (wicm/database/sqlalchemy_declaritive.py)'] as { id: number; segment: string; pop_name: string; bridge_name: string; port_id: string }[];

describe('demi-wicm wim_info.db import', () => {
  it('turns the connectivity rows into bridges, ports, segments, uplinks and PoPs', () => {
    const bytes = demiWimDb(sql, rows, { user: '192.168.10.0/24', client: '10.20.0.0/24' });
    expect(isDemiWimDb(sql, bytes)).toBe(true);
    const { topology, diagnostics } = importDemiWimDb(sql, bytes);
    expect(diagnostics).toEqual([]);
    expect(topology.bridges.map((b) => [b.name, b.kind, b.controllerId])).toEqual([
      ['vbr1', 'vtn-vbridge', 'vbr1'],
      ['vbr2', 'vtn-vbridge', 'vbr2'],
    ]);
    expect(topology.ports.map((p) => p.name)).toEqual(['if-customer', 'if-athens', 'if-vbr1-uplink', 'if-patras', 'if-vbr2-uplink', 'if-internet']);
    expect(topology.segments.filter((s) => s.prefix === '0.0.0.0/0').map((s) => s.portId)).toEqual(['pt-vbr1-if-vbr1-uplink', 'pt-vbr2-if-vbr2-uplink']);
    expect(topology.pops.map((p) => [p.name, p.portId])).toEqual([
      ['pop-athens', 'pt-vbr1-if-athens'],
      ['pop-patras', 'pt-vbr2-if-patras'],
    ]);
    expect(topology.defaults).toEqual({ sourceSegment: '192.168.10.0/24', targetSegment: '10.20.0.0/24' });
  });

  it('reads "Not set" as unset and reports host bits and bad prefixes by row', () => {
    const bytes = demiWimDb(
      sql,
      [
        { id: 1, segment: '10.1.2.3/8', pop_name: '', bridge_name: 'vbr1', port_id: 'if-a' },
        { id: 2, segment: '10.0.0.300/24', pop_name: '', bridge_name: 'vbr1', port_id: 'if-b' },
      ],
      { user: 'Not set', client: 'Not set' },
    );
    const { topology, diagnostics } = importDemiWimDb(sql, bytes, 'wim_info.db');
    expect(topology.defaults).toEqual({ sourceSegment: null, targetSegment: null });
    expect(topology.segments.map((s) => s.prefix)).toEqual(['10.0.0.0/8']);
    expect(diagnostics.map((d) => [d.code, d.message.slice(0, 32)])).toEqual([
      ['HOST_BITS_SET', 'wim_info.db connectivity row id='],
      ['BAD_PREFIX', 'wim_info.db connectivity row id='],
    ]);
  });

  it('refuses a database without a connectivity table, and non-SQLite bytes', () => {
    const other = new sql.Database();
    other.run('CREATE TABLE t (x)');
    expect(() => importDemiWimDb(sql, other.export(), 'x.db')).toThrow(/no 'connectivity' table/);
    expect(isDemiWimDb(sql, new TextEncoder().encode('hello'))).toBe(false);
  });
});
