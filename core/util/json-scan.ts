/**
 * A strict JSON scanner that bounds nesting before anything recursive (JSON.parse, zod,
 * JSON.stringify) sees the text, and says where a problem is: offset, line and column, and the
 * JSON pointer of the enclosing member. Every reader of JSON text (imports, project documents,
 * REST and RPC bodies) checks with it first.
 */
import { toPointer } from '../contract/json-pointer';

/** Whether the UTF-8 encoding of a string is longer than `limit` bytes (stops counting early). */
export function exceedsUtf8Bytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair (4 bytes) counts as two units of 2; a lone one is under-counted by 1.
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    if (bytes > limit) return true;
  }
  return false;
}

/** 1-based line and column (UTF-16 units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Where and why a text is not accepted JSON. */
export interface ScanProblem {
  readonly offset: number;
  readonly message: string;
  readonly tooDeep?: boolean;
  /** JSON pointer of the value being read when the problem was found ('' for the root). */
  readonly pointer: string;
}

type Problem = Omit<ScanProblem, 'pointer'>;

const OBJECT = 1;
const ARRAY = 2;

/**
 * Validates JSON syntax without building values, iteratively (no recursion, so no stack
 * overflow on deep input), and stops at the first problem or at the nesting limit. A problem
 * carries the JSON pointer of the value being read (for the nesting limit: the value that
 * would open one level too many).
 */
export function scanJson(text: string, maxDepth: number): ScanProblem | undefined {
  // Per open container: where its current key starts (objects) or its current index (arrays);
  // keys are decoded only when a problem needs the pointer.
  const slots: number[] = [];
  const problem = scan(text, maxDepth, slots);
  if (problem === undefined) return undefined;
  return { ...problem, pointer: pointerOf(text, slots) };
}

/** The pointer of the open containers' current members. */
function pointerOf(text: string, slots: readonly number[]): string {
  const path: (string | number)[] = [];
  for (const slot of slots) {
    if (slot < 0) {
      path.push(-slot - 1);
      continue;
    }
    const key = keyAt(text, slot);
    // No complete key yet: the problem is in the object itself, not in one of its members.
    if (key === undefined) break;
    path.push(key);
  }
  return toPointer(path);
}

/** The property name starting at `offset`, or undefined when there is no complete one. */
function keyAt(text: string, offset: number): string | undefined {
  if (text.charCodeAt(offset) !== 0x22) return undefined;
  const end = scanString(text, offset);
  return typeof end === 'number' ? (JSON.parse(text.slice(offset, end)) as string) : undefined;
}

/** Array slots hold `-(index + 1)`, object slots the offset of their current key. */
function scan(text: string, maxDepth: number, slots: number[]): Problem | undefined {
  const n = text.length;
  const stack: number[] = [];
  let i = skipWs(text, 0);
  for (;;) {
    // A value starts at i.
    if (i >= n) return { offset: i, message: 'expected a value, found the end of the input' };
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) return { offset: i, message: 'nesting too deep', tooDeep: true };
      const isObject = c === 0x7b;
      stack.push(isObject ? OBJECT : ARRAY);
      slots.push(-1);
      i = skipWs(text, i + 1);
      if (text.charCodeAt(i) === (isObject ? 0x7d : 0x5d)) {
        stack.pop();
        slots.pop();
        i++;
      } else if (isObject) {
        slots[slots.length - 1] = i;
        const next = scanKey(text, i);
        if (typeof next !== 'number') return next;
        i = next;
        continue;
      } else {
        continue;
      }
    } else if (c === 0x22) {
      const next = scanString(text, i);
      if (typeof next !== 'number') return next;
      i = next;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const next = scanNumber(text, i);
      if (typeof next !== 'number') return next;
      i = next;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else return { offset: i, message: `expected a value, found ${found(text, i)}` };

    // After a value: close containers or move to the next element.
    let nextValue = false;
    while (!nextValue) {
      i = skipWs(text, i);
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < n ? { offset: i, message: `unexpected ${found(text, i)} after the JSON value` } : undefined;
      }
      const ch = text.charCodeAt(i);
      if (ch === 0x2c) {
        i = skipWs(text, i + 1);
        if (top === OBJECT) {
          slots[slots.length - 1] = i;
          const next = scanKey(text, i);
          if (typeof next !== 'number') return next;
          i = next;
        }
        else slots[slots.length - 1] = (slots[slots.length - 1] ?? -1) - 1;
        nextValue = true;
      } else if ((top === OBJECT && ch === 0x7d) || (top === ARRAY && ch === 0x5d)) {
        stack.pop();
        slots.pop();
        i++;
      } else {
        const expected = top === OBJECT ? "',' or '}' after a property value" : "',' or ']' after an array element";
        return { offset: i, message: `expected ${expected}, found ${found(text, i)}` };
      }
    }
  }
}

function skipWs(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** A property name, the colon and the whitespace after it; returns where the value starts. */
function scanKey(text: string, from: number): number | Problem {
  if (text.charCodeAt(from) !== 0x22) {
    return { offset: from, message: `expected a property name in double quotes, found ${found(text, from)}` };
  }
  const end = scanString(text, from);
  if (typeof end !== 'number') return end;
  const colon = skipWs(text, end);
  if (text.charCodeAt(colon) !== 0x3a) {
    return { offset: colon, message: `expected ':' after a property name, found ${found(text, colon)}` };
  }
  return skipWs(text, colon + 1);
}

function scanString(text: string, from: number): number | Problem {
  const n = text.length;
  let i = from + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, message: 'unescaped control character in a string' };
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return { offset: i, message: 'invalid \\u escape in a string (needs 4 hex digits)' };
        }
        i += 6;
      } else if (
        e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74
      ) {
        i += 2;
      } else {
        return { offset: i, message: 'invalid escape sequence in a string' };
      }
    } else i++;
  }
  return { offset: from, message: 'unterminated string' };
}

function scanNumber(text: string, from: number): number | Problem {
  let i = from;
  if (text.charCodeAt(i) === 0x2d) i++;
  const first = text.charCodeAt(i);
  if (first === 0x30) i++;
  else if (first >= 0x31 && first <= 0x39) i = digits(text, i);
  else return { offset: i, message: `expected a digit, found ${found(text, i)}` };
  if (text.charCodeAt(i) === 0x2e) {
    const end = digits(text, i + 1);
    if (end === i + 1) return { offset: end, message: `expected a digit after '.', found ${found(text, end)}` };
    i = end;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    const end = digits(text, i);
    if (end === i) return { offset: end, message: `expected an exponent digit, found ${found(text, end)}` };
    i = end;
  }
  return i;
}

function digits(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) i++;
    else return i;
  }
}

function found(text: string, i: number): string {
  if (i >= text.length) return 'the end of the input';
  const code = text.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(code);
  return code < 0x20 || code === 0x7f ? `character U+${code.toString(16).padStart(4, '0')}` : `'${ch}'`;
}
