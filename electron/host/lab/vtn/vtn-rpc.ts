import type { LabPort } from '../seed-topology';
import { conflict, notFound } from './restconf-error';
import type { VtnState } from './vtn-state';
import { S, type Fields, type Node } from './yang-input';

/** The switch ports VTN can see (from the seed topology). */
export interface VtnInventory {
  /** The port a port map designates: same node, and same id / name where given. */
  findPort(node: string, portId: string | undefined, portName: string | undefined): LabPort | undefined;
}

/** One RPC of the stand-in. */
export interface VtnRpc {
  readonly module: string;
  readonly name: string;
  readonly input: Fields;
  /** Validates everything first, then mutates; returns the `output` (undefined = RPC without output). */
  run(state: VtnState, input: Node, inventory: VtnInventory): Node | undefined;
}

/** `vtn-update-type`; undefined = nothing changed (the leaf is left out). */
export type UpdateStatus = 'CREATED' | 'CHANGED' | 'REMOVED' | undefined;

/** `{"status":…}`, or `{}` when nothing changed. */
export function statusOutput(status: UpdateStatus): Node {
  return status === undefined ? {} : { status };
}

/** Input leaves shared by every update-* RPC. */
export const UPDATE_FIELDS: Fields = {
  'update-mode': S.enumOf('UPDATE', 'CREATE', 'MODIFY'),
  operation: S.enumOf('ADD', 'SET'),
  description: S.string,
};

/** `vnode-path-fields`. */
export const VNODE_PATH_FIELDS: Fields = {
  'tenant-name': S.string,
  'bridge-name': S.string,
  'terminal-name': S.string,
  'interface-name': S.string,
};

/**
 * `update-mode` semantics: CREATE on an existing node → 409, MODIFY on a missing one → 404.
 *
 * `label` is VTN's path string of the node ("VTN:vtn1"), `desc` its description ("VTN").
 */
export function checkUpdateMode(input: Node, exists: boolean, label: string, desc: string): void {
  const mode = input['update-mode'] ?? 'UPDATE';
  if (exists && mode === 'CREATE') throw conflict(`${label}: ${desc} already exists.`);
  if (!exists && mode === 'MODIFY') throw notFound(`${label}: ${desc} does not exist.`);
}

/**
 * The configuration after an update: `operation` ADD keeps omitted fields of an existing node,
 * SET (or a new node) resets them to their defaults.
 */
export function mergeConfig<T extends object>(input: Node, existing: T | undefined, defaults: T, given: Partial<T>): T {
  const keep = existing !== undefined && (input.operation ?? 'ADD') === 'ADD';
  const base = keep ? existing : defaults;
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<T>;
  return { ...base, ...defined };
}
