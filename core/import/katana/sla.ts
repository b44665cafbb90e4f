import { childPointer } from '../../contract/json-pointer';
import type { ParseEnv } from '../shared/run-parse';
import { isObject, own, type JsonObject } from '../shared/json-object';

/** A throughput of the slice SLA, kbps. */
export interface Throughput {
  readonly guaranteed: number | null;
  readonly maximum: number | null;
}

/** Katana's `slice_sla`, normalised; absent or null fields are null (NEST fields are optional). */
export interface SliceSla {
  readonly downlinkThroughput: Throughput | null;
  readonly uplinkThroughput: Throughput | null;
  readonly mtu: number | null;
}

/** Reads the SLA fields from an object (`slice_sla`, or the v2.0 body itself). */
export function readSla(obj: JsonObject, pointer: string, env: ParseEnv): SliceSla {
  return {
    downlinkThroughput: readThroughput(obj, 'network_DL_throughput', pointer, env),
    uplinkThroughput: readThroughput(obj, 'network_UL_throughput', pointer, env),
    mtu: readNumber(obj, 'mtu', pointer, env),
  };
}

function readThroughput(obj: JsonObject, key: string, pointer: string, env: ParseEnv): Throughput | null {
  const raw = own(obj, key);
  if (raw === undefined || raw === null) return null;
  const ptr = childPointer(pointer, key);
  if (!isObject(raw)) {
    env.sink.warning('WRONG_TYPE', ptr, `"${key}" at ${ptr} must be an object {guaranteed, maximum}; it was ignored.`);
    return null;
  }
  return { guaranteed: readNumber(raw, 'guaranteed', ptr, env), maximum: readNumber(raw, 'maximum', ptr, env) };
}

function readNumber(obj: JsonObject, key: string, pointer: string, env: ParseEnv): number | null {
  return env.read.member(obj, key, pointer, 'number', { severity: 'warning' }) ?? null;
}

/** Katana's `probes`: probe ids as strings (other items are reported and skipped). */
export function readProbes(raw: unknown, pointer: string, env: ParseEnv): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    env.sink.warning('WRONG_TYPE', pointer, `"probes" at ${pointer} must be an array of probe ids; it was ignored.`);
    return [];
  }
  return raw.flatMap((p, i) => {
    if (typeof p === 'string') return [p];
    env.sink.warning('WRONG_TYPE', childPointer(pointer, i), `Probe id at ${childPointer(pointer, i)} must be a string; it was skipped.`);
    return [];
  });
}
