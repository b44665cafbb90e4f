import { canonicalIpv4Prefix, isIpv6Prefix, isMacAddress } from '../ip-prefix';
import { asInt, asText, integerDecode } from './jackson';
import { illegal } from './onos-error';

type Json = Readonly<Record<string, unknown>>;

const MISSING = ' member is required in Criterion';

/** `VlanId.vlanId`: 0..4095, or 4096 = any tagged. */
export function checkVlanId(value: number): number {
  if (value < 0 || value > 4096) throw illegal('value exceeds allowed maximum VLAN ID value (4095)');
  return value;
}

/** A MAC address as ONOS prints it (upper case). */
export function checkMac(text: string): string {
  if (!isMacAddress(text)) throw illegal(`Specified MAC Address must contain 12 hex digits separated pairwise by :'s. Got ${text}`);
  return text.toUpperCase();
}

/** `TpPort.tpPort`: 0..65535. */
export function checkTpPort(value: number): number {
  if (value < 0 || value > 65535) throw illegal(`Port value ${value} is out of range`);
  return value;
}

function range(value: number, min: number, max: number, what: string): number {
  if (value < min || value > max) throw illegal(`${what} ${value} is out of range ${min}..${max}`);
  return value;
}

/** Integer.decode on text, or the number itself (ETH_TYPE accepts both). */
function ethType(value: unknown): number {
  const n = typeof value === 'number' ? Math.trunc(value) : integerDecode(asText(value).trim());
  if (n === undefined) throw illegal(`For input string: "${asText(value)}"`);
  return range(n, 0, 0xffff, 'ethType');
}

function ipv4Prefix(value: unknown): string {
  const text = asText(value);
  const prefix = canonicalIpv4Prefix(text);
  if (prefix === undefined) throw illegal(`Malformed IPv4 prefix string: ${text}. Address must take form "x.x.x.x/y"`);
  return prefix;
}

function ipv6Prefix(value: unknown): string {
  const text = asText(value);
  if (!isIpv6Prefix(text)) throw illegal(`Malformed IPv6 prefix string: ${text}. Address must take form "xxxx:...:xxxx/y"`);
  return text.toLowerCase();
}

/** Per criterion type: its member and how ONOS decodes (and re-encodes) it. */
const CRITERIA: Readonly<Record<string, { readonly member: string; readonly decode: (value: unknown) => unknown }>> = {
  IN_PORT: { member: 'port', decode: (v) => range(asInt(v), 0, 0xffffffff, 'port') },
  IN_PHY_PORT: { member: 'port', decode: (v) => range(asInt(v), 0, 0xffffffff, 'port') },
  ETH_TYPE: { member: 'ethType', decode: (v) => `0x${ethType(v).toString(16)}` },
  ETH_SRC: { member: 'mac', decode: (v) => checkMac(asText(v)) },
  ETH_DST: { member: 'mac', decode: (v) => checkMac(asText(v)) },
  VLAN_VID: { member: 'vlanId', decode: (v) => checkVlanId(asInt(v)) },
  VLAN_PCP: { member: 'priority', decode: (v) => range(asInt(v), 0, 7, 'priority') },
  IP_DSCP: { member: 'ipDscp', decode: (v) => range(asInt(v), 0, 63, 'ipDscp') },
  IP_PROTO: { member: 'protocol', decode: (v) => range(asInt(v), 0, 255, 'protocol') },
  IPV4_SRC: { member: 'ip', decode: ipv4Prefix },
  IPV4_DST: { member: 'ip', decode: ipv4Prefix },
  IPV6_SRC: { member: 'ip', decode: ipv6Prefix },
  IPV6_DST: { member: 'ip', decode: ipv6Prefix },
  TCP_SRC: { member: 'tcpPort', decode: (v) => checkTpPort(asInt(v)) },
  TCP_DST: { member: 'tcpPort', decode: (v) => checkTpPort(asInt(v)) },
  UDP_SRC: { member: 'udpPort', decode: (v) => checkTpPort(asInt(v)) },
  UDP_DST: { member: 'udpPort', decode: (v) => checkTpPort(asInt(v)) },
  ICMPV4_TYPE: { member: 'icmpType', decode: (v) => range(asInt(v), 0, 255, 'icmpType') },
  ICMPV4_CODE: { member: 'icmpCode', decode: (v) => range(asInt(v), 0, 255, 'icmpCode') },
};

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes one criterion (`CriterionCodec`) into the form ONOS reads it back in. */
export function decodeCriterion(json: unknown): Json {
  if (!isRecord(json)) throw illegal('Criterion must be a JSON object');
  if (json.type === undefined || json.type === null) throw illegal(`type${MISSING}`);
  const type = asText(json.type);
  const codec = CRITERIA[type];
  if (codec === undefined) throw illegal(`Type ${type} is unknown`);
  const value = json[codec.member];
  if (value === undefined || value === null) throw illegal(`${codec.member}${MISSING}`);
  return { type, [codec.member]: codec.decode(value) };
}

/**
 * Why an OpenFlow 1.3 switch would refuse this match (missing prerequisite), or undefined.
 *
 * ONOS's REST layer accepts such flows; the stand-in marks them FAILED instead of ADDED.
 */
export function missingPrerequisite(criteria: readonly Json[]): string | undefined {
  const value = (type: string): unknown => criteria.find((c) => c.type === type)?.[CRITERIA[type]?.member ?? ''];
  const has = (prefix: string): boolean => criteria.some((c) => typeof c.type === 'string' && c.type.startsWith(prefix));
  const ethTypeValue = value('ETH_TYPE');
  const proto = value('IP_PROTO');
  if (has('IPV4_') && ethTypeValue !== '0x800') return 'IPV4 criteria need ETH_TYPE 0x800';
  if (has('IPV6_') && ethTypeValue !== '0x86dd') return 'IPV6 criteria need ETH_TYPE 0x86dd';
  if (proto !== undefined && ethTypeValue !== '0x800' && ethTypeValue !== '0x86dd') return 'IP_PROTO needs ETH_TYPE 0x800 or 0x86dd';
  if (has('TCP_') && proto !== 6) return 'TCP criteria need IP_PROTO 6';
  if (has('UDP_') && proto !== 17) return 'UDP criteria need IP_PROTO 17';
  if (has('ICMPV4_') && proto !== 1) return 'ICMPV4 criteria need IP_PROTO 1';
  return undefined;
}
