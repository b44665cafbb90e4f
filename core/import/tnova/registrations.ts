import type { NapRegistration, NfviRegistration } from '../../model';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv } from '../shared/run-parse';
import { own, peekObject, present, type JsonObject } from '../shared/json-object';
import { isNumericString, napSchema, nfviSchema, readmeNfviSchema, TNOVA_HINTS } from './schema';

/** A `/nap` body's `nap` object (or one item of a `GET /nap` reply). */
export function readNap(body: JsonObject, pointer: string, env: ParseEnv): NapRegistration | undefined {
  const errorsBefore = env.sink.errorCount;
  const nap = env.read.schema(napSchema, body, pointer, { hints: TNOVA_HINTS });
  noteNumericPorts(body, ['ce_port', 'pe_port'], pointer, env);
  const clientId = env.read.member(body, 'client_mkt_id', pointer, 'string', { severity: 'warning' });
  const ceVlan = readTransport(body, 'ce_transport', pointer, env);
  const peVlan = readTransport(body, 'pe_transport', pointer, env);
  if (!nap || env.sink.errorCount > errorsBefore) return undefined;
  return {
    kind: 'nap',
    id: nap.mkt_id,
    clientId: clientId ?? null,
    switchId: nap.switch,
    cePort: nap.ce_port,
    pePort: nap.pe_port,
    ceVlan: ceVlan ?? null,
    peVlan: peVlan ?? null,
    pointer,
  };
}

/** A `/nfvi` body's `nfvi` object; the README's `ce_port` spelling is accepted with a warning. */
export function readNfvi(body: JsonObject, pointer: string, env: ParseEnv): NfviRegistration | undefined {
  const readmeSpelling = !present(body, 'port') && present(body, 'ce_port');
  if (readmeSpelling) {
    env.sink.warning(
      'README_KEY_MISMATCH',
      childPointer(pointer, 'ce_port'),
      'The NFVI uses "ce_port" (as in the T-NOVA README); the WICM code reads "port". It was read as "port".',
      'Send "port" to a real T-NOVA WICM.',
    );
  }
  const portKey = readmeSpelling ? 'ce_port' : 'port';
  const nfvi = readmeSpelling
    ? env.read.schema(readmeNfviSchema, body, pointer, { hints: TNOVA_HINTS })
    : env.read.schema(nfviSchema, body, pointer, { hints: TNOVA_HINTS });
  noteNumericPorts(body, [portKey], pointer, env);
  if (!nfvi) return undefined;
  return { kind: 'nfvi', id: nfvi.mkt_id, switchId: nfvi.switch, port: nfvi.port, pointer };
}

/** A port written as a string of digits is read as the number, with a note. */
function noteNumericPorts(body: JsonObject, keys: readonly string[], pointer: string, env: ParseEnv): void {
  for (const key of keys) {
    const raw = own(body, key);
    if (isNumericString(raw)) {
      env.sink.info('NUMERIC_STRING', childPointer(pointer, key), `"${key}" is the string "${raw}"; read as the number ${raw}.`);
    }
  }
}

/** The VLAN of a `{type: "vlan", vlan_id}` transport (another JSON type is the schema's finding). */
function readTransport(body: JsonObject, key: string, pointer: string, env: ParseEnv): number | undefined {
  const transport = peekObject(body, key);
  if (!transport) return undefined;
  const ptr = childPointer(pointer, key);
  const type = own(transport, 'type');
  if (type !== undefined && type !== 'vlan') {
    env.sink.warning('UNSUPPORTED_TRANSPORT', childPointer(ptr, 'type'), `Transport type ${JSON.stringify(type)} is not "vlan"; it was ignored.`);
    return undefined;
  }
  const vlan = env.read.member(transport, 'vlan_id', ptr, 'integer');
  if (vlan !== undefined && (vlan < 0 || vlan > 4095)) {
    env.sink.error('INVALID_VLAN', childPointer(ptr, 'vlan_id'), `VLAN id ${vlan} is outside 0–4095.`);
    return undefined;
  }
  return vlan;
}
