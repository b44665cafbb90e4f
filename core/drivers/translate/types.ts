import type { PlanDto, ServiceDto, TopologyDto } from '../../contract/dto';

/**
 * Options shared by the translators; each one ignores the options that do not apply to it.
 *
 * - `teardown` (default false): write what removes the plans instead of what installs them.
 * - `tenant` (default `vtn1`, see odl-vtn/defaults.ts): VTN tenant name (a vnode-name).
 * - `appId` (default `org.wicm.studio`, see onos/defaults.ts): ONOS application id of the flows.
 * - `labPrelude` (default false): also create the forwarding elements first: OVS `add-br` /
 *   `add-port … ofport_request=N` (for a lab or CI bridge), VTN `update-vtn` /
 *   `update-vbridge` / `update-vinterface` (+ `set-port-map` where `vtnNodes` names the
 *   switch). Install only; a teardown never removes bridges or tenants.
 * - `vtnNodes`: VTN only, vBridge name (bridge controllerId) → OpenFlow node id (`openflow:1`)
 *   of the switch its vInterfaces are mapped on; with `labPrelude`, ports with an `ofPort`
 *   get a `set-port-map` to (node, ofPort).
 * - `generatedAt`: ISO-8601 time written into a script comment; omitted when absent so that
 *   output stays byte-for-byte reproducible.
 */
export interface TranslateOptions {
  readonly teardown?: boolean;
  readonly tenant?: string;
  readonly appId?: string;
  readonly labPrelude?: boolean;
  readonly vtnNodes?: Readonly<Record<string, string>>;
  readonly generatedAt?: string;
}

/** What is translated: a topology snapshot, its services and their plans. */
export interface TranslateInput {
  readonly topology: TopologyDto;
  readonly services: readonly ServiceDto[];
  /** Plans in push order; each must belong to one of `services`. */
  readonly plans: readonly PlanDto[];
}
