/**
 * What `wicm diff` and `project.compare` report: two projects (or topology files) compared as
 * people read them, elements named rather than identified by internal ids.
 */

/** How an element, service or rule differs between side A (before) and side B (after). */
export type DiffChange = 'added' | 'removed' | 'changed';

/** Topology element kinds a diff reports (`defaults` is the project's default segments). */
export type DiffElementKind = 'bridge' | 'port' | 'link' | 'segment' | 'pop' | 'nap' | 'vlanPool' | 'defaults';

/** How a changed element is named for people: its kind as a word, then its name. */
const KIND_WORD: Readonly<Record<DiffElementKind, string>> = {
  bridge: 'bridge',
  port: 'port',
  link: 'link',
  segment: 'segment',
  pop: 'PoP',
  nap: 'NAP',
  // These names already say what they are ("VLAN pool on vbr2/if_patras", "default segments").
  vlanPool: '',
  defaults: '',
};

/** A field's value as people read it: "(none)", "[a, b]", or the value. */
export function showValue(value: DiffValue): string {
  if (value === null) return '(none)';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}

/** "PoP pop-athens", "VLAN pool on vbr2/if_patras": an element of a diff as people read it. */
export function diffElementTitle(e: { readonly kind: DiffElementKind; readonly name: string }): string {
  const word = KIND_WORD[e.kind];
  return word === '' ? e.name : `${word} ${e.name}`;
}

/** A field value as the diff shows it: references are names, lists are ordered. */
export type DiffValue = string | number | boolean | null | readonly string[];

/** One field of an element or service: its value on side A and on side B (null = absent). */
export interface FieldChangeDto {
  readonly field: string;
  readonly before: DiffValue;
  readonly after: DiffValue;
}

/** A topology element added, removed or changed. */
export interface ElementDiffDto {
  readonly kind: DiffElementKind;
  readonly change: DiffChange;
  /** How people name it: `vbr1`, `vbr1/if_user`, `vbr1/eth1 — vbr2/eth1`, `10.0.0.0/24 on vbr1/if_user`. */
  readonly name: string;
  /** Its id on side A (null when added); on side B (null when removed). */
  readonly aId: string | null;
  readonly bId: string | null;
  /** Changed fields; for an added or removed element every field, with the other side null. */
  readonly fields: readonly FieldChangeDto[];
}

/** A service added, removed or changed (chain, segments, state, allocations). */
export interface ServiceDiffDto {
  readonly change: DiffChange;
  readonly name: string;
  readonly aId: string | null;
  readonly bId: string | null;
  readonly fields: readonly FieldChangeDto[];
}

/** A planned rule one side has and the other has not, named by bridge, ports and service. */
export interface RuleDiffDto {
  readonly change: 'added' | 'removed';
  readonly service: string;
  readonly direction: 'forward' | 'reverse';
  readonly src: string;
  readonly dst: string;
  readonly inPort: string;
  readonly outPort: string;
  readonly vlan: number | null;
}

/** The rules planning would add or remove on one bridge. */
export interface BridgeRulesDiffDto {
  readonly bridge: string;
  readonly aId: string | null;
  readonly bId: string | null;
  readonly rules: readonly RuleDiffDto[];
}

/** One side of a comparison. */
export interface DiffSideDto {
  /** File name, or the open project's name. */
  readonly label: string;
  readonly kind: 'project' | 'topology-file';
}

/** The whole comparison of side A (before) with side B (after). */
export interface ProjectDiffDto {
  readonly a: DiffSideDto;
  readonly b: DiffSideDto;
  readonly identical: boolean;
  readonly topology: readonly ElementDiffDto[];
  readonly services: readonly ServiceDiffDto[];
  readonly rules: readonly BridgeRulesDiffDto[];
  readonly counts: {
    readonly topology: number;
    readonly services: number;
    readonly rules: number;
  };
}
