/**
 * zod schemas of the DTOs that documents carry (plan and topology JSON): shapes, ranges and
 * canonical prefixes. Objects are strict, so an unknown member is refused (UNKNOWN_MEMBER);
 * references between collections are checked by the document readers (core/store/documents).
 * Parse with `parseWith` (zod-diagnostics.ts) to get the problems as diagnostics.
 */
import { z } from 'zod';
import { parseCanonicalPrefix } from '../../net';
import type { DiagnosticDto, HopDto, PathDto, PlanDto, PositionDto, RuleDto, ServiceDto, TopologyDto } from '../../contract/dto';
import { describeJson, type CodedParams } from '../../contract/zod-diagnostics';
import { MAX_CHAIN_POPS, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../../contract/limits';

/** A string, non-empty unless `allowEmpty`, at most `max` characters when given. */
export function textSchema(options: { readonly allowEmpty?: boolean; readonly max?: number } = {}): z.ZodString {
  const text = options.allowEmpty ? z.string() : z.string().min(1);
  return options.max === undefined ? text : text.max(options.max, `is longer than ${options.max} characters`);
}

/** An id and a name within the limits every path shares (core/contract/limits.ts). */
const idText = (): z.ZodString => textSchema({ max: MAX_ID_LENGTH });
const nameText = (options: { readonly allowEmpty?: boolean } = {}): z.ZodString => textSchema({ ...options, max: MAX_NAME_LENGTH });
const popList = () => z.array(nameText()).max(MAX_CHAIN_POPS, `lists more than ${MAX_CHAIN_POPS} PoPs`);

/** An integer in [min, max] (OUT_OF_RANGE names both bounds). */
export function integer(min: number, max: number): z.ZodInt {
  const outside = { error: (issue: { readonly input?: unknown }): string => `${String(issue.input)} is outside ${min}..${max}` };
  const int = z.int().min(min, outside);
  // z.int() already stops at the largest safe integer.
  return max >= Number.MAX_SAFE_INTEGER ? int : int.max(max, outside);
}

/** One of a fixed set of strings (WRONG_VALUE lists them). */
export function oneOf<const T extends readonly [string, ...string[]]>(...values: T): z.ZodEnum<{ [K in T[number]]: K }> {
  const expected = values.map((v) => JSON.stringify(v)).join(' or ');
  return z.enum(values, { error: (issue) => `Expected ${expected}, got ${describeJson(issue.input)}` });
}

const PREFIX_HINT = 'Write the network address with a prefix length, e.g. 10.0.1.0/24.';

/** A canonical IPv4/IPv6 prefix (INVALID_PREFIX, PREFIX_NOT_CANONICAL). */
export const canonicalPrefixSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseCanonicalPrefix(value);
  if (!parsed.ok) {
    const params: CodedParams = { code: parsed.code, hint: PREFIX_HINT };
    ctx.addIssue({ code: 'custom', message: parsed.message, params, input: value });
  }
});

/** Any JSON object, kept as it is (members unchecked, own `__proto__` members included). */
const anyObject = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  error: (issue) => `Expected an object, got ${describeJson(issue.input)}`,
  params: { code: 'WRONG_TYPE' } satisfies CodedParams,
});

/** A path direction. */
export const directionSchema = oneOf('forward', 'reverse');

/** DiagnosticDto. */
export const diagnosticSchema: z.ZodType<DiagnosticDto> = z.strictObject({
  severity: oneOf('error', 'warning', 'info'),
  code: textSchema(),
  message: textSchema({ allowEmpty: true }),
  pointer: textSchema({ allowEmpty: true }).optional(),
  elementId: textSchema().optional(),
  hint: textSchema({ allowEmpty: true }).optional(),
});

/** ServiceDto. */
export const serviceSchema: z.ZodType<ServiceDto> = z.strictObject({
  id: idText(),
  name: nameText({ allowEmpty: true }),
  inSegment: canonicalPrefixSchema.nullable(),
  outSegment: canonicalPrefixSchema.nullable(),
  chain: popList(),
  reverseChain: popList().nullable(),
  state: oneOf('draft', 'planned', 'pushed', 'drifted', 'failed'),
  provenance: z
    .strictObject({
      format: textSchema(),
      file: textSchema({ allowEmpty: true }).nullable(),
      recordId: textSchema({ allowEmpty: true }).nullable(),
      importedAt: textSchema(),
    })
    .nullable(),
  attributes: anyObject,
});

const hopSchema: z.ZodType<HopDto> = z.strictObject({
  kind: oneOf('ingress', 'pop', 'uplink', 'transit', 'egress'),
  bridgeId: textSchema(),
  portId: textSchema(),
  popId: textSchema().nullable(),
});

const ruleSchema: z.ZodType<RuleDto> = z.strictObject({
  serviceId: textSchema(),
  direction: directionSchema,
  seq: integer(0, Number.MAX_SAFE_INTEGER),
  bridgeId: textSchema(),
  inPortId: textSchema(),
  outPortId: textSchema(),
  match: z.strictObject({ src: canonicalPrefixSchema, dst: canonicalPrefixSchema }),
  condition: textSchema(),
  filterIndex: integer(1, 65535),
  vlan: integer(0, 4095).nullable(),
});

const pathSchema: z.ZodType<PathDto> = z.strictObject({
  direction: directionSchema,
  src: canonicalPrefixSchema,
  dst: canonicalPrefixSchema,
  condition: textSchema(),
  hops: z.array(hopSchema),
  rules: z.array(ruleSchema),
});

/** PlanDto. */
export const planSchema: z.ZodType<PlanDto> = z.strictObject({
  serviceId: textSchema(),
  forward: pathSchema,
  reverse: pathSchema,
  diagnostics: z.array(diagnosticSchema),
});

/** TopologyDto (shapes only; references are cross-checked by the topology reader). */
export const topologySchema: z.ZodType<TopologyDto> = z.strictObject({
  bridges: z.array(
    z.strictObject({
      id: idText(),
      name: nameText(),
      kind: oneOf('vtn-vbridge', 'openflow', 'ovs', 'generic'),
      controllerId: textSchema(),
      datapathId: textSchema().nullable().optional(),
    }),
  ),
  ports: z.array(z.strictObject({ id: idText(), bridgeId: idText(), name: nameText(), ofPort: integer(1, 0xffffff00).nullable() })),
  links: z.array(z.strictObject({ id: idText(), aPortId: idText(), bPortId: idText() })),
  segments: z.array(z.strictObject({ id: idText(), prefix: canonicalPrefixSchema, portId: idText(), name: nameText({ allowEmpty: true }).nullable() })),
  pops: z.array(z.strictObject({ id: idText(), name: nameText(), portId: idText(), aliases: popList() })),
  naps: z.array(z.strictObject({ id: idText(), name: nameText(), cePortId: idText(), pePortId: idText() })),
  vlanPools: z.array(z.strictObject({ portId: idText(), first: integer(1, 4094), last: integer(1, 4094) })),
  defaults: z.strictObject({ sourceSegment: canonicalPrefixSchema.nullable(), targetSegment: canonicalPrefixSchema.nullable() }),
});

/** PositionDto. */
export const positionSchema: z.ZodType<PositionDto> = z.strictObject({ elementId: textSchema(), x: z.number(), y: z.number(), pinned: z.boolean().optional() });

/** A document's `schema` member: exactly `id`. */
export function schemaId<const T extends string>(id: T): z.ZodLiteral<T> {
  return z.literal(id, { error: (issue) => `Expected ${JSON.stringify(id)}, got ${describeJson(issue.input)}` });
}
