/**
 * An address inside a prefix to prefill a trace with: the first host of an IPv4 prefix
 * (`192.168.10.0/24` → `192.168.10.1`), `…::1` for an IPv6 prefix ending in `::`, else the
 * prefix's own address. Returns '' for null or text that is not a prefix.
 */
export function sampleAddress(prefix: string | null): string {
  if (!prefix) return '';
  const [address = '', lengthText] = prefix.trim().split('/');
  const length = lengthText === undefined ? null : Number(lengthText);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const value = v4.slice(1).reduce((acc, octet) => acc * 256 + Number(octet), 0);
    const host = length !== null && length < 31 ? value + 1 : value;
    return [24, 16, 8, 0].map((shift) => Math.floor(host / 2 ** shift) % 256).join('.');
  }
  if (address.includes(':')) return address.endsWith('::') && length !== null && length < 127 ? `${address}1` : address;
  return '';
}
