import { sql as m0001 } from './0001-initial';
import { sql as m0002 } from './0002-pinned-positions';
import { sql as m0003 } from './0003-fleet-indexes';
import { sql as m0004 } from './0004-service-keys';

/**
 * Numbered schema migrations, applied in order; `PRAGMA user_version` holds the last applied.
 *
 * Never edit a shipped migration: add the next number.
 */
export const migrations: readonly { readonly version: number; readonly name: string; readonly sql: string }[] = [
  { version: 1, name: 'initial', sql: m0001 },
  { version: 2, name: 'pinned positions', sql: m0002 },
  { version: 3, name: 'fleet indexes', sql: m0003 },
  { version: 4, name: 'service keys', sql: m0004 },
];

/** Schema version this build writes. */
export const SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;
