import type { ControllerKindDto, ControllerTargetDto } from '../contract/api';
import type { PlanDto, ServiceDto, TopologyDto } from '../contract/dto';
import type { HttpClient, HttpMethod } from './http';

/** Defaults of a driver; every option documented next to its value. */
export interface DriverDefaults {
  /** TCP port of the controller's REST API. */
  readonly port: number;
  /** Basic-auth user of a fresh installation. */
  readonly user: string;
  /** Basic-auth password of a fresh installation (shown as a hint only; never stored). */
  readonly password: string;
  /** Per-request deadline (ms). */
  readonly timeoutMs: number;
  /** Most writes in flight at once. */
  readonly maxConcurrency: number;
  /** VTN tenant the filters live in. */
  readonly tenant?: string;
  /** ONOS application id the project's flows are posted under. */
  readonly appId?: string;
}

/** What a controller target can do; `supports(feature)` in the registry reads it. */
export interface DriverCapabilities {
  /** Every write has a compensating write, so a failed push can be rolled back. */
  readonly transactional: boolean;
  /** The pushed objects can be read back (verification, drift). */
  readonly readBack: boolean;
  /** Independent writes may be in flight at the same time. */
  readonly concurrentWrites: boolean;
  /** Rules can push, set and pop VLAN tags. */
  readonly vlan: boolean;
  /** IPv6 matches. */
  readonly ipv6: boolean;
  /** Can create the forwarding elements themselves (VTN tenant, vBridges, vInterfaces, port maps). */
  readonly provisioning: boolean;
}

/** A capability name. */
export type DriverFeature = keyof DriverCapabilities;

/** One REST call, relative to the controller's base URL. */
export interface DriverRequest {
  readonly method: HttpMethod;
  /** Path (and query) below the base URL, starting with `/`. */
  readonly path: string;
  readonly body?: unknown;
}

/** Kinds of controller objects the drivers manage. */
export type ObjectKind = 'vtn' | 'vbridge' | 'vinterface' | 'port-map' | 'condition' | 'filter' | 'flow' | 'application';

/** Owner of shared objects (provisioning) that no single service's teardown removes. */
export const SHARED_OWNER = '*';

/** Owner of objects the project's naming marks as its own but no current service accounts for. */
export const UNKNOWN_OWNER = '?';

/** Position of an object along a redirect chain (0 = where traffic is first diverted). */
export interface ChainPosition {
  /** One key per service direction. */
  readonly key: string;
  readonly rank: number;
}

/** What desired and live objects have in common. */
export interface ControllerObject {
  /** Stable id: the controller's own key of the object (`cond:name`, `filter:t/b/i#n`, `flow:…`). */
  readonly id: string;
  readonly kind: ObjectKind;
  readonly summary: string;
  /** Normalised content; desired and live objects with equal content need no write. */
  readonly content: unknown;
  /** Ids of objects that must exist before this one is written (and be removed after it). */
  readonly after: readonly string[];
  readonly chain?: ChainPosition;
}

/** An object the plans call for, with the requests that create and remove it. */
export interface DesiredObject extends ControllerObject {
  readonly serviceId: string;
  readonly create: DriverRequest;
  /** Absent when the controller names the object itself (ONOS flow ids): the driver removes it by its handle. */
  readonly remove?: DriverRequest;
}

/** An object read back from the controller, with the requests that restore and remove it as seen. */
export interface LiveObject extends ControllerObject {
  /** The controller's handle when it differs from the id (ONOS flow id). */
  readonly handle?: string;
  /** Something the controller reports as wrong with it (e.g. ONOS state FAILED). */
  readonly problem?: string;
  readonly restore: DriverRequest;
  readonly remove: DriverRequest;
}

/** What a per-object read may use: handles the controller gave the objects (ONOS flow ids). */
export interface ReadHints {
  /** The controller's handle of an object, when known (from the journal or this transaction's writes). */
  readonly handleOf?: (id: string) => string | undefined;
  /**
   * Objects without a known handle are taken as absent instead of searched for: the project
   * never wrote them (a push's first read of objects no journal holds).
   */
  readonly unknownAbsent?: boolean;
}

/** What the project knows it pushed: one object, from the journal or claimed by naming. */
export interface OwnedObject {
  readonly serviceId: string;
  readonly kind: ObjectKind;
  readonly summary: string;
  readonly content: unknown;
  readonly chain?: ChainPosition;
  readonly handle?: string;
}

