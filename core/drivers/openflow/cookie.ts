/** High 16 bits of every WICM cookie: "WC", so WICM flows are recognisable in any dump. */
export const COOKIE_MARKER = 0x5743n;

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;
const MASK_48 = (1n << 48n) - 1n;

/**
 * The OpenFlow cookie of a service: `0x5743` followed by the low 48 bits of the 64-bit FNV-1a
 * hash of the service id's UTF-8 bytes, as 16 lower-case hex digits with `0x`.
 *
 * Deterministic, so a teardown written later (or on another machine) finds the same flows.
 */
export function serviceCookie(serviceId: string): string {
  let hash = FNV_OFFSET;
  for (const byte of utf8(serviceId)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  const cookie = (COOKIE_MARKER << 48n) | (hash & MASK_48);
  return `0x${cookie.toString(16).padStart(16, '0')}`;
}

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else {
      bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return bytes;
}
