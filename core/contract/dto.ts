/**
 * Wire data of the WICM contract.
 *
 * Plain, JSON-serialisable shapes only (no classes, Map/Set or ip-num objects): prefixes cross
 * the wire as strings such as "10.0.0.0/24". The engine's model (`core/model`) uses these same
 * shapes as its domain data, so there is one definition of a Bridge, a Port, a Plan, …
 */

/** What kind of forwarding element a bridge is, which decides how a driver addresses it. */
export type BridgeKind = 'vtn-vbridge' | 'openflow' | 'ovs' | 'generic';

/** A bridge / switch of the WAN (a VTN vBridge, an OpenFlow switch, an OVS bridge). */
export interface BridgeDto {
  readonly id: string;
  /** Display name, unique in a project. */
  readonly name: string;
  readonly kind: BridgeKind;
  /** The controller's id: a VTN vBridge name (`vbr1`), `openflow:1`, an OVS bridge name. */
  readonly controllerId: string;
  /**
   * OpenFlow datapath of the switch behind a virtual bridge (`openflow:1`, `of:0000000000000001`),
   * used by ONOS / OVS targets when `controllerId` is a VTN name. Absent or null when unknown.
   */
  readonly datapathId?: string | null;
}

/** An interface of a bridge (a VTN vInterface, an OpenFlow port). */
export interface PortDto {
  readonly id: string;
  readonly bridgeId: string;
  /** Interface name, unique per bridge (`if-user`, `eth1`). */
  readonly name: string;
  /** OpenFlow port number, when known (ONOS / OVS targets need it). */
  readonly ofPort: number | null;
}

/** A physical or logical link between two ports of different bridges. */
export interface LinkDto {
  readonly id: string;
  readonly aPortId: string;
  readonly bPortId: string;
}

/**
 * An IP segment reachable through a port. A segment whose prefix is `0.0.0.0/0` or `::/0`
 * marks the port as the bridge's uplink (the WAN exit), as demi-wicm's connectivity table does.
 */
export interface SegmentDto {
  readonly id: string;
  /** Canonical prefix (host bits zero), IPv4 or IPv6. */
  readonly prefix: string;
  readonly portId: string;
  readonly name: string | null;
}

/** An NFVI point of presence attached to a port; aliases are other names NFVOs use for it. */
export interface PopDto {
  readonly id: string;
  readonly name: string;
  readonly portId: string;
  /** VIM ids, VIM account names/UUIDs, Katana locations… matched case-insensitively. */
  readonly aliases: readonly string[];
}

/** A T-NOVA network access point: the customer edge and provider edge ports of a site. */
export interface NapDto {
  readonly id: string;
  readonly name: string;
  readonly cePortId: string;
  readonly pePortId: string;
}

/** A VLAN tag range available for allocation on one port (T-NOVA default 400–500). */
export interface VlanPoolDto {
  readonly portId: string;
  readonly first: number;
  readonly last: number;
}

/** VLAN range of a PoP port without a pool of its own (T-NOVA's 400–500). */
export const DEFAULT_VLAN_POOL = { first: 400, last: 500 } as const;

/** Segments used for services whose NSR carries none (demi-wicm's `userclient`). */
export interface TopologyDefaultsDto {
  readonly sourceSegment: string | null;
  readonly targetSegment: string | null;
}

/** The whole WAN graph of a project. */
export interface TopologyDto {
  readonly bridges: readonly BridgeDto[];
  readonly ports: readonly PortDto[];
  readonly links: readonly LinkDto[];
  readonly segments: readonly SegmentDto[];
  readonly pops: readonly PopDto[];
  readonly naps: readonly NapDto[];
  readonly vlanPools: readonly VlanPoolDto[];
  readonly defaults: TopologyDefaultsDto;
}

/** Where a node is drawn; kept in its own table so layout never shows in plan diffs. */
export interface PositionDto {
  readonly elementId: string;
  readonly x: number;
  readonly y: number;
  /**
   * Placed by hand: auto-layout keeps it. Absent on read = not pinned; absent on write = the
   * stored flag is kept (auto-layout moves nodes without unpinning them).
   */
  readonly pinned?: boolean;
}