/** One write of a push. */
export interface PushStep {
  /** 1-based position; also the order of the report. */
  readonly seq: number;
  readonly action: 'create' | 'update' | 'delete';
  readonly objectId: string;
  readonly serviceId: string;
  readonly kind: ObjectKind;
  readonly summary: string;
  readonly request: DriverRequest;
  /** The object written (create, update). */
  readonly desired: DesiredObject | null;
  /** The objects as they were (update: one; delete: the removed ones, several for an application delete). */
  readonly live: readonly LiveObject[];
  /** Steps that must have been applied before this one starts. */
  readonly dependsOn: readonly number[];
  /** Set when the step may not run: it would overwrite an object the project did not create. */
  readonly conflict?: string;
  /**
   * A batch step (ONOS `POST /flows` with many flows, VTN `set-flow-filter` with many
   * filters): the one-object steps it sends in one request, all of the same action. The transaction journals each of them (`desired` and
   * `live` above are then null and the members' removed objects).
   */
  readonly members?: readonly PushStep[];
}

/**
 * Something the controller would refuse, or traffic it would discard, if the push went ahead
 * against what was read (a dry run and a push's preflight report it). Names are the
 * controller's: the service layer turns them into the project's bridge, port and PoP names.
 */
export interface PreflightFinding {
  /** refuse: the writes would fail (a parent is missing); discard: they succeed, traffic is dropped. */
  readonly effect: 'refuse' | 'discard';
  readonly missing: 'vtn' | 'vbridge' | 'vinterface' | 'port-map' | 'device';
  readonly tenant?: string;
  /** vBridge name (the bridge's controller id). */
  readonly bridge?: string;
  /** vInterface name. */
  readonly iface?: string;
  /** ONOS device id. */
  readonly device?: string;
}

/** What applying a step returned that compensating it needs. */
export interface AppliedStep {
  /** Handle of a created object (ONOS flow id from the Location header). */
  readonly handle?: string;
  /** Handles of the objects a batch step created, by object id (ONOS flow ids of a batch answer). */
  readonly handles?: ReadonlyMap<string, string>;
}

/** What the desired state is computed from. */
export interface DesiredInput {
  readonly topology: TopologyDto;
  readonly services: readonly ServiceDto[];
  /** Plans in push order. */
  readonly plans: readonly PlanDto[];
  /** Also create the forwarding elements (drivers with the provisioning capability). */
  readonly provision: boolean;
}

/** Which services a diff may touch: a set of ids, or every one (full push / teardown). */
export type DiffScope = ReadonlySet<string> | 'all';

/**
 * One controller driver, bound to one target (URL, credentials, tenant / application id).
 *
 * The transaction (transaction.ts) drives it: `desired` → `readLive` → `diff` → `apply` each step
 * in dependency order → on failure `compensate` the applied ones in reverse → `readLive` again.
 */
export interface ControllerDriver {
  readonly kind: ControllerKindDto;
  readonly capabilities: DriverCapabilities;
  readonly target: ControllerTargetDto;
  /** The objects the plans call for, each owned by a service (or {@link SHARED_OWNER}). */
  desired(input: DesiredInput): DesiredObject[];
  /** Reads the controller's objects of the kinds this driver manages. Throws DRIVER_UNAVAILABLE when unreachable. */
  readLive(http: HttpClient): Promise<LiveObject[]>;
  /**
   * Reads only the objects with these ids (absent ones are left out), each by its own request,
   * so a service's read-back costs the same whatever the fleet. Optional: without it the
   * transaction reads everything (`readLive`).
   */
  readObjects?(http: HttpClient, ids: readonly string[], hints?: ReadHints): Promise<LiveObject[]>;
  /**
   * The service a live object belongs to by the project's own naming (VTN condition names,
   * ONOS application id), or null when nothing marks it as the project's.
   */
  claim(live: LiveObject, desiredById: ReadonlyMap<string, DesiredObject>): string | null;
  /** The writes that turn `live` into `desired` for the services in scope, touching only `owned` objects. */
  diff(desired: readonly DesiredObject[], live: readonly LiveObject[], owned: ReadonlyMap<string, OwnedObject>, scope: DiffScope): PushStep[];
  /** Sends one step; rejects with a {@link StepFailure} or an HttpError. */
  apply(http: HttpClient, step: PushStep): Promise<AppliedStep>;
  /** Undoes one applied step. */
  compensate(http: HttpClient, step: PushStep, applied: AppliedStep): Promise<void>;
  /** What the controller would refuse or discard if `wanted` were pushed onto `live` (optional). */
  preflight?(http: HttpClient, wanted: readonly DesiredObject[], live: readonly LiveObject[]): Promise<PreflightFinding[]>;
  /**
   * Removes these live objects in as few requests as the controller takes (ONOS: batch `DELETE
   * /flows`); optional: without it each is removed by its own `remove` request.
   */
  removeMany?(http: HttpClient, live: readonly LiveObject[]): Promise<void>;
  /** Sends a live object's restore or remove request when the target is not reached over HTTP (Open vSwitch). */
  send?(http: HttpClient, request: DriverRequest): Promise<void>;
}

/** A controller answered a step with an error status. */
export class StepFailure extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'StepFailure';
    this.status = status;
  }
}
