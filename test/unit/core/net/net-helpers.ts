// Test-side references for core/net: BigInt arithmetic and ip-num, independent of the code under test.
import fc from 'fast-check';
import { IPv4, IPv4CidrRange, IPv4Prefix, IPv6, IPv6CidrRange, IPv6Prefix, Validator } from 'ip-num';
import type { PrefixKey } from '../../../../core/net';

export const V4_MAX = (1n << 32n) - 1n;
export const V6_MAX = (1n << 128n) - 1n;

export function bits(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/** The address of a key as one BigInt. */
export function keyValue(key: PrefixKey): bigint {
  return key.words.reduce((acc, w) => (acc << 32n) | BigInt(w >>> 0), 0n);
}

export function maskValue(value: bigint, length: number, family: 4 | 6): bigint {
  const host = BigInt(bits(family) - length);
  return (value >> host) << host;
}

export function v4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
}

/** Uncompressed `x:x:x:x:x:x:x:x`, optionally upper-case. */
export function v6Text(value: bigint, upper = false): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((value >> s) & 0xffffn).toString(16));
  const text = groups.join(':');
  return upper ? text.toUpperCase() : text;
}

/** ip-num's verdict on an address text (ip-num accepts zone indexes; prefixes must not have them). */
export function ipNumAccepts(address: string): boolean {
  return (
    Validator.isValidIPv4String(address)[0] ||
    (!address.includes('%') && Validator.isValidIPv6String(address)[0])
  );
}

/** ip-num's value of an address text. */
export function ipNumValue(address: string): { family: 4 | 6; value: bigint } {
  return Validator.isValidIPv4String(address)[0]
    ? { family: 4, value: IPv4.fromDecimalDottedString(address).getValue() }
    : { family: 6, value: IPv6.fromHexadecatet(address).getValue() };
}

// Built directly rather than with fromCidr: ip-num's IPv6 CIDR regex rejects dotted tails.
/** ip-num's CIDR range of an address and a length. */
export function ipNumRange(address: string, length: number): IPv4CidrRange | IPv6CidrRange {
  return Validator.isValidIPv4String(address)[0]
    ? new IPv4CidrRange(IPv4.fromDecimalDottedString(address), IPv4Prefix.fromNumber(BigInt(length)))
    : new IPv6CidrRange(IPv6.fromHexadecatet(address), IPv6Prefix.fromNumber(BigInt(length)));
}

/** RFC 5952 text of a 128-bit value, written independently of core/net and ip-num. */
export function rfc5952(value: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => Number((value >> s) & 0xffffn));
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { start: i, len: j - i };
    i = j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  return best.len < 2
    ? hex(groups)
    : `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.len))}`;
}

/** An IPv4 value near one of a few bases, so that generated prefixes nest and collide often. */
export const v4ValueArb: fc.Arbitrary<bigint> = fc
  .tuple(
    fc.constantFrom(0x0a000000n, 0xc0a80100n, 0n, V4_MAX),
    fc.bigInt({ min: 0n, max: V4_MAX }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([base, noise, keep]) => base ^ (noise >> BigInt(keep)));

/** An IPv6 value near one of a few bases. */
export const v6ValueArb: fc.Arbitrary<bigint> = fc
  .tuple(
    fc.constantFrom(0n, 0x20010db8n << 96n, 0xffffn << 32n, V6_MAX, 0xfe80n << 112n),
    fc.bigInt({ min: 0n, max: V6_MAX }),
    fc.integer({ min: 0, max: 128 }),
  )
  .map(([base, noise, keep]) => base ^ (noise >> BigInt(keep)));

/** A prefix (value possibly with host bits set) of either family. */
export interface GenPrefix {
  readonly family: 4 | 6;
  readonly value: bigint;
  readonly length: number;
}

export const v4PrefixArb: fc.Arbitrary<GenPrefix> = fc
  .tuple(v4ValueArb, fc.integer({ min: 0, max: 32 }))
  .map(([value, length]) => ({ family: 4, value, length }));

export const v6PrefixArb: fc.Arbitrary<GenPrefix> = fc
  .tuple(v6ValueArb, fc.integer({ min: 0, max: 128 }))
  .map(([value, length]) => ({ family: 6, value, length }));

export function genText(p: GenPrefix, bare = false): string {
  const address = p.family === 4 ? v4Text(p.value) : v6Text(p.value);
  return bare ? address : `${address}/${p.length}`;
}
