import { invalidValue, malformed } from './restconf-error';

/**
 * A small YANG-shaped schema for RPC inputs, parsed the way ODL's RESTCONF JSON reader does:
 * unknown keys are rejected, numbers and booleans may come as JSON strings, keys may carry a
 * `module:` prefix.
 */
export type LeafSpec =
  | { readonly t: 'string' }
  | { readonly t: 'bool' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  /** Integer; out of [min, max] → 400 invalid-value with `range` as the message prefix. */
  | { readonly t: 'int'; readonly min: number; readonly max: number; readonly range?: string };

/** A schema node. */
export type NodeSpec =
  | LeafSpec
  | { readonly t: 'container'; readonly fields: Fields }
  | { readonly t: 'list'; readonly fields: Fields }
  | { readonly t: 'leaf-list'; readonly item: LeafSpec };

/** The children of a container, list entry or input. */
export type Fields = Readonly<Record<string, NodeSpec>>;

/** A parsed leaf value. */
export type Leaf = string | number | boolean;

/** A parsed container or list entry (values already typed by the schema). */
export interface Node {
  readonly [key: string]: Leaf | Node | readonly Node[] | readonly Leaf[] | undefined;
}

/** Shorthands for schema leaves. */
export const S = {
  string: { t: 'string' } as const,
  bool: { t: 'bool' } as const,
  uint8: { t: 'int', min: 0, max: 255 } as const,
  uint16: { t: 'int', min: 0, max: 65535 } as const,
  uint32: { t: 'int', min: 0, max: 4294967295 } as const,
  int32: { t: 'int', min: -2147483648, max: 2147483647 } as const,
  int: (min: number, max: number, range?: string): LeafSpec => ({ t: 'int', min, max, ...(range === undefined ? {} : { range }) }),
  enumOf: (...values: string[]): LeafSpec => ({ t: 'enum', values }),
  container: (fields: Fields): NodeSpec => ({ t: 'container', fields }),
  list: (fields: Fields): NodeSpec => ({ t: 'list', fields }),
  leafList: (item: LeafSpec): NodeSpec => ({ t: 'leaf-list', item }),
};

/** Integers in YANG's lexical forms: decimal, or hex with `0x` (ether-type "0x0800"). */
function parseInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  if (/^[+-]?0x[0-9a-f]+$/i.test(text)) return text.startsWith('-') ? -Number(text.slice(1)) : Number(text.replace('+', ''));
  return undefined;
}

function parseLeaf(spec: LeafSpec, value: unknown, name: string): Leaf {
  switch (spec.t) {
    case 'string':
      // Gson reads a JSON number into a string leaf as its text.
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      throw malformed(`${name}: expected a string, got ${JSON.stringify(value)}`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw malformed(`${name}: invalid boolean ${JSON.stringify(value)}`);
    case 'enum':
      if (typeof value === 'string' && spec.values.includes(value)) return value;
      throw malformed(`${name}: ${JSON.stringify(value)} is not one of ${spec.values.join(', ')}`);
    case 'int': {
      const n = parseInteger(value);
      if (n === undefined) throw malformed(`${name}: invalid integer ${JSON.stringify(value)}`);
      if (n < spec.min || n > spec.max) {
        throw invalidValue(spec.range === undefined ? `Invalid ${name}: ${n} (allowed ${spec.min}..${spec.max})` : `${spec.range}: ${n}`);
      }
      return n;
    }
  }
}

function stripPrefix(key: string, modules: ReadonlySet<string>, where: string): string {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  const module = key.slice(0, colon);
  if (!modules.has(module)) throw malformed(`Schema node with name ${key} was not found under ${where}.`);
  return key.slice(colon + 1);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseNode(spec: NodeSpec, value: unknown, name: string, modules: ReadonlySet<string>): Leaf | Node | readonly Node[] | readonly Leaf[] {
  switch (spec.t) {
    case 'container':
      if (!isRecord(value)) throw malformed(`${name}: expected an object`);
      return parseFields(spec.fields, value, name, modules);
    case 'list':
      if (!Array.isArray(value)) throw malformed(`${name}: expected an array of list entries`);
      return value.map((entry: unknown) => {
        if (!isRecord(entry)) throw malformed(`${name}: list entries must be objects`);
        return parseFields(spec.fields, entry, name, modules);
      });
    case 'leaf-list':
      if (!Array.isArray(value)) throw malformed(`${name}: expected an array`);
      return value.map((item: unknown) => parseLeaf(spec.item, item, name));
    default:
      return parseLeaf(spec, value, name);
  }
}

/** Parses an object against its fields; `where` names it in messages. */
export function parseFields(fields: Fields, value: Readonly<Record<string, unknown>>, where: string, modules: ReadonlySet<string>): Node {
  const out: Record<string, Leaf | Node | readonly Node[] | readonly Leaf[]> = {};
  for (const [rawKey, raw] of Object.entries(value)) {
    const key = stripPrefix(rawKey, modules, where);
    const spec = fields[key];
    if (spec === undefined) throw malformed(`Schema node with name ${key} was not found under ${where}.`);
    if (raw === null) throw malformed(`${key}: null is not a valid value`);
    out[key] = parseNode(spec, raw, key, modules);
  }
  return out;
}

/**
 * Parses an RPC body `{"input":{…}}` (or `{"<module>:input":{…}}`).
 *
 * Throws 400 malformed-message for bad JSON, a missing `input`, other top-level keys and unknown
 * leaves, 400 invalid-value for out-of-range integers.
 */
export function parseRpcInput(body: string, module: string, fields: Fields, modules: ReadonlySet<string>): Node {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw malformed(body.trim() === '' ? 'the RPC input is missing' : `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isRecord(json)) throw malformed('the body must be a JSON object {"input":{…}}');
  const keys = Object.keys(json);
  const inputKey = keys.find((k) => k === 'input' || k === `${module}:input`);
  const other = keys.find((k) => k !== inputKey);
  if (other !== undefined) throw malformed(`Schema node with name ${other} was not found under (${module})input.`);
  const input = inputKey === undefined ? undefined : json[inputKey];
  if (!isRecord(input)) throw malformed('the RPC input is missing: send {"input":{…}}');
  return parseFields(fields, input, 'input', modules);
}

/** Typed getters over a parsed node (the schema already guarantees the types). */
export const get = {
  str: (n: Node, k: string): string | undefined => n[k] as string | undefined,
  int: (n: Node, k: string): number | undefined => n[k] as number | undefined,
  bool: (n: Node, k: string): boolean | undefined => n[k] as boolean | undefined,
  node: (n: Node, k: string): Node | undefined => n[k] as Node | undefined,
  list: (n: Node, k: string): readonly Node[] | undefined => n[k] as readonly Node[] | undefined,
  leaves: (n: Node, k: string): readonly Leaf[] | undefined => n[k] as readonly Leaf[] | undefined,
};
