import type {
  BridgeKind,
  DiagnosticDto,
  Direction,
  PlanDto,
  PositionDto,
  ServiceDto,
  ServiceState,
  TopologyDefaultsDto,
  TopologyDto,
} from './dto';

/** Where the engine runs, as the UI shows it in the title bar. */
export type AppMode = 'desktop' | 'browser' | 'cli';

/** About the running engine. */
export interface AppInfoDto {
  readonly name: string;
  readonly version: string;
  readonly mode: AppMode;
  /** Project schema version this build writes. */
  readonly schemaVersion: number;
  /** Why the app runs in browser mode, when it does (no Electron binary, no display, forced). */
  readonly modeReason: string | null;
}

/** The open project, as the title bar and the File menu need it. */
export interface ProjectInfoDto {
  readonly name: string;
  /** File path of the `.wicm` file; null until first saved. */
  readonly path: string | null;
  /** Unsaved changes exist. */
  readonly dirty: boolean;
  /** Increases on every model change (layout included), and on opening or creating a project. */
  readonly revision: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** What Undo would take back ("add PoP pop-crete"), null when nothing. */
  readonly undoLabel: string | null;
  /** What Redo would bring back, null when nothing. */
  readonly redoLabel: string | null;
}

/** Everything the graph editor draws, in one consistent snapshot. */
export interface TopologySnapshotDto {
  readonly project: ProjectInfoDto;
  readonly topology: TopologyDto;
  readonly positions: readonly PositionDto[];
  readonly services: readonly ServiceDto[];
}

/** Topology element kinds the editor creates, changes and deletes. */
export type ElementKindDto = 'bridge' | 'port' | 'link' | 'segment' | 'pop' | 'nap';

/** Result of a model edit: the element's id and what the engine noticed (host bits, names…). */
export interface EditResultDto {
  readonly id: string;
  readonly diagnostics: readonly DiagnosticDto[];
  readonly project: ProjectInfoDto;
}

