import type { IdSource } from '../../core/service/ports';

/** Deterministic ids for tests: the prefix and a 10-digit counter (`ctl-0000000001`, …). */
export function counterIds(): IdSource {
  let n = 0;
  return { next: (prefix) => `${prefix}${String(++n).padStart(10, '0')}` };
}
