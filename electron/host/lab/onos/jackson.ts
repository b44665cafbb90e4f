/**
 * Jackson `JsonNode.asInt()` / `asBoolean()` / `asText()` coercions, which ONOS's codecs use:
 * numbers may come as strings, and a value that does not convert silently becomes 0 / false.
 */

function numberOf(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^[+-]?\d+$/.test(text)) return Number(text);
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? Math.trunc(n) : 0;
  }
  return 0;
}

/** `asInt()`/`asLong()`. */
export const asInt = numberOf;

/** `asBoolean()`. */
export function asBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return typeof value === 'string' && value.trim() === 'true';
}

/** `asText()`. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null ? 'null' : '';
}

/** Java's `Integer.decode`: decimal, `0x`/`#` hex, leading-0 octal; undefined when it would throw. */
export function integerDecode(text: string): number | undefined {
  const m = /^([+-]?)(0[xX]|#|0(?=\d))?([0-9a-fA-F]+)$/.exec(text);
  if (m === null) return undefined;
  const [, sign, radixPrefix, digits = ''] = m;
  const radix = radixPrefix === undefined ? 10 : radixPrefix === '0' ? 8 : 16;
  const valid = radix === 10 ? /^\d+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
  if (!valid.test(digits)) return undefined;
  const n = parseInt(digits, radix) * (sign === '-' ? -1 : 1);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}
