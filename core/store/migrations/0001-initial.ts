/** Initial schema: topology, services, plans, allocations, layout, push journal. */
export const sql = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE bridges (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL CHECK (kind IN ('vtn-vbridge', 'openflow', 'ovs', 'generic')),
  controller_id TEXT NOT NULL,
  datapath_id   TEXT
) STRICT;

CREATE TABLE ports (
  id        TEXT PRIMARY KEY,
  bridge_id TEXT NOT NULL REFERENCES bridges(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  of_port   INTEGER CHECK (of_port IS NULL OR of_port BETWEEN 1 AND 65279),
  UNIQUE (bridge_id, name)
) STRICT;

CREATE TABLE links (
  id        TEXT PRIMARY KEY,
  a_port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  b_port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  CHECK (a_port_id <> b_port_id)
) STRICT;

CREATE TABLE segments (
  id      TEXT PRIMARY KEY,
  prefix  TEXT NOT NULL,
  port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  name    TEXT
) STRICT;
CREATE INDEX segments_port ON segments(port_id);

CREATE TABLE pops (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE pop_aliases (
  pop_id   TEXT NOT NULL REFERENCES pops(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  alias    TEXT NOT NULL,
  PRIMARY KEY (pop_id, position)
) STRICT;

CREATE TABLE naps (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  ce_port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  pe_port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE vlan_pools (
  port_id TEXT PRIMARY KEY REFERENCES ports(id) ON DELETE CASCADE,
  first   INTEGER NOT NULL CHECK (first BETWEEN 1 AND 4094),
  last    INTEGER NOT NULL CHECK (last BETWEEN first AND 4094)
) STRICT;

CREATE TABLE services (
  id            TEXT PRIMARY KEY,
  position      INTEGER NOT NULL,
  name          TEXT NOT NULL,
  in_segment    TEXT,
  out_segment   TEXT,
  chain         TEXT NOT NULL,
  reverse_chain TEXT,
  state         TEXT NOT NULL CHECK (state IN ('draft', 'planned', 'pushed', 'drifted', 'failed')),
  provenance    TEXT,
  attributes    TEXT NOT NULL
) STRICT;

CREATE TABLE plans (
  service_id TEXT PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
  body       TEXT NOT NULL
) STRICT;

CREATE TABLE allocations (
  kind       TEXT NOT NULL CHECK (kind IN ('filter', 'vlan', 'condition')),
  scope      TEXT NOT NULL,
  value      TEXT NOT NULL,
  service_id TEXT NOT NULL,
  direction  TEXT NOT NULL CHECK (direction IN ('forward', 'reverse')),
  extra      TEXT,
  PRIMARY KEY (kind, scope, value)
) STRICT;

CREATE TABLE positions (
  element_id TEXT PRIMARY KEY,
  x          REAL NOT NULL,
  y          REAL NOT NULL
) STRICT;

CREATE TABLE journal (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  at     TEXT NOT NULL,
  target TEXT NOT NULL,
  entry  TEXT NOT NULL
) STRICT;
`;
