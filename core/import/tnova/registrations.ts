import type { NapRegistration, NfviRegistration } from '../../model';
import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv } from '../shared/run-parse';
import { own, present, type JsonObject } from '../shared/json-object';

/** A `/nap` body's `nap` object (or one item of a `GET /nap` reply). */
export function readNap(nap: JsonObject, pointer: string, env: ParseEnv): NapRegistration | undefined {
  const { read } = env;
  const errorsBefore = env.sink.errorCount;
  const id = read.member(nap, 'mkt_id', pointer, 'string', { required: true });
  const switchId = read.member(nap, 'switch', pointer, 'string', { required: true, hint: 'The switch id, e.g. "openflow:1".' });
  const cePort = readPort(nap, 'ce_port', pointer, env);
  const pePort = readPort(nap, 'pe_port', pointer, env);
  const clientId = read.member(nap, 'client_mkt_id', pointer, 'string', { severity: 'warning' });
  const ceVlan = readTransport(nap, 'ce_transport', pointer, env);
  const peVlan = readTransport(nap, 'pe_transport', pointer, env);
  if (env.sink.errorCount > errorsBefore || !id || !switchId || cePort === undefined || pePort === undefined) return undefined;
  return { kind: 'nap', id, clientId: clientId ?? null, switchId, cePort, pePort, ceVlan: ceVlan ?? null, peVlan: peVlan ?? null, pointer };
}

/** A `/nfvi` body's `nfvi` object; the README's `ce_port` spelling is accepted with a warning. */
export function readNfvi(nfvi: JsonObject, pointer: string, env: ParseEnv): NfviRegistration | undefined {
  const { read, sink } = env;
  const errorsBefore = sink.errorCount;
  const id = read.member(nfvi, 'mkt_id', pointer, 'string', { required: true });
  const switchId = read.member(nfvi, 'switch', pointer, 'string', { required: true, hint: 'The switch id, e.g. "openflow:1".' });
  const readmeSpelling = !present(nfvi, 'port') && present(nfvi, 'ce_port');
  if (readmeSpelling) {
    sink.warning(
      'README_KEY_MISMATCH',
      childPointer(pointer, 'ce_port'),
      'The NFVI uses "ce_port" (as in the T-NOVA README); the WICM code reads "port". It was read as "port".',
      'Send "port" to a real T-NOVA WICM.',
    );
  }
  const port = readPort(nfvi, readmeSpelling ? 'ce_port' : 'port', pointer, env);
  if (sink.errorCount > errorsBefore || !id || !switchId || port === undefined) return undefined;
  return { kind: 'nfvi', id, switchId, port, pointer };
}

function readPort(obj: JsonObject, key: string, pointer: string, env: ParseEnv): number | undefined {
  const raw = own(obj, key);
  if (typeof raw === 'string' && /^\d{1,9}$/.test(raw)) {
    env.sink.info('NUMERIC_STRING', childPointer(pointer, key), `"${key}" is the string "${raw}"; read as the number ${raw}.`);
    return Number(raw);
  }
  const port = env.read.member(obj, key, pointer, 'integer', { required: true, hint: `"${key}" is the switch port number.` });
  if (port !== undefined && port < 0) {
    env.sink.error('INVALID_PORT', childPointer(pointer, key), `"${key}" must not be negative (got ${port}).`);
    return undefined;
  }
  return port;
}

function readTransport(obj: JsonObject, key: string, pointer: string, env: ParseEnv): number | undefined {
  const ptr = childPointer(pointer, key);
  const transport = env.read.member(obj, key, pointer, 'object');
  if (!transport) return undefined;
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
