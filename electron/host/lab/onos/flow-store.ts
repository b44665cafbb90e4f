import { createHash } from 'node:crypto';
import { missingPrerequisite } from './criterion-codec';
import type { FlowRule } from './flow-rule-codec';

/** Flow entry states ONOS reports. */
export type FlowState = 'PENDING_ADD' | 'ADDED' | 'FAILED';

/** A stored flow entry. */
export interface FlowEntry {
  readonly id: string;
  readonly rule: FlowRule;
  readonly state: FlowState;
  readonly lastSeen: number;
}

/** Applications registered at start, as the ONOS core and CLI components do. */
const SEED_APPS = ['org.onosproject.core', 'org.onosproject.cli'] as const;

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Flow id as ONOS builds it: `(app numeric id << 48) | hash32(device, selector, priority, table)`.
 *
 * The treatment is not part of it, so re-posting a match with a new treatment replaces the
 * rule; criteria order does not matter (ONOS keeps them in a sorted set).
 */
function flowId(appNumber: number, rule: FlowRule): string {
  const criteria = [...rule.criteria].map(stableJson).sort();
  const digest = createHash('sha256').update(stableJson([rule.deviceId, criteria, rule.priority, rule.tableId])).digest();
  return ((BigInt(appNumber & 0xffff) << 48n) | BigInt(digest.readUInt32BE(0))).toString(10);
}

/** ONOS's flow rule store plus its application-id registry. */
export class FlowStore {
  private readonly devices = new Map<string, Map<string, FlowEntry>>();
  private readonly apps = new Map<string, number>();

  constructor(
    private readonly knownDevices: ReadonlySet<string>,
    private readonly now: () => number = Date.now,
  ) {
    this.reset();
  }

  reset(): void {
    this.devices.clear();
    this.apps.clear();
    for (const app of SEED_APPS) this.register(app);
  }

  /** `CoreService.registerApplication`: an id for any name, stable afterwards. */
  private register(app: string): number {
    const existing = this.apps.get(app);
    if (existing !== undefined) return existing;
    const id = this.apps.size + 1;
    this.apps.set(app, id);
    return id;
  }

  isRegistered(app: string): boolean {
    return this.apps.has(app);
  }

  applications(): readonly string[] {
    return [...this.apps.keys()];
  }

  /** Adds or replaces (same id) a rule; returns its flow id. */
  apply(rule: FlowRule): string {
    const id = flowId(this.register(rule.appId), rule);
    const state: FlowState = missingPrerequisite(rule.criteria) !== undefined ? 'FAILED' : this.knownDevices.has(rule.deviceId) ? 'ADDED' : 'PENDING_ADD';
    const flows = this.devices.get(rule.deviceId) ?? new Map<string, FlowEntry>();
    flows.set(id, { id, rule, state, lastSeen: this.now() });
    this.devices.set(rule.deviceId, flows);
    return id;
  }

  all(): readonly FlowEntry[] {
    return [...this.devices.values()].flatMap((flows) => [...flows.values()]);
  }

  /** Flows of one device; empty when it has none. */
  ofDevice(deviceId: string): readonly FlowEntry[] {
    return [...(this.devices.get(deviceId)?.values() ?? [])];
  }

  /** One flow of a device (undefined when the device holds no flow of that id). */
  get(deviceId: string, id: string): FlowEntry | undefined {
    return this.devices.get(deviceId)?.get(id);
  }

  /** Whether a device holds any flow. */
  hasFlows(deviceId: string): boolean {
    return (this.devices.get(deviceId)?.size ?? 0) > 0;
  }

  ofApp(app: string): readonly FlowEntry[] {
    return this.all().filter((f) => f.rule.appId === app);
  }

  /** Removes one flow; false when it was not there. */
  remove(deviceId: string, id: string): boolean {
    const flows = this.devices.get(deviceId);
    const removed = flows?.delete(id) ?? false;
    if (flows !== undefined && flows.size === 0) this.devices.delete(deviceId);
    return removed;
  }

  removeApp(app: string): void {
    for (const flow of this.ofApp(app)) this.remove(flow.rule.deviceId, flow.id);
  }
}

/** A flow entry as `GET /onos/v1/flows` shows it. */
export function encodeFlowEntry(entry: FlowEntry, now: number): Readonly<Record<string, unknown>> {
  const { rule } = entry;
  return {
    id: entry.id,
    tableId: rule.tableId,
    tableName: String(rule.tableId),
    appId: rule.appId,
    groupId: 0,
    priority: rule.priority,
    timeout: rule.timeout,
    isPermanent: rule.isPermanent,
    deviceId: rule.deviceId,
    state: entry.state,
    life: Math.max(0, Math.floor((now - entry.lastSeen) / 1000)),
    packets: 0,
    bytes: 0,
    liveType: 'UNKNOWN',
    lastSeen: entry.lastSeen,
    treatment: { instructions: rule.instructions, deferred: rule.deferred, ...(rule.clearDeferred ? { clearDeferred: true } : {}) },
    selector: { criteria: rule.criteria },
  };
}
