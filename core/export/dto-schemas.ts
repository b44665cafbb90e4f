import type {
  DiagnosticDto,
  HopDto,
  PathDto,
  PlanDto,
  PositionDto,
  RuleDto,
  ServiceDto,
  TopologyDto,
} from '../contract/dto';
import {
  anyObject,
  arrayOf,
  finite,
  integer,
  literal,
  nullable,
  object,
  optional,
  prefix,
  string,
  type Schema,
} from './schema';

/** DiagnosticDto. */
export const diagnosticSchema: Schema<DiagnosticDto> = object({
  severity: literal('error', 'warning', 'info'),
  code: string(),
  message: string({ allowEmpty: true }),
  pointer: optional(string({ allowEmpty: true })),
  elementId: optional(string()),
  hint: optional(string({ allowEmpty: true })),
});

/** ServiceDto. */
export const serviceSchema: Schema<ServiceDto> = object({
  id: string(),
  name: string({ allowEmpty: true }),
  inSegment: nullable(prefix()),
  outSegment: nullable(prefix()),
  chain: arrayOf(string()),
  reverseChain: nullable(arrayOf(string())),
  state: literal('draft', 'planned', 'pushed', 'drifted', 'failed'),
  provenance: nullable(
    object({
      format: string(),
      file: nullable(string({ allowEmpty: true })),
      recordId: nullable(string({ allowEmpty: true })),
      importedAt: string(),
    }),
  ),
  attributes: anyObject(),
});

const hopSchema: Schema<HopDto> = object({
  kind: literal('ingress', 'pop', 'uplink', 'transit', 'egress'),
  bridgeId: string(),
  portId: string(),
  popId: nullable(string()),
});

const ruleSchema: Schema<RuleDto> = object({
  serviceId: string(),
  direction: literal('forward', 'reverse'),
  seq: integer(0, Number.MAX_SAFE_INTEGER),
  bridgeId: string(),
  inPortId: string(),
  outPortId: string(),
  match: object({ src: prefix(), dst: prefix() }),
  condition: string(),
  filterIndex: integer(1, 65535),
  vlan: nullable(integer(0, 4095)),
});

const pathSchema: Schema<PathDto> = object({
  direction: literal('forward', 'reverse'),
  src: prefix(),
  dst: prefix(),
  condition: string(),
  hops: arrayOf(hopSchema),
  rules: arrayOf(ruleSchema),
});

/** PlanDto. */
export const planSchema: Schema<PlanDto> = object({
  serviceId: string(),
  forward: pathSchema,
  reverse: pathSchema,
  diagnostics: arrayOf(diagnosticSchema),
});

/** TopologyDto (shapes only; references are cross-checked by the topology parser). */
export const topologySchema: Schema<TopologyDto> = object({
  bridges: arrayOf(
    object({
      id: string(),
      name: string(),
      kind: literal('vtn-vbridge', 'openflow', 'ovs', 'generic'),
      controllerId: string(),
      datapathId: optional(nullable(string())),
    }),
  ),
  ports: arrayOf(
    object({ id: string(), bridgeId: string(), name: string(), ofPort: nullable(integer(1, 0xffffff00)) }),
  ),
  links: arrayOf(object({ id: string(), aPortId: string(), bPortId: string() })),
  segments: arrayOf(object({ id: string(), prefix: prefix(), portId: string(), name: nullable(string({ allowEmpty: true })) })),
  pops: arrayOf(object({ id: string(), name: string(), portId: string(), aliases: arrayOf(string()) })),
  naps: arrayOf(object({ id: string(), name: string(), cePortId: string(), pePortId: string() })),
  vlanPools: arrayOf(object({ portId: string(), first: integer(1, 4094), last: integer(1, 4094) })),
  defaults: object({ sourceSegment: nullable(prefix()), targetSegment: nullable(prefix()) }),
});

/** PositionDto. */
export const positionSchema: Schema<PositionDto> = object({ elementId: string(), x: finite(), y: finite() });
