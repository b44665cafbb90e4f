import type { DataPlaneStatus } from './live/applier';

/** Which controller a lab server stands in for. */
export type LabKind = 'odl-vtn' | 'onos';

/** What an injected fault does to the request it hits. */
export type LabFaultAction =
  | { readonly kind: 'status'; readonly status: number; readonly body?: unknown }
  | { readonly kind: 'hang' }
  | { readonly kind: 'reset' };

/**
 * One injected fault.
 *
 * Without `match` the fault considers write requests only (POST, PUT, PATCH, DELETE); with
 * `match` it considers every request whose method equals `match.method` (any method when
 * absent) and whose raw path (query included) contains `match.pathIncludes`. Without `nth` it
 * hits every request it considers; with `nth` only the nth one (1-based), counted from the
 * moment the faults were set or the controller was reset.
 */
export interface LabFault {
  readonly match?: { readonly method?: string; readonly pathIncludes?: string };
  readonly nth?: number;
  readonly action: LabFaultAction;
}

/** Options of {@link startLabController}. */
export interface LabControllerOptions {
  readonly kind: LabKind;
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 (default) picks an ephemeral one. */
  readonly port?: number;
  /** Basic-auth user; default `admin`. */
  readonly user?: string;
  /** Basic-auth password; default `admin` (odl-vtn) or `karaf` (onos). */
  readonly password?: string;
  readonly faults?: readonly LabFault[];
  /**
   * Devices, ports, links and hosts (see `seed-topology.ts`); default {@link DEFAULT_LAB_TOPOLOGY}.
   * ONOS serves it from /devices, /links, /hosts; VTN uses it to decide which port maps are UP.
   */
  readonly seedTopology?: unknown;
  /** Largest accepted request body in bytes (413 above); default 1 MiB. */
  readonly bodyLimit?: number;
  /**
   * Data folder of a live lab (`<dataDir>/lab/live.json`, written by `wicm lab up`): when set,
   * the controller compiles its state to OpenFlow on the live lab's bridges after each write.
   */
  readonly dataDir?: string;
}

/** One request the controller received (admin requests under `/__lab` are not recorded). */
export interface LabRequestRecord {
  readonly method: string;
  /** The raw request target, query string included. */
  readonly path: string;
  /** The parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  readonly body: unknown;
  /** The status answered; 0 when the request was hung or its connection reset. */
  readonly status: number;
  /** Set when an injected fault answered instead of the controller. */
  readonly fault?: LabFaultAction['kind'];
}

/** A running lab controller. */
export interface LabController {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly kind: LabKind;
  /** JSON snapshot of the controller's configuration state. */
  state(): unknown;
  requests(): readonly LabRequestRecord[];
  /** Replaces the faults and restarts their counters. */
  setFaults(faults: readonly LabFault[]): void;
  /** Empties the state and the request log, and restores the faults given at start. */
  reset(): void;
  /** Stops listening, releases hung requests and closes every connection. */
  close(): Promise<void>;
  /** The live data plane, when started with a `dataDir`. */
  readonly dataPlane?: {
    /** Resolves when the state of every accepted write so far is on the bridges (or failed). */
    settled(): Promise<void>;
    status(): DataPlaneStatus;
  };
}
