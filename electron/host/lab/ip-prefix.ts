import { IPv4CidrRange, Validator } from 'ip-num';

/**
 * An IPv4 prefix `a.b.c.d/n` with the host bits cleared, as both controllers store it
 * (`10.0.0.5/24` → `10.0.0.0/24`); undefined when the text is not an IPv4 prefix.
 */
export function canonicalIpv4Prefix(text: string): string | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text) || !Validator.isValidIPv4CidrNotation(text)[0]) return undefined;
  const range = IPv4CidrRange.fromCidr(text);
  return `${range.getFirst().toString()}/${range.cidrPrefix.getValue().toString()}`;
}

/** Whether the text is an IPv6 prefix `x:…:x/n`. */
export function isIpv6Prefix(text: string): boolean {
  return text.includes('/') && Validator.isValidIPv6CidrNotation(text)[0];
}

/** Whether the text is a dotted IPv4 address. */
export function isIpv4Address(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && Validator.isValidIPv4String(text)[0];
}

/** Whether the text is a MAC address `xx:xx:xx:xx:xx:xx`. */
export function isMacAddress(text: string): boolean {
  return /^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/.test(text);
}
