import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticDto, ServiceDto, TopologyDto } from '../../../../core/contract/dto';
import { ProjectDb } from '../../../../core/store/project-db';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { isCoreError } from '../../../../core/util/core-error';
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
  outSegment: '10.20.0.0/24',
  chain: ['pop-athens', 'pop-patras'],
  reverseChain: null,
  state: 'planned',
  provenance: null,
  attributes: {},
};

/** The bytes of a sound project: the sample WAN, its layout, one service and a plan. */
function projectBytes(): Uint8Array {
  const db = ProjectDb.create(sql);
  db.topology.replace(sample.topology);
  db.positions.write(sample.positions);
  db.services.upsert(service);
  db.plans.write('svc-1', { serviceId: 'svc-1' });
  db.journal.append('odl-vtn', '2026-11-21T10:00:00.000Z', { step: 1 });
  const bytes = db.export();
  db.close();
  return bytes;
}

/** The project bytes after raw SQL on the file, as someone editing it with sqlite3 would. */
function edited(...statements: string[]): Uint8Array {
  const raw = new sql.Database(projectBytes());
  for (const s of statements) raw.run(s);
  const bytes = raw.export();
  raw.close();
  return bytes;
}

/** What opening the bytes throws (a CoreError), or undefined when they open. */
function refusal(bytes: Uint8Array, label = 'lab.wicm'): { code: string; message: string; diagnostics: DiagnosticDto[] } | undefined {
  try {
    const db = ProjectDb.open(sql, bytes, label);
    // What opened reads back whole: every repository, as the engine reads them.
    db.topology.read();
    db.services.read();
    db.plans.read();
    db.journal.read();
    db.close();
    return undefined;
  } catch (e) {
    if (!isCoreError(e)) throw new Error(`not a CoreError: ${String(e)}`);
    const details = e.details as { diagnostics?: DiagnosticDto[] } | undefined;
    return { code: e.code, message: e.message, diagnostics: details?.diagnostics ?? [] };
  }
}

