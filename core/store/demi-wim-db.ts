import type { BridgeDto, DiagnosticDto, PopDto, PortDto, SegmentDto, TopologyDto } from '../contract/dto';
import { tryParsePrefix } from '../net';
import { CoreError } from '../util/core-error';
import type { SqlDatabase, SqlEngine, SqlValue } from './sqlite-port';

/** A topology read from a demi-wicm database, with what was odd about it. */
export interface DemiImport {
  readonly topology: TopologyDto;
  readonly diagnostics: readonly DiagnosticDto[];
}

/** Whether a database has demi-wicm's `connectivity` table. */
export function isDemiWimDb(engine: SqlEngine, bytes: Uint8Array): boolean {
  try {
    const db = new engine.Database(bytes);
    try {
      return db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'connectivity'").length > 0;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Imports demi-wicm's `wim_info.db`: `connectivity(segment, bridge_name, port_id, pop_name, id)`
 * and `userclient(id, user, client)`.
 *
 * One bridge per `bridge_name` (a VTN vBridge), one port per `(bridge_name, port_id)`, one
 * segment per row (`0.0.0.0/0` rows mark uplinks), one PoP per non-empty `pop_name`, and the
 * `user`/`client` segments as the default source/target ("Not set" means unset).
 */
export function importDemiWimDb(engine: SqlEngine, bytes: Uint8Array, label = 'wim_info.db'): DemiImport {
  let db: SqlDatabase;
  try {
    db = new engine.Database(bytes);
    db.exec('SELECT 1 FROM sqlite_master');
  } catch {
    throw new CoreError('PARSE_FAILED', `${label} is not an SQLite database. Give demi-wicm's wim_info.db, a .wicm project or a topology JSON file.`);
  }
  try {
    const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r[0])));
    if (!tables.has('connectivity')) {
      throw new CoreError('PARSE_FAILED', `${label} has no 'connectivity' table, so it is not a demi-wicm wim_info.db (tables: ${[...tables].join(', ') || 'none'}).`);
    }
    return build(db, tables.has('userclient'), label);
  } finally {
    db.close();
  }
}

function build(db: SqlDatabase, hasUserclient: boolean, label: string): DemiImport {
  const diagnostics: DiagnosticDto[] = [];
  const bridges = new Map<string, BridgeDto>();
  const ports = new Map<string, PortDto>();
  const segments: SegmentDto[] = [];
  const pops = new Map<string, PopDto>();
  const records = rows(db, 'SELECT id, segment, bridge_name, port_id, pop_name FROM connectivity ORDER BY id');
  for (const [rowId, segment, bridgeName, portName, popName] of records) {
    const where = `${label} connectivity row id=${String(rowId)}`;
    if (typeof bridgeName !== 'string' || bridgeName === '' || typeof portName !== 'string' || portName === '') {
      diagnostics.push({ severity: 'error', code: 'MISSING_PORT', message: `${where}: bridge_name and port_id are required; row skipped.`, hint: 'Fill in the vBridge and interface names.' });
      continue;
    }
    const bridgeId = `br-${bridgeName}`;
    if (!bridges.has(bridgeId)) bridges.set(bridgeId, { id: bridgeId, name: bridgeName, kind: 'vtn-vbridge', controllerId: bridgeName, datapathId: null });
    const portId = `pt-${bridgeName}-${portName}`;
    if (!ports.has(portId)) ports.set(portId, { id: portId, bridgeId, name: portName, ofPort: null });
    const parsed = typeof segment === 'string' && segment.trim() !== '' ? tryParsePrefix(segment) : null;
    if (parsed === null) {
      diagnostics.push({ severity: 'warning', code: 'NO_SEGMENT', message: `${where}: no segment on ${bridgeName}/${portName}.`, elementId: portId });
    } else if (!parsed.ok) {
      diagnostics.push({ severity: 'error', code: 'BAD_PREFIX', message: `${where}: ${parsed.message}`, elementId: portId });
    } else {
      if (parsed.value.hostBitsSet) {
        diagnostics.push({
          severity: 'warning',
          code: 'HOST_BITS_SET',
          message: `${where}: segment '${parsed.value.input}' has host bits set; stored as ${parsed.value.prefix}.`,
          elementId: portId,
        });
      }
      segments.push({ id: `sg-${String(rowId)}`, prefix: parsed.value.prefix, portId, name: null });
    }
    if (typeof popName === 'string' && popName.trim() !== '') {
      const existing = pops.get(popName);
      if (existing && existing.portId !== portId) {
        diagnostics.push({
          severity: 'error',
          code: 'DUPLICATE_POP',
          message: `${where}: PoP '${popName}' is already on ${existing.portId}; this row's port ${bridgeName}/${portName} is ignored for it.`,
          hint: 'A PoP attaches to one port; rename one of them.',
        });
      } else if (!existing) {
        pops.set(popName, { id: `pop-${popName}`, name: popName, portId, aliases: [] });
      }
    }
  }
  const userclient = hasUserclient ? rows(db, 'SELECT user, client FROM userclient ORDER BY id LIMIT 1')[0] : undefined;
  const defaultOf = (value: SqlValue | undefined, which: string): string | null => {
    if (typeof value !== 'string' || value.trim() === '' || value === 'Not set') return null;
    const parsed = tryParsePrefix(value);
    if (parsed.ok) return parsed.value.prefix;
    diagnostics.push({ severity: 'error', code: 'BAD_PREFIX', message: `${label} userclient.${which}: ${parsed.message}` });
    return null;
  };
  return {
    topology: {
      bridges: [...bridges.values()],
      ports: [...ports.values()],
      links: [],
      segments,
      pops: [...pops.values()],
      naps: [],
      vlanPools: [],
      defaults: { sourceSegment: defaultOf(userclient?.[0], 'user'), targetSegment: defaultOf(userclient?.[1], 'client') },
    },
    diagnostics,
  };
}

function rows(db: SqlDatabase, sql: string): SqlValue[][] {
  return db.exec(sql)[0]?.values ?? [];
}
