import type { DiagnosticDto, PlanDto, PositionDto, ServiceDto, TopologyDto } from '../contract/dto';

/** The file formats `core/export` can write. */
export type ExportFormat = 'plan-json' | 'odl-vtn' | 'curl' | 'ovs-ofctl' | 'onos' | 'topology-json';

/**
 * Options shared by the exporters; each one ignores the options that do not apply to it.
 *
 * - `teardown` (default false): write what removes the plans instead of what installs them
 *   (VTN, curl, OVS, ONOS only).
 * - `tenant` (default `vtn1`): VTN tenant name (a vnode-name).
 * - `appId` (default `org.wicm.studio`): ONOS application id of the flows.
 * - `labPrelude` (default false): also create the forwarding elements first: OVS `add-br` /
 *   `add-port … ofport_request=N` (for a lab or CI bridge), VTN `update-vtn` /
 *   `update-vbridge` / `update-vinterface` (+ `set-port-map` where `vtnNodes` names the
 *   switch). Install only; a teardown never removes bridges or tenants.
 * - `vtnNodes`: VTN only, vBridge name (bridge controllerId) → OpenFlow node id (`openflow:1`)
 *   of the switch its vInterfaces are mapped on; with `labPrelude`, ports with an `ofPort`
 *   get a `set-port-map` to (node, ofPort).
 * - `generatedAt`: ISO-8601 time written into the file (JSON member / script comment); omitted
 *   when absent so that exports stay byte-for-byte reproducible.
 */
export interface ExportOptions {
  readonly teardown?: boolean;
  readonly tenant?: string;
  readonly appId?: string;
  readonly labPrelude?: boolean;
  readonly vtnNodes?: Readonly<Record<string, string>>;
  readonly generatedAt?: string;
}

/** What is exported: a topology snapshot, its services and their plans. */
export interface ExportInput {
  readonly topology: TopologyDto;
  readonly services: readonly ServiceDto[];
  /** Plans to export, in push order; each must belong to one of `services`. */
  readonly plans: readonly PlanDto[];
  /** Layout positions (topology JSON only). */
  readonly positions?: readonly PositionDto[];
  /** Project lint findings to keep with a plan JSON export. */
  readonly lint?: readonly DiagnosticDto[];
}

/** One written file. */
export interface ExportResult {
  readonly format: ExportFormat;
  readonly mediaType: string;
  /** Suggested file name. */
  readonly fileName: string;
  readonly text: string;
  /** Non-blocking findings (warnings, notes); blocking ones throw instead. */
  readonly diagnostics: readonly DiagnosticDto[];
}
