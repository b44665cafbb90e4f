import { decodeUtf8 } from '../util/utf8';
import type { SqlValue } from './sqlite-port';

/**
 * The change log of a project: one record per durable step, appended to a sidecar file next to
 * the `.wicm` file (`P.wicm-log`) until a checkpoint writes the whole file.
 *
 * A record holds the final state of every row a step changed (by table and rowid), a row
 * removal, or a table cleared; so replaying a record twice, or over a file that already holds
 * it, gives the same database (idempotent). Each record is one line: JSON, a tab, the CRC-32 of
 * the JSON in hex, a newline. A crash mid-append leaves a torn last line, which `decodeChangeLog`
 * reports and ignores.
 */

/** One change: a table emptied, a row removed, or a row's full final content. */
export type ChangeOp =
  | { readonly op: 'clear'; readonly table: string }
  | { readonly op: 'delete'; readonly table: string; readonly rowid: number }
  | { readonly op: 'upsert'; readonly table: string; readonly rowid: number; readonly row: Readonly<Record<string, SqlValue>> };

/** One durable step. */
export interface ChangeRecord {
  readonly seq: number;
  readonly ops: readonly ChangeOp[];
}

/** What a log file held: its whole records, and what was wrong with its tail if anything. */
export interface DecodedLog {
  readonly records: ChangeRecord[];
  /** A torn or damaged record at the end (or in the middle: everything after it is ignored). */
  readonly torn: { readonly offset: number; readonly reason: string } | null;
}

type WireValue = number | string | null | { readonly x: string };

/**
 * Writes the UTF-8 bytes of a string into `out` from `at` (core has no TextEncoder; `out` has
 * room for 3 bytes per UTF-16 unit); lone surrogates become U+FFFD. Returns the end offset.
 */
function encodeUtf8Into(text: string, out: Uint8Array, at: number): number {
  let o = at;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
        out[o++] = 0xf0 | (c >> 18);
        out[o++] = 0x80 | ((c >> 12) & 63);
        out[o++] = 0x80 | ((c >> 6) & 63);
        out[o++] = 0x80 | (c & 63);
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return o;
}

/** UTF-8 bytes of a string. */
function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  return out.subarray(0, encodeUtf8Into(text, out, 0));
}

/** The bytes of one record (one line). */
export function encodeChangeRecord(record: ChangeRecord): Uint8Array {
  const wire = {
    seq: record.seq,
    ops: record.ops.map((o) =>
      o.op === 'clear'
        ? ['c', o.table]
        : o.op === 'delete'
          ? ['d', o.table, o.rowid]
          : ['u', o.table, o.rowid, Object.fromEntries(Object.entries(o.row).map(([k, v]) => [k, toWire(v)]))],
    ),
  };
  const json = JSON.stringify(wire);
  // One encoding pass: the checksum is taken over the JSON's bytes, then tab, hex and newline.
  const out = new Uint8Array(json.length * 3 + 10);
  const end = encodeUtf8Into(json, out, 0);
  const tail = `\t${crc32HexOf(out.subarray(0, end))}\n`;
  for (let k = 0; k < tail.length; k++) out[end + k] = tail.charCodeAt(k);
  return out.subarray(0, end + tail.length);
}

/** Reads the records of a log; stops at the first line that is torn or fails its checksum. */
export function decodeChangeLog(bytes: Uint8Array): DecodedLog {
  const records: ChangeRecord[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const end = bytes.indexOf(0x0a, offset);
    if (end < 0) return { records, torn: { offset, reason: `the last record is incomplete (${bytes.length - offset} bytes without an end of line)` } };
    const line = decodeUtf8(bytes.subarray(offset, end));
    const parsed = parseLine(line);
    if (typeof parsed === 'string') return { records, torn: { offset, reason: parsed } };
    records.push(parsed);
    offset = end + 1;
  }
  return { records, torn: null };
}

function parseLine(line: string): ChangeRecord | string {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return 'a record has no checksum';
  const json = line.slice(0, tab);
  if (crc32Hex(json) !== line.slice(tab + 1)) return 'a record fails its checksum';
  try {
    const wire = JSON.parse(json) as { seq: number; ops: unknown[][] };
    const ops = wire.ops.map((w): ChangeOp => {
      const [kind, table, rowid, row] = w as [string, string, number, Record<string, WireValue>];
      if (kind === 'c') return { op: 'clear', table };
      if (kind === 'd') return { op: 'delete', table, rowid };
      if (kind === 'u') return { op: 'upsert', table, rowid, row: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fromWire(v)])) };
      throw new Error(`unknown change '${kind}'`);
    });
    return { seq: wire.seq, ops };
  } catch (e) {
    return `a record cannot be read (${e instanceof Error ? e.message : String(e)})`;
  }
}

function toWire(v: SqlValue): WireValue {
  if (v instanceof Uint8Array) return { x: Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('') };
  return v;
}

function fromWire(v: WireValue): SqlValue {
  if (v !== null && typeof v === 'object') return Uint8Array.from(v.x.match(/../g) ?? [], (h) => parseInt(h, 16));
  return v;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE) of a string's UTF-8 bytes, as 8 hex digits. */
export function crc32Hex(text: string): string {
  return crc32HexOf(encodeUtf8(text));
}

function crc32HexOf(bytes: Uint8Array): string {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
