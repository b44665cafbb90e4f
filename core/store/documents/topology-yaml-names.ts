/**
 * How the YAML topology names its elements (shared by the writer in core/export and the reader
 * here): references by name instead of internal id, and the ids derived from those names.
 *
 * - bridge: its name (`vbr1`); port: `bridge/port` (`vbr1/if_customer`);
 * - segment / uplink: `bridge/port prefix` (`vbr1/if_customer 192.168.10.0/24`), its port and
 *   prefix being what makes it unique;
 * - PoP, NAP: their names; link: its two ports.
 *
 * An element whose id is the derived one is written without `id:`; any other id is written, so
 * import ∘ export keeps every id (hand-written files need none).
 */

/** Schema id of the YAML topology document. */
export const TOPOLOGY_YAML_SCHEMA = 'wicm-topology-yaml/1';

/** Reference of a port: `bridge/port`. */
export function portRef(bridgeName: string, portName: string): string {
  return `${bridgeName}/${portName}`;
}

/** Layout key of a segment (or uplink): `bridge/port prefix`. */
export function segmentRef(portReference: string, prefix: string): string {
  return `${portReference} ${prefix}`;
}

/** The ids an element gets when its entry has no `id:`. */
export const derivedId = {
  bridge: (name: string): string => `br:${name}`,
  port: (ref: string): string => `pt:${ref}`,
  segment: (ref: string): string => `sg:${ref}`,
  link: (a: string, b: string): string => `ln:${a}|${b}`,
  pop: (name: string): string => `pop:${name}`,
  nap: (name: string): string => `nap:${name}`,
} as const;

/** True for the prefixes that mark a port as its bridge's uplink. */
export function isUplinkPrefix(prefix: string): boolean {
  return prefix === '0.0.0.0/0' || prefix === '::/0';
}

/** Code-unit order (locale-independent, so a file sorts the same everywhere). */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