/** Lifecycle of a service as the UI shows it. */
export type ServiceState = 'draft' | 'planned' | 'pushed' | 'drifted' | 'failed';

/** Where a service came from. */
export interface ProvenanceDto {
  /** Importer id (`openbaton`, `katana`, `sol005`, `osm`, `tnova`, `demi-flows`) or `manual`. */
  readonly format: string;
  readonly file: string | null;
  /** The record's own id in its source system (NSR id, slice id…). */
  readonly recordId: string | null;
  /** ISO-8601 time of the import. */
  readonly importedAt: string;
}

/** A service chain request: traffic from inSegment to outSegment through the PoP chain. */
export interface ServiceDto {
  readonly id: string;
  readonly name: string;
  /** Ingress prefix; null = the project's default source segment. */
  readonly inSegment: string | null;
  /** Egress prefix; null = the project's default target segment. */
  readonly outSegment: string | null;
  /** Ordered PoP names (or aliases) the forward traffic visits. */
  readonly chain: readonly string[];
  /** Explicit reverse chain (T-NOVA `pe_ce`); null = the forward chain reversed. */
  readonly reverseChain: readonly string[] | null;
  readonly state: ServiceState;
  readonly provenance: ProvenanceDto | null;
  /** Format-specific extras kept on the service (Katana `slice_sla`, `probes`, VNF list…). */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** A finding about an input or a plan: what, where (JSON pointer / element), how to fix. */
export interface DiagnosticDto {
  readonly severity: Severity;
  /** Stable SCREAMING_SNAKE code, e.g. `UNKNOWN_POP`, `HOST_BITS_SET`. */
  readonly code: string;
  readonly message: string;
  /** RFC 6901 JSON pointer into the input, when the finding is about an input document. */
  readonly pointer?: string;
  /** Id of the topology element or service concerned, when there is one. */
  readonly elementId?: string;
  /** How to fix it. */
  readonly hint?: string;
}

/** Traffic direction of a service. */
export type Direction = 'forward' | 'reverse';

/** Role of a point on a service's path. */
export type HopKind = 'ingress' | 'pop' | 'uplink' | 'transit' | 'egress';

/** One port the traffic visits, in order. */
export interface HopDto {
  readonly kind: HopKind;
  readonly bridgeId: string;
  readonly portId: string;
  /** Set when kind = 'pop'. */
  readonly popId: string | null;
}

/**
 * One redirection: on `bridge`, traffic matching (src, dst) that enters `inPort` is redirected
 * out of `outPort`. `filterIndex` is the index in the input filter list of `inPort`.
 */
export interface RuleDto {
  readonly serviceId: string;
  readonly direction: Direction;
  /** Position of the rule along its path, from 0. */
  readonly seq: number;
  readonly bridgeId: string;
  readonly inPortId: string;
  readonly outPortId: string;
  readonly match: { readonly src: string; readonly dst: string };
  /** Controller-safe flow condition name (VTN vnode-name: 1–31 chars, `[A-Za-z0-9][A-Za-z0-9_]*`). */
  readonly condition: string;
  /** 1..65535, unique per input port across all services of the project. */
  readonly filterIndex: number;
  /** VLAN tag towards a PoP when VLAN pools apply (T-NOVA), else null. */
  readonly vlan: number | null;
}

/** One direction of a planned service. */
export interface PathDto {
  readonly direction: Direction;
  readonly src: string;
  readonly dst: string;
  readonly condition: string;
  readonly hops: readonly HopDto[];
  readonly rules: readonly RuleDto[];
}

/** The computed redirections of one service, both directions. */
export interface PlanDto {
  readonly serviceId: string;
  readonly forward: PathDto;
  readonly reverse: PathDto;
  readonly diagnostics: readonly DiagnosticDto[];
}
