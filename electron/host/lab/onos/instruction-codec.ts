import { isIpv4Address } from '../ip-prefix';
import { checkMac, checkTpPort, checkVlanId } from './criterion-codec';
import { asInt, asText, integerDecode } from './jackson';
import { illegal } from './onos-error';

type Json = Readonly<Record<string, unknown>>;

const MISSING = ' member is required in Instruction';

/** Logical ports ONOS accepts by name in OUTPUT. */
const LOGICAL_PORTS = new Set(['IN_PORT', 'TABLE', 'NORMAL', 'FLOOD', 'ALL', 'CONTROLLER', 'LOCAL', 'ANY']);

function member(json: Json, name: string): unknown {
  const value = json[name];
  if (value === undefined || value === null) throw illegal(`${name}${MISSING}`);
  return value;
}

/** OUTPUT port: a number (JSON number or numeric string) or a logical name; read back as a string. */
function outputPort(value: unknown): string {
  if (typeof value === 'number') return String(Math.trunc(value));
  const text = asText(value).trim();
  if (/^\d+$/.test(text)) return String(Number(text));
  if (LOGICAL_PORTS.has(text.toUpperCase())) return text.toUpperCase();
  throw illegal(`${text} is not a valid port number or logical port name`);
}

function hexEthernetType(value: unknown): string {
  const n = typeof value === 'number' ? Math.trunc(value) : integerDecode(asText(value).trim());
  if (n === undefined || n < 0 || n > 0xffff) throw illegal(`For input string: "${asText(value)}"`);
  return `0x${n.toString(16)}`;
}

function ipv4Address(value: unknown): string {
  const text = asText(value);
  if (!isIpv4Address(text)) throw illegal(`Invalid IP address string: ${text}`);
  return text;
}

function decodeL2(json: Json, subtype: string): Json {
  switch (subtype) {
    case 'VLAN_PUSH':
      return { subtype, ethernetType: json.ethernetType === undefined ? '0x8100' : hexEthernetType(json.ethernetType) };
    case 'VLAN_POP':
      return { subtype };
    case 'VLAN_ID':
      return { subtype, vlanId: checkVlanId(asInt(member(json, 'vlanId'))) };
    case 'VLAN_PCP': {
      const pcp = asInt(member(json, 'vlanPcp'));
      if (pcp < 0 || pcp > 7) throw illegal(`vlanPcp ${pcp} is out of range 0..7`);
      return { subtype, vlanPcp: pcp };
    }
    case 'ETH_SRC':
    case 'ETH_DST':
      return { subtype, mac: checkMac(asText(member(json, 'mac'))) };
    default:
      throw illegal(`L2 Instruction subtype ${subtype} is not supported`);
  }
}

function decodeL3(json: Json, subtype: string): Json {
  if (subtype === 'IPV4_SRC' || subtype === 'IPV4_DST') return { subtype, ip: ipv4Address(member(json, 'ip')) };
  throw illegal(`L3 Instruction subtype ${subtype} is not supported`);
}

function decodeL4(json: Json, subtype: string): Json {
  if (subtype === 'TCP_SRC' || subtype === 'TCP_DST') return { subtype, tcpPort: checkTpPort(asInt(member(json, 'tcpPort'))) };
  if (subtype === 'UDP_SRC' || subtype === 'UDP_DST') return { subtype, udpPort: checkTpPort(asInt(member(json, 'udpPort'))) };
  throw illegal(`L4 Instruction subtype ${subtype} is not supported`);
}

/** Decodes one instruction (`InstructionCodec`) into the form ONOS reads it back in. */
export function decodeInstruction(json: unknown): Json {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw illegal('Instruction must be a JSON object');
  const record = json as Json;
  if (record.type === undefined || record.type === null) throw illegal('type not specified in Instruction');
  const type = asText(record.type);
  const subtype = (): string => asText(member(record, 'subtype'));
  switch (type) {
    case 'OUTPUT':
      return { type, port: outputPort(member(record, 'port')) };
    case 'L2MODIFICATION':
      return { type, ...decodeL2(record, subtype()) };
    case 'L3MODIFICATION':
      return { type, ...decodeL3(record, subtype()) };
    case 'L4MODIFICATION':
      return { type, ...decodeL4(record, subtype()) };
    case 'TABLE':
      return { type, tableId: asInt(member(record, 'tableId')) };
    case 'GROUP':
      return { type, groupId: asInt(member(record, 'groupId')) };
    case 'METER':
      return { type, meterId: asText(member(record, 'meterId')) };
    case 'QUEUE':
      return { type, queueId: asInt(member(record, 'queueId')) };
    case 'NOACTION':
      return { type };
    default:
      throw illegal(`Instruction type ${type} is not supported`);
  }
}