/** A service as the user writes it (state is the engine's). */
export interface ServiceInputDto {
  readonly id?: string;
  readonly name: string;
  readonly inSegment: string | null;
  readonly outSegment: string | null;
  readonly chain: readonly string[];
  readonly reverseChain: readonly string[] | null;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

/** Plans and lint of the project. */
export interface PlanSetDto {
  readonly plans: readonly PlanDto[];
  readonly lint: readonly DiagnosticDto[];
  readonly project: ProjectInfoDto;
}

/** One hop of a packet trace. */
export interface TraceHopDto {
  readonly bridgeId: string;
  readonly portId: string;
  readonly action: 'enter' | 'redirect' | 'forward' | 'deliver' | 'drop';
  readonly ruleServiceId?: string;
  readonly filterIndex?: number;
  readonly note?: string;
}

/** Outcome of a packet trace. */
export interface TraceDto {
  readonly disposition: 'DELIVERED' | 'NO_MATCHING_SEGMENT' | 'REDIRECT_TO_MISSING_PORT' | 'LOOP' | 'DROPPED';
  readonly hops: readonly TraceHopDto[];
  readonly egressPortId: string | null;
  readonly reason: string;
}

/** A service direction broken by elements marked down. */
export interface WhatIfImpactDto {
  readonly serviceId: string;
  readonly direction: Direction;
  readonly disposition: TraceDto['disposition'];
  readonly reason: string;
}

/** An export format. */
export interface ExportFormatDto {
  readonly id: 'plan-json' | 'odl-vtn' | 'curl' | 'ovs-ofctl' | 'onos' | 'topology-json';
  readonly label: string;
  readonly extension: string;
  readonly supportsTeardown: boolean;
}

/** What to export. */
export interface ExportRequestDto {
  readonly format: ExportFormatDto['id'];
  /** Services to include (default: every service with a plan). */
  readonly serviceIds?: readonly string[];
  readonly teardown?: boolean;
  /** VTN tenant (default vtn1). */
  readonly tenant?: string;
  /** ONOS application id (default org.wicm.studio). */
  readonly appId?: string;
  /** Also create bridges/ports (OVS lab) or the VTN tenant/vBridges/vInterfaces. */
  readonly labPrelude?: boolean;
}

/** One exported file. */
export interface ExportFileDto {
  readonly fileName: string;
  readonly mediaType: string;
  readonly text: string;
  readonly diagnostics: readonly DiagnosticDto[];
}

/** A document to import. */
export interface ImportRequestDto {
  readonly text: string;
  /** File name, kept in provenance. */
  readonly fileName?: string;
  /** Force a format instead of detecting it. */
  readonly format?: string;
}

/** What an import would do. */
export interface ImportPreviewDto {
  readonly format: string;
  /** Confidence per format, highest first. */
  readonly detection: readonly { readonly format: string; readonly confidence: number }[];
  readonly services: readonly ServiceDto[];
  readonly deletions: readonly string[];
  /** T-NOVA NAP / NFVI registrations, one line each. */
  readonly registrations: readonly string[];
  readonly diagnostics: readonly DiagnosticDto[];
  /** Whether committing would change anything (no blocking error). */
  readonly importable: boolean;
}

/** What an import did. */
export interface ImportCommitDto {
  readonly format: string;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly deleted: readonly string[];
  readonly alreadyAbsent: readonly string[];
  readonly registered: readonly string[];
  readonly diagnostics: readonly DiagnosticDto[];
  /** Plans of the imported services when `plan` was requested. */
  readonly plans: readonly PlanDto[];
  readonly project: ProjectInfoDto;
}

/** A controller kind the engine pushes to. */
export type ControllerKindDto = 'odl-vtn' | 'onos';

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
  /** The built-in lab controllers: always there, started on first use. */
  readonly builtIn: boolean;
  /** How the password is kept at rest (`safeStorage`, `local-key`), null without one. */
  readonly passwordStorage: string | null;
  /**
   * The stored password was dropped because the URL, user or controller kind changed: a push
   * through this profile is refused until the password is entered again. Absent otherwise.
   */
  readonly passwordNeeded?: true;
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

/** Where an address lands: the segment whose prefix is its longest match, and that segment's port. */
export interface AddressLookupDto {
  /** The address or prefix asked about, normalised (`10.20.0.9/32`). */
  readonly prefix: string;
  /** The longest-matching segment; null when no segment contains it. */
  readonly segmentId: string | null;
  readonly segmentPrefix: string | null;
  readonly portId: string | null;
  readonly bridgeId: string | null;
  /** The match is an uplink's default route (0.0.0.0/0 or ::/0): the address is off the WAN's own segments. */
  readonly isDefault: boolean;
  /** Other segments with the same prefix on other ports (an ambiguity the planner reports). */
  readonly alsoOn: readonly string[];
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

/** Empty request. */
export type NoArgs = Readonly<Record<string, never>>;

/**
 * Every call the UI (and the headless clients) can make, `domain.verb` → (request) => response.
 *
 * Both transports (IPC, HTTP) and the in-process dispatcher are typed from this map; requests
 * are validated at run time by `requestSchemas` (validate.ts) before any handler runs.
 */
export interface Api {
  /** Name, version, mode of the engine. */
  'app.info': (req: NoArgs) => AppInfoDto;
  /** Replaces the open project with a new one: empty, or a copy of the bundled sample WAN. */
  'project.new': (req: { readonly name?: string; readonly template?: 'empty' | 'sample' }) => ProjectInfoDto;
  /** Opens a `.wicm` file. */
  'project.open': (req: { readonly path: string }) => ProjectInfoDto;
  /** Saves to the project's path (atomic: temp file, fsync, rename). */
  'project.save': (req: NoArgs) => ProjectInfoDto;
  /** Saves to a new path and makes it the project's path. */
  'project.saveAs': (req: { readonly path: string }) => ProjectInfoDto;
  /** The open project's info. */
  'project.info': (req: NoArgs) => ProjectInfoDto;
  /** Undoes the last model change (any edit, import or replacement). */
  'history.undo': (req: NoArgs) => ProjectInfoDto;
  /** Redoes the last undone change. */
  'history.redo': (req: NoArgs) => ProjectInfoDto;
  /** The whole topology, layout and services of the open project. */
  'topology.get': (req: NoArgs) => TopologySnapshotDto;
  /** Adds a bridge / switch. */
  'topology.addBridge': (req: { readonly name: string; readonly kind: BridgeKind; readonly controllerId?: string; readonly datapathId?: string | null }) => EditResultDto;
  /** Adds a port (interface) to a bridge. */
  'topology.addPort': (req: { readonly bridgeId: string; readonly name: string; readonly ofPort?: number | null }) => EditResultDto;
  /** Links two ports of different bridges. */
  'topology.addLink': (req: { readonly aPortId: string; readonly bPortId: string }) => EditResultDto;
  /** Attaches an IP segment (prefix) to a port; host bits are cleared with a warning. */
  'topology.addSegment': (req: { readonly portId: string; readonly prefix: string; readonly name?: string | null }) => EditResultDto;
  /** Marks a port as its bridge's uplink (a 0.0.0.0/0 or ::/0 segment). */
  'topology.addUplink': (req: { readonly portId: string; readonly family?: 4 | 6 }) => EditResultDto;
  /** Adds an NFVI PoP on a port. */
  'topology.addPop': (req: { readonly name: string; readonly portId: string; readonly aliases?: readonly string[] }) => EditResultDto;
  /** Adds a T-NOVA NAP (customer edge + provider edge ports). */
  'topology.addNap': (req: { readonly name: string; readonly cePortId: string; readonly pePortId: string }) => EditResultDto;
  /** Changes fields of an element (validated as on add). */
  'topology.update': (req: { readonly kind: ElementKindDto; readonly id: string; readonly changes: Readonly<Record<string, unknown>> }) => EditResultDto;
  /** Deletes an element; what hangs off it (ports, segments, PoPs, links) goes with it. */
  'topology.remove': (req: { readonly kind: ElementKindDto; readonly id: string }) => EditResultDto;
  /**
   * Sets (or with `pool: null` clears) the VLAN tag range a port allocates from; without one the
   * planner uses T-NOVA's 400–500. Warns about tags planned services hold outside the new range.
   */
  'topology.setVlanPool': (req: { readonly portId: string; readonly pool: { readonly first: number; readonly last: number } | null }) => EditResultDto;
  /** Longest-prefix match of an address (or prefix) against the project's segments. */
  'topology.lookup': (req: { readonly address: string }) => AddressLookupDto;
  /** Sets the default source/target segments of NSR-driven services. */
  'topology.setDefaults': (req: TopologyDefaultsDto) => EditResultDto;
  /** Replaces the topology (and optionally the layout) from topology JSON text. */
  'topology.import': (req: { readonly text: string }) => EditResultDto;
  /** The export formats (id, label, file extension, whether a teardown variant exists). */
  'export.formats': (req: NoArgs) => readonly ExportFormatDto[];
  /** Writes one export of the project's stored plans (or the topology), nothing stored. */
  'export.run': (req: ExportRequestDto) => ExportFileDto;
  /** The NSR / request formats the importer knows. */
  'import.formats': (req: NoArgs) => readonly { readonly id: string; readonly label: string }[];
  /** Detects the format of a document and shows what importing it would do; stores nothing. */
  'import.preview': (req: ImportRequestDto) => ImportPreviewDto;
  /** Imports a document: registrations, services created/updated by record id, deletions. One undo step. */
  'import.commit': (req: ImportRequestDto & { readonly plan?: boolean }) => ImportCommitDto;
  /** Dry run: reads the controller and returns what a push (or teardown) would send; writes nothing. */
  'push.diff': (req: PushDiffRequestDto) => PushReportDto;
  /** Pushes the stored plans as one transaction (rolled back on the first failure), then reads back. */
  'push.apply': (req: PushRequestDto) => PushReportDto;
  /** Removes exactly the named services' controller objects, both directions, as one transaction. */
  'push.teardown': (req: PushRequestDto) => PushReportDto;
  /** Compares the live controller with the last pushed state of each service. */
  'push.drift': (req: PushRequestDto) => DriftReportDto;
  /** Accepts the live controller state as the services' pushed state (after drift). */
  'push.adopt': (req: PushRequestDto) => DriftReportDto;
  /** The controller drivers and export-only targets, with capabilities and defaults. */
  'controllers.drivers': (req: NoArgs) => readonly ControllerDriverDto[];
  /** Starts (once per kind per process) the built-in lab controller and says how to reach it. */
  'controllers.startLab': (req: { readonly kind: ControllerKindDto }) => LabControllerDto;
  /** Arms (or with `fault: null` disarms) a failure on the built-in lab controller of that kind. */
  'controllers.setLabFault': (req: { readonly kind: ControllerKindDto; readonly fault: LabFaultDto | null }) => { readonly kind: ControllerKindDto; readonly fault: LabFaultDto | null };
  /** Saved controller profiles, the built-in lab controllers first. */
  'controllers.profiles': (req: NoArgs) => readonly ControllerProfileDto[];
  /** Creates or changes a profile; the password is encrypted at rest. */
  'controllers.saveProfile': (req: ControllerProfileInputDto) => ControllerProfileDto;
  /** Deletes a saved profile. */
  'controllers.removeProfile': (req: { readonly id: string }) => readonly ControllerProfileDto[];
  /** Stores node positions (not undoable; never part of plan diffs). */
  'layout.move': (req: { readonly positions: readonly PositionDto[] }) => ProjectInfoDto;
  /** Creates or updates a service. */
  'services.save': (req: ServiceInputDto) => EditResultDto;
  /** Deletes a service with its plan and allocations. */
  'services.remove': (req: { readonly id: string }) => EditResultDto;
  /** Sets a service's lifecycle state (after a push, a drift check…). */
  'services.setState': (req: { readonly id: string; readonly state: ServiceState }) => EditResultDto;
  /** Plans the project's services (all, or those named), storing plans and allocations. */
  'plan.compute': (req: { readonly serviceIds?: readonly string[] }) => PlanSetDto;
  /** The stored plans and a fresh lint of them. */
  'plan.get': (req: NoArgs) => PlanSetDto;
  /** Lint over all planned services. */
  'plan.lint': (req: NoArgs) => readonly DiagnosticDto[];
  /** Traces a packet through the stored plans; `down` marks elements failed. */
  'sim.trace': (req: { readonly src: string; readonly dst: string; readonly down?: readonly string[] }) => TraceDto;
  /** Services whose traffic breaks when the given elements are down. */
  'sim.whatIf': (req: { readonly down: readonly string[] }) => readonly WhatIfImpactDto[];
}

/** A method name of the contract. */
export type Method = keyof Api;
/** Request type of a method. */
export type Req<M extends Method> = Parameters<Api[M]>[0];
/** Response type of a method. */
export type Res<M extends Method> = ReturnType<Api[M]>;
/** What core/service implements: one async handler per method. */
export type Handlers = { readonly [M in Method]: (req: Req<M>) => Promise<Res<M>> };
