/**
 * Schema 4: what REST requests look services up by, indexed (one row per key of a service), so a
 * lookup reads the matching services only: provenance record id (`record`) and format
 * (`format`), each string attribute (`attr:<key>`), each PoP name of the route lower-cased by
 * JavaScript (`route`, full Unicode case folding, which SQLite's `lower` lacks).
 *
 * The rows are derived from the services (`serviceKeys` in repositories/services.ts) and written
 * with them; a file's keys are brought in step with its services on open (`integrity.ts`), which
 * is also what fills them for a file migrated from schema 3.
 */
export const sql = `
CREATE TABLE service_keys (
  service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  value      TEXT NOT NULL
) STRICT;
CREATE INDEX service_keys_lookup ON service_keys(kind, value);
CREATE UNIQUE INDEX service_keys_service ON service_keys(service_id, kind, value);
`;