describe('project integrity on open', () => {
  it('opens a sound project', () => {
    expect(refusal(projectBytes())).toBeUndefined();
  });

  it('refuses a truncated file as damaged, naming the file (never SQLite text alone)', () => {
    const bytes = projectBytes();
    for (const size of [100, 1024, 4096, 5000, Math.floor(bytes.length / 2), bytes.length - 4096]) {
      const r = refusal(bytes.subarray(0, size));
      expect(r, `truncated to ${size}`).toMatchObject({ code: 'INVALID_INPUT' });
      expect(r?.message).toMatch(/^lab\.wicm is damaged and cannot be opened \(.*\)\. The file may be truncated or corrupted: open a backup copy/);
    }
  });

  it('refuses a file that is not SQLite at all, or whose header is broken', () => {
    expect(refusal(new TextEncoder().encode('not a database'.repeat(20)))).toMatchObject({ code: 'PARSE_FAILED', message: expect.stringContaining('lab.wicm is not a WICM project') });
    const header = projectBytes();
    // Page size 3 (bytes 16-17): not a power of two, so not a database SQLite can read.
    header[16] = 0x00;
    header[17] = 0x03;
    expect(refusal(header)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^lab\.wicm is damaged/) });
  });

  it('a bit flipped anywhere is refused with a clear error, or the file opens and reads back', () => {
    const bytes = projectBytes();
    const outcomes: Record<string, number> = {};
    // Deterministic sweep: one flipped byte every 509 bytes, through headers, b-trees and cells.
    for (let offset = 0; offset < bytes.length; offset += 509) {
      const flipped = bytes.slice();
      flipped[offset] = (flipped[offset] ?? 0) ^ 0x5a;
      const r = refusal(flipped);
      const outcome = r === undefined ? 'opened' : r.code;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (r) expect(r.message, `flip at ${offset}`).toMatch(/lab\.wicm/);
      if (r) expect(r.message, `flip at ${offset}`).not.toMatch(/internal error/i);
    }
    expect(Object.keys(outcomes).every((k) => ['opened', 'INVALID_INPUT', 'PARSE_FAILED', 'CONFLICT'].includes(k))).toBe(true);
    expect(outcomes.INVALID_INPUT).toBeGreaterThan(0);
  });

  it('refuses a /33 prefix, listing the segment by name with where it is', () => {
    const r = refusal(edited("UPDATE segments SET prefix = '10.0.0.0/33' WHERE id = 'sg-customer'"));
    expect(r?.code).toBe('INVALID_INPUT');
    expect(r?.message).toMatch(/^lab\.wicm was not opened: .*1 problem:\n {2}- segment 'customer LAN': prefix '10\.0\.0\.0\/33' is not valid/);
    expect(r?.diagnostics).toEqual([expect.objectContaining({ code: 'INVALID_PREFIX', pointer: '/topology/segments/0/prefix', elementId: 'sg-customer' })]);
  });

  it('refuses a prefix with host bits set (the engine stores canonical prefixes only)', () => {
    const r = refusal(edited("UPDATE segments SET prefix = '192.168.10.7/24' WHERE id = 'sg-customer'"));
    expect(r?.diagnostics).toEqual([expect.objectContaining({ code: 'PREFIX_NOT_CANONICAL', elementId: 'sg-customer' })]);
  });

  it('refuses a dangling port id (which the planner would take for the uplink)', () => {
    const r = refusal(edited('PRAGMA foreign_keys = OFF', "UPDATE segments SET port_id = 'pt-gone' WHERE id = 'sg-customer'"));
    expect(r?.message).toContain("segment 'customer LAN': its port 'pt-gone' does not exist");
    expect(r?.diagnostics).toEqual([expect.objectContaining({ code: 'DANGLING_REFERENCE', pointer: '/topology/segments/0/portId' })]);
    const naps = refusal(
      edited('PRAGMA foreign_keys = OFF', "INSERT INTO naps (id, name, ce_port_id, pe_port_id) VALUES ('nap-1', 'athens-nap', 'pt-vbr1-customer', 'pt-nowhere')"),
    );
    expect(naps?.message).toContain("NAP 'athens-nap': its provider-edge port 'pt-nowhere' does not exist");
    const link = refusal(edited('PRAGMA foreign_keys = OFF', "UPDATE ports SET bridge_id = 'br-gone' WHERE id = 'pt-vbr1-customer'"));
    expect(link?.message).toMatch(/port 'if_customer': its bridge 'br-gone' does not exist/);
  });

  it('refuses JSON columns that are not JSON or not of their shape, by service name', () => {
    const r = refusal(edited("UPDATE services SET chain = '[\"pop-athens\",' WHERE id = 'svc-1'", "UPDATE services SET attributes = '[1]' WHERE id = 'svc-1'"));
    expect(r?.message).toContain("service 'firewall chain': the chain is not valid JSON");
    expect(r?.message).toContain("service 'firewall chain': the attributes is not an object");
    const plan = refusal(edited("UPDATE plans SET body = '{oops' WHERE service_id = 'svc-1'"));
    expect(plan?.message).toContain("plan of service 'firewall chain': the body is not valid JSON");
    const journal = refusal(edited("UPDATE journal SET entry = 'not json'"));
    expect(journal?.message).toContain('push journal entry 1: the entry is not valid JSON');
  });

  it('refuses values out of range and a bad service prefix', () => {
    const r = refusal(
      edited(
        "UPDATE services SET in_segment = '300.1.1.0/24' WHERE id = 'svc-1'",
        "INSERT INTO meta (key, value) VALUES ('default_source', 'nonsense') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
    );
    expect(r?.diagnostics.map((d) => d.pointer)).toEqual(['/topology/defaults/sourceSegment', '/services/0/inSegment']);
  });

  it('refuses a schema that is not ours (a table dropped or changed), and a version no build writes', () => {
    expect(refusal(edited('DROP TABLE positions'))?.message).toContain("table 'positions' is missing");
    expect(refusal(edited('ALTER TABLE segments ADD COLUMN vrf TEXT'))?.message).toContain("table 'segments' has columns (id, prefix, port_id, name, vrf)");
    expect(refusal(edited('PRAGMA user_version = 0'))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('schema version 0') });
  });

  it('lists at most 20 problems in the message and every one in details', () => {
    const statements = ['PRAGMA foreign_keys = OFF', ...Array.from({ length: 25 }, (_, i) => `INSERT INTO segments (id, prefix, port_id, name) VALUES ('x${i}', '10.${i}.0.0/16', 'pt-gone', 'seg ${i}')`)];
    const r = refusal(edited(...statements));
    expect(r?.diagnostics).toHaveLength(25);
    expect(r?.message).toContain('25 problems');
    expect(r?.message).toContain('… and 5 more');
  });
});
