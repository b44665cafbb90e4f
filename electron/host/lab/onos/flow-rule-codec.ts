import { decodeCriterion } from './criterion-codec';
import { decodeInstruction } from './instruction-codec';
import { asBoolean, asInt, asText } from './jackson';
import { illegal } from './onos-error';

type Json = Readonly<Record<string, unknown>>;

/** The application a flow belongs to when the request names none. */
export const DEFAULT_FLOW_APP = 'org.onosproject.rest';

/** A decoded flow rule (selector and treatment already in read-back form). */
export interface FlowRule {
  readonly deviceId: string;
  readonly appId: string;
  readonly priority: number;
  readonly isPermanent: boolean;
  readonly timeout: number;
  readonly tableId: number;
  readonly criteria: readonly Json[];
  readonly instructions: readonly Json[];
  readonly deferred: readonly Json[];
  readonly clearDeferred: boolean;
}

const MISSING = ' member is required in FlowRule';

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function required(json: Json, name: string, suffix = ''): unknown {
  const value = json[name];
  if (value === undefined || value === null) throw illegal(`${name}${MISSING}${suffix}`);
  return value;
}

function array(container: Json, name: string, where: string): readonly unknown[] {
  const value = container[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw illegal(`${where}.${name} must be an array`);
  return value;
}

function section(json: Json, name: string): Json {
  const value = json[name];
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw illegal(`${name} must be a JSON object`);
  return value;
}

/**
 * Decodes a flow rule as `FlowRuleCodec` does: required `priority`, `isPermanent`, `timeout`
 * when temporary, `deviceId`; optional `tableId`, `appId`, selector and treatment. Unknown
 * members are ignored, as Jackson's tree reading does.
 */
export function decodeFlowRule(json: unknown): FlowRule {
  if (!isRecord(json)) throw illegal('A flow rule must be a JSON object');
  const appId = json.appId === undefined || json.appId === null ? DEFAULT_FLOW_APP : asText(json.appId);
  const priority = asInt(required(json, 'priority'));
  const isPermanent = asBoolean(required(json, 'isPermanent'));
  const timeout = isPermanent ? asInt(json.timeout ?? 0) : asInt(required(json, 'timeout', ' if the flow is temporary'));
  const tableId = json.tableId === undefined || json.tableId === null ? 0 : asInt(json.tableId);
  const deviceId = asText(required(json, 'deviceId'));
  const selector = section(json, 'selector');
  const treatment = section(json, 'treatment');
  const criteria = array(selector, 'criteria', 'selector').map(decodeCriterion);
  const instructions = array(treatment, 'instructions', 'treatment').map(decodeInstruction);
  const deferred = array(treatment, 'deferred', 'treatment').map(decodeInstruction);
  // DefaultFlowRule.Builder checks the priority last.
  if (priority < 0) throw illegal('Priority cannot be less than 0');
  if (priority > 65535) throw illegal('Priority cannot be greater than 65535');
  if (tableId < 0) throw illegal('Table id cannot be negative');
  return { deviceId, appId, priority, isPermanent, timeout, tableId, criteria, instructions, deferred, clearDeferred: asBoolean(treatment.clearDeferred) };
}
