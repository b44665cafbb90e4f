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
import type {
  ControllerKindDto,
  ControllerProfileDto,
  ControllerProfileInputDto,
  PushRequestDto,
  PushDiffRequestDto,
  PushReportDto,
  PushTargetInfoDto,
  DriftReportDto,
  ControllerDriverDto,
  LabFaultDto,
  LabControllerDto,
} from './controllers-dto';
import type { ProjectDiffDto } from './diff-dto';
import type { JournalTransactionDto, RecoveryDto } from './history-dto';
import type { LabApplyDto, LabDownDto, LabProbeDto, LabStatusDto, LabUpDto } from './lab-dto';
import type { ProjectListDto, RecentProjectsDto } from './files-dto';
import type { ExportFileDto, ExportFormatDto, ExportRequestDto, ImportCommitDto, ImportPreviewDto, ImportRequestDto } from './exchange-dto';

export type * from './controllers-dto';
export type * from './diff-dto';
export type * from './history-dto';
export type * from './lab-dto';
export type * from './files-dto';
export type * from './exchange-dto';

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

/** A paste: the edit result, and each new element with the id of the element it copies. */
export interface PasteResultDto extends EditResultDto {
  readonly pasted: readonly { readonly kind: ElementKindDto; readonly id: string; readonly from: string }[];
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

/** Empty request. */
export type NoArgs = Readonly<Record<string, never>>;

/**
 * Every call the UI (and the headless clients) can make, `domain.verb` → (request) => response.
 *
 * Both transports (IPC, HTTP) and the in-process dispatcher are typed from this map; requests
 * are validated at run time by `requestSchemas` (validate.ts) before any handler runs.
 */
/** One interrupted push or teardown and what recovery did with it. */
export interface RecoveredTransactionDto {
  readonly tx: string;
  readonly operation: 'push' | 'teardown' | 'adopt';
  readonly serviceIds: readonly string[];
  readonly outcome: 'rolled-back' | 'completed' | 'rollback-incomplete';
  /** Controller objects put back as they were before the transaction. */
  readonly objects: number;
  readonly message: string;
}

/** What `push.recover` found on a target (shown once by the UI). */
export interface PushRecoveryDto {
  readonly target: PushTargetInfoDto;
  readonly transactions: readonly RecoveredTransactionDto[];
  readonly message: string;
}

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
  /**
   * Compares a `.wicm` project or topology file (side A, before) with the open project (side B,
   * after): topology, services and the rules each side's plans install per bridge.
   */
  'project.compare': (req: { readonly path: string }) => ProjectDiffDto;
  /** Undoes the last model change (any edit, import or replacement). */
  'history.undo': (req: NoArgs) => ProjectInfoDto;
  /** Redoes the last undone change. */
  'history.redo': (req: NoArgs) => ProjectInfoDto;
  /** The whole topology, layout and services of the open project. */
  'topology.get': (req: NoArgs) => TopologySnapshotDto;
  /** The topology alone (no layout, no services): what a request resolves names against. */
  'topology.read': (req: NoArgs) => TopologyDto;
  /** The default in/out segments of services that name none (no other read). */
  'topology.defaults': (req: NoArgs) => TopologyDefaultsDto;
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
   * Deletes several elements as one undoable step (a box selection); what hangs off them goes
   * with them, and an element already gone with another one is skipped. `id` is the count.
   */
  'topology.removeMany': (req: { readonly items: readonly { readonly kind: ElementKindDto; readonly id: string }[] }) => EditResultDto;
  /**
   * Pastes copies of elements as one undoable step: a bridge with its ports, links whose two
   * ports are copied, PoPs, NAPs and segments onto the copies of their ports; new names end in
   * `-copy` (`-copy-2`…). `positions` place each copy, keyed by the copied element's id.
   */
  'topology.paste': (req: { readonly items: readonly { readonly kind: ElementKindDto; readonly id: string }[]; readonly positions: readonly PositionDto[] }) => PasteResultDto;
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
  /**
   * Settles the pushes and teardowns on the target that a crash interrupted (rolled back, or
   * completed when every step was acknowledged); also emitted as `push.didRecover`.
   */
  'push.recover': (req: PushRequestDto) => PushRecoveryDto;
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
  /** Stores a whole new layout (auto-layout) as one undoable step, so Undo puts the old one back. */
  'layout.arrange': (req: { readonly positions: readonly PositionDto[]; readonly label?: string }) => ProjectInfoDto;
  /** Creates or updates a service. */
  'services.save': (req: ServiceInputDto) => EditResultDto;
  /** Deletes a service with its plan and allocations. */
  'services.remove': (req: { readonly id: string }) => EditResultDto;
  /**
   * The services named that exist, in list order; with `byRecord`, also those whose NSR record
   * id is named. Reads only those services (the REST API's requests do not read the fleet).
   */
  'services.get': (req: { readonly ids: readonly string[]; readonly byRecord?: boolean }) => readonly ServiceDto[];
  /** Services matching every filter given, in list order, by a query over those rows only (see ServiceRepository.find). */
  'services.find': (req: { readonly formats?: readonly string[]; readonly attribute?: { readonly key: string; readonly value: string }; readonly names?: readonly string[]; readonly idPrefix?: string }) => readonly ServiceDto[];
  /** Sets a service's lifecycle state (after a push, a drift check…). */
  'services.setState': (req: { readonly id: string; readonly state: ServiceState }) => EditResultDto;
  /** Plans the project's services (all, or those named), storing plans and allocations. */
  'plan.compute': (req: { readonly serviceIds?: readonly string[] }) => PlanSetDto;
  /** The stored plans and a fresh lint of them. */
  'plan.get': (req: NoArgs) => PlanSetDto;
  /** The stored plans of the services named, in the order named (no lint, no other plan read). */
  'plan.read': (req: { readonly serviceIds: readonly string[] }) => readonly PlanDto[];
  /** Lint over all planned services. */
  'plan.lint': (req: NoArgs) => readonly DiagnosticDto[];
  /** Traces a packet through the stored plans; `down` marks elements failed. */
  'sim.trace': (req: { readonly src: string; readonly dst: string; readonly down?: readonly string[] }) => TraceDto;
  /** Services whose traffic breaks when the given elements are down. */
  'sim.whatIf': (req: { readonly down: readonly string[] }) => readonly WhatIfImpactDto[];
  /** The project's push transactions, newest first; with `serviceId`, only those that touched it. */
  'journal.list': (req: { readonly serviceId?: string }) => readonly JournalTransactionDto[];
  /** Unsaved work a run that stopped left behind (null = none). */
  'recovery.status': (req: NoArgs) => RecoveryDto | null;
  /** Opens the left-behind work as the project (unsaved, at its old path) and removes the copy. */
  'recovery.restore': (req: NoArgs) => ProjectInfoDto;
  /** Removes the left-behind work. */
  'recovery.discard': (req: NoArgs) => { readonly discarded: boolean };
  /** Whether this machine can run a live lab (and why not), and what of the data folder's lab runs. */
  'lab.status': (req: NoArgs) => LabStatusDto;
  /** Builds the open project's WAN on this machine (`wicm lab up`); idempotent. */
  'lab.up': (req: NoArgs) => LabUpDto;
  /** Removes exactly what the lab built (`wicm lab down`). */
  'lab.down': (req: NoArgs) => LabDownDto;
  /** Puts the plan's OpenFlow flows of the services (all, or those named) on the lab bridges, or with `remove` takes them off (`wicm lab apply`). */
  'lab.apply': (req: { readonly serviceIds?: readonly string[]; readonly remove?: boolean }) => LabApplyDto;
  /** Sends real packets through a service's plan and back, and counts them per hop (`wicm lab probe`). */
  'lab.probe': (req: { readonly serviceId: string; readonly count?: number }) => LabProbeDto;
  /** Fails a lab link (or uplink) for real: both veth ends down (`wicm lab link-down`). */
  'lab.linkDown': (req: { readonly linkId: string }) => LabStatusDto;
  /** Brings a failed lab link up again. */
  'lab.linkUp': (req: { readonly linkId: string }) => LabStatusDto;
  /** The `.wicm` files in the folders the UI may open from (browser mode: the allowed projects folders). */
  'files.projects': (req: NoArgs) => ProjectListDto;
  /** The projects opened most recently that may be opened again from here (File › Open Recent). */
  'files.recent': (req: NoArgs) => RecentProjectsDto;
}

/** A method name of the contract. */
export type Method = keyof Api;
/** Request type of a method. */
export type Req<M extends Method> = Parameters<Api[M]>[0];
/** Response type of a method. */
export type Res<M extends Method> = ReturnType<Api[M]>;
/** What core/service implements: one async handler per method. */
export type Handlers = { readonly [M in Method]: (req: Req<M>) => Promise<Res<M>> };
