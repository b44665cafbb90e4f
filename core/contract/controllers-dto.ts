/**
 * Controller and push DTOs of the contract: targets, profiles, push and teardown reports, drift,
 * drivers and the built-in lab.
 */
import type { ServiceState } from './dto';

/** The range of a controller request deadline in ms (profiles, `--controller-timeout`, targets). */
export const CONTROLLER_TIMEOUT_MS = { min: 50, max: 600_000 } as const;

/** A controller kind the engine pushes to. */
export type ControllerKindDto = 'odl-vtn' | 'onos' | 'ovs';

/**
 * A controller to push to. The password is used for the requests only: it is never stored,
 * logged, journaled or echoed in a report or an error message.
 */
export interface ControllerTargetDto {
  readonly kind: ControllerKindDto;
  /** Base URL, e.g. `http://10.0.0.5:8181` (a trailing `/restconf` or `/onos/v1` is accepted). */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** VTN tenant (default vtn1). */
  readonly tenant?: string;
  /**
   * ONOS application id of the project's flows. Default: the project's own id
   * (`org.wicm.studio.p<hex>`, made on its first ONOS operation and kept in the project), since
   * every flow of the application is taken as the project's.
   */
  readonly appId?: string;
  /** Per-request deadline in ms (default 10000). */
  readonly timeoutMs?: number;
}

/** A saved controller profile (the password never leaves the engine). */
export interface ControllerProfileDto {
  readonly id: string;
  readonly name: string;
  readonly kind: ControllerKindDto;
  /** Empty for the built-in lab controllers until they start. */
  readonly url: string;
  readonly user: string;
  readonly hasPassword: boolean;
  readonly tenant?: string;
  readonly appId?: string;
  /** Deadline of each controller request in ms (50..600000); absent = the driver's default (10000). */
  readonly timeoutMs?: number;
  /** The built-in lab controllers: always there, started on first use. */
  readonly builtIn: boolean;
  /** How the password is kept at rest (`safeStorage`, `local-key`), null without one. */
  readonly passwordStorage: string | null;
  /**
   * The stored password was dropped because the URL, user or controller kind changed: a push
   * through this profile is refused until the password is entered again. Absent otherwise.
   */
  readonly passwordNeeded?: true;
  /** Pushes through this profile provision unless told otherwise (the built-in VTN lab, which starts empty). */
  readonly provisionByDefault?: true;
}

/**
 * A profile to create (no id) or change; `password` undefined keeps the stored one, null clears it.
 * A stored password belongs to its endpoint: changing `url`, `user` or `kind` without a password
 * drops it (the profile then says `passwordNeeded`).
 */
export interface ControllerProfileInputDto {
  readonly id?: string;
  readonly name: string;
  readonly kind: ControllerKindDto;
  readonly url: string;
  readonly user: string;
  readonly password?: string | null;
  readonly tenant?: string;
  readonly appId?: string;
  /** Deadline of each controller request in ms (50..600000); absent = the driver's default. */
  readonly timeoutMs?: number;
}

/** A controller named by its saved profile instead of spelled out. */
export interface ProfileRefDto {
  readonly profileId: string;
}

/** Push, teardown, drift check or adoption of services on a controller. */
export interface PushRequestDto {
  readonly target: ControllerTargetDto | ProfileRefDto;
  /** Services concerned (default: every service with a stored plan, plus what was pushed for services since removed). */
  readonly serviceIds?: readonly string[];
  /** VTN only: also create the tenant, vBridges, vInterfaces and port maps (T-NOVA style). */
  readonly provision?: boolean;
}

/** A dry run: what a push (or a teardown) would send. */
export interface PushDiffRequestDto extends PushRequestDto {
  readonly teardown?: boolean;
}

