import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import type { SqlEngine } from '../../../core/store/sqlite-port';

let enginePromise: Promise<SqlEngine> | undefined;

/** The sql.js engine, initialised once per process from the wasm shipped in the sql.js package. */
export function loadSqlEngine(): Promise<SqlEngine> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('sql.js/dist/sql-wasm.wasm');
    const wasm = await readFile(wasmPath);
    const SQL = await initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    return SQL as unknown as SqlEngine;
  })();
  return enginePromise;
}
