import type { ProjectDiffDto } from '../contract/diff-dto';
import type { TopologyDto } from '../contract/dto';
import { diffProjects, type DiffSide } from '../diff';
import { isTopologyYaml, parseTopologyJson, parseTopologyYaml } from '../store/documents';
import { importDemiWimDb, isDemiWimDb } from '../store/demi-wim-db';
import { isSqliteFile, ProjectDb } from '../store/project-db';
import type { SqlEngine } from '../store/sqlite-port';
import { CoreError, isCoreError } from '../util/core-error';
import { decodeUtf8 } from '../util/utf8';
import { readAllocations } from './planning';
import type { ProjectSession } from './project-session';

/** A text topology format a diff side can be read from; the first that accepts a file reads it. */
interface TopologyTextReader {
  readonly accepts: (fileName: string, text: string) => boolean;
  readonly read: (text: string) => TopologyDto;
}

/** Topology files `wicm diff` and "Compare with…" read: topology YAML, else topology JSON. */
const TOPOLOGY_READERS: readonly TopologyTextReader[] = [
  { accepts: (_fileName, text) => isTopologyYaml(text), read: (text) => parseTopologyYaml(text).topology },
  { accepts: () => true, read: (text) => parseTopologyJson(text).topology },
];

/**
 * Reads one side of a comparison from a file's bytes: a `.wicm` project (topology, services,
 * allocations), a demi-wicm `wim_info.db`, or a topology file. Errors name the file.
 */
export function readDiffSide(sql: SqlEngine, bytes: Uint8Array, label: string): DiffSide {
  try {
    if (isSqliteFile(bytes)) {
      if (isDemiWimDb(sql, bytes)) return { label, kind: 'topology-file', topology: importDemiWimDb(sql, bytes, label).topology, services: [] };
      const db = ProjectDb.open(sql, bytes, label);
      try {
        return { label, kind: 'project', topology: db.topology.read(), services: db.services.read(), allocations: readAllocations(db) };
      } finally {
        db.close();
      }
    }
    const text = decodeUtf8(bytes);
    const reader = TOPOLOGY_READERS.find((r) => r.accepts(label, text))!;
    return { label, kind: 'topology-file', topology: reader.read(text), services: [] };
  } catch (e) {
    if (!isCoreError(e) || e.message.includes(label)) throw e;
    throw new CoreError(e.code, `${label}: ${e.message}`, e.details);
  }
}

/** The open project as side B of a comparison. */
export function sessionSide(session: ProjectSession): DiffSide {
  const db = session.db;
  return { label: session.info().name, kind: 'project', topology: db.topology.read(), services: db.services.read(), allocations: readAllocations(db) };
}

/** Compares a file (A, before) with the open project (B, after). */
export function compareWithProject(sql: SqlEngine, bytes: Uint8Array, label: string, session: ProjectSession): ProjectDiffDto {
  return diffProjects(readDiffSide(sql, bytes, label), sessionSide(session));
}