/** One step of a push: one controller object created, updated or deleted. */
export interface PushStepDto {
  /** Position in the push (1-based). */
  readonly seq: number;
  readonly action: 'create' | 'update' | 'delete';
  /** Stable id of the controller object, e.g. `filter:vtn1/vbr1/if_customer#3`. */
  readonly objectId: string;
  /** Owning service; `*` for shared provisioning objects or several services. */
  readonly serviceId: string;
  readonly summary: string;
  readonly method: string;
  readonly path: string;
  readonly status: 'planned' | 'applied' | 'failed' | 'undone' | 'skipped';
  readonly error?: string;
  /** Controller objects the step writes when it is a batch (ONOS `POST /flows`); absent = one. */
  readonly objects?: number;
}

/** Where a report's requests went (never the credentials). */
export interface PushTargetInfoDto {
  readonly kind: ControllerKindDto;
  readonly url: string;
  readonly tenant?: string;
  readonly appId?: string;
}

/**
 * Outcome of a push or teardown (also of a dry run). A failed push is a report with `ok:false`,
 * `failedStep` and every applied step undone, not an error.
 */
export interface PushReportDto {
  readonly ok: boolean;
  readonly operation: 'push' | 'teardown';
  readonly dryRun: boolean;
  readonly target: PushTargetInfoDto;
  readonly steps: readonly PushStepDto[];
  /** The first step that failed (or conflicted), null when none did. */
  readonly failedStep: PushStepDto | null;
  /** How many applied steps were compensated after the failure. */
  readonly undone: number;
  /** Read back after the push (or after the rollback) matched what was expected. */
  readonly verified: boolean;
  /** planMs: planning, desired state, read-back and diff; pushMs: writes, rollback and verification. */
  readonly timings: { readonly planMs: number; readonly pushMs: number };
  /** HTTP requests sent to the controller, reads included. */
  readonly requests: number;
  /** Service states after the operation. */
  readonly services: readonly { readonly id: string; readonly state: ServiceState }[];
  readonly message: string;
  /**
   * What the controller would refuse, or traffic it would discard, found against its read-back
   * before writing (missing tenant, vBridge, vInterface or port map; ONOS device), by name.
   */
  readonly warnings?: readonly string[];
}

/** One controller object that differs from what was last pushed. */
export interface DriftObjectDto {
  readonly objectId: string;
  readonly serviceId: string;
  readonly kind: string;
  /** missing: gone from the controller; changed: different content; unexpected: ours by name but never pushed. */
  readonly problem: 'missing' | 'changed' | 'unexpected';
  readonly summary: string;
}

/** Drift of one service. */
export interface DriftServiceDto {
  readonly serviceId: string;
  readonly status: 'in-sync' | 'drifted' | 'not-pushed';
  readonly objects: readonly DriftObjectDto[];
}

/** Live controller state against the last pushed state (from the project's push journal). */
export interface DriftReportDto {
  readonly target: PushTargetInfoDto;
  readonly services: readonly DriftServiceDto[];
  /** Number of drifted services. */
  readonly drifted: number;
  readonly message: string;
}

/** A controller driver as the target picker shows it. */
export interface ControllerDriverDto {
  readonly id: ControllerKindDto | 'ovs-ofctl';
  readonly label: string;
  /** False for export-only targets (Open vSwitch scripts). */
  readonly pushable: boolean;
  readonly capabilities: Readonly<Record<string, boolean>>;
  readonly defaults: Readonly<Record<string, string | number>>;
}

/**
 * A failure to rehearse on a built-in lab controller: counted from when it is armed, its
 * `nthWrite` write request (POST, PUT, DELETE) fails once, so a push must roll back.
 */
export interface LabFaultDto {
  /** Which write request fails (1 = the first after arming). */
  readonly nthWrite: number;
  /** HTTP 500, no answer at all (the push's request timeout ends it), or a reset connection. */
  readonly action: 'error-500' | 'hang' | 'reset';
}

/** A running built-in lab controller. */
export interface LabControllerDto {
  readonly kind: ControllerKindDto;
  readonly url: string;
  readonly user: string;
  readonly password: string;
}
