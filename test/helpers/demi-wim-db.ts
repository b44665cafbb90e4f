import type { SqlEngine } from '../../core/store/sqlite-port';

/** Builds a demi-wicm wim_info.db (its SQLAlchemy schema) from connectivity rows. */
export function demiWimDb(
  sql: SqlEngine,
  rows: readonly { id: number; segment: string; pop_name: string; bridge_name: string; port_id: string }[],
  userclient: { user: string; client: string },
): Uint8Array {
  const db = new sql.Database();
  db.run('CREATE TABLE connectivity (id INTEGER PRIMARY KEY, segment VARCHAR(250), bridge_name VARCHAR(250), port_id VARCHAR(250), pop_name VARCHAR(250))');
  db.run('CREATE TABLE userclient (id INTEGER PRIMARY KEY, user VARCHAR(250), client VARCHAR(250))');
  for (const r of rows) db.run('INSERT INTO connectivity (id, segment, bridge_name, port_id, pop_name) VALUES (?, ?, ?, ?, ?)', [r.id, r.segment, r.bridge_name, r.port_id, r.pop_name]);
  db.run('INSERT INTO userclient (id, user, client) VALUES (1, ?, ?)', [userclient.user, userclient.client]);
  const bytes = db.export();
  db.close();
  return bytes;
}
