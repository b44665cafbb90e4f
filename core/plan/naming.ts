import type { Direction } from '../contract/dto';

/** Characters of the service id kept in a condition name, so operators can tell them apart. */
const STEM_LENGTH = 20;

/**
 * The `attempt`-th candidate flow-condition name of a service direction.
 *
 * `<stem>_<hash><F|R>`: the stem is the service id made VTN-safe and cut to 20 characters, the
 * hash is FNV-1a of the full id (base 36, 7 characters) so ids sharing a stem still differ. A
 * later attempt re-hashes `id#attempt`, giving the next deterministic candidate after a
 * collision. Always a VTN vnode-name: at most 30 characters, `[A-Za-z0-9][A-Za-z0-9_]*`.
 */
export function conditionName(serviceId: string, direction: Direction, attempt = 0): string {
  const hashed = attempt === 0 ? serviceId : `${serviceId}#${attempt}`;
  const hash = fnv1a(hashed).toString(36).padStart(7, '0');
  return `${conditionNamePrefix(serviceId)}${hash}${direction === 'forward' ? 'F' : 'R'}`;
}

/** What every condition-name candidate of a service starts with: its stem and `_`. */
export function conditionNamePrefix(serviceId: string): string {
  const stem = serviceId.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+/, '').slice(0, STEM_LENGTH);
  return `${stem === '' ? 'svc' : stem}_`;
}

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
