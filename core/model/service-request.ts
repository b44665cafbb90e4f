import type { DiagnosticDto, ProvenanceDto, ServiceDto } from '../contract/dto';

/**
 * What every importer produces for one service: the normalised request the planner and the
 * service store take — a `ServiceDto` without the lifecycle state, always with provenance. The
 * id is the full record id from the source (never shortened): re-importing it updates.
 */
export type ServiceRequest = Omit<ServiceDto, 'state' | 'provenance'> & { readonly provenance: ProvenanceDto };

/** Result of parsing one input document with one importer. */
export interface ImportResult {
  readonly format: string;
  /** Services to create or update. */
  readonly services: readonly ServiceRequest[];
  /** Ids of services the document asks to delete (e.g. an Open Baton release event). */
  readonly deletions: readonly string[];
  readonly diagnostics: readonly DiagnosticDto[];
  /** Topology registrations the document carries (T-NOVA `/nap`, `/nfvi` bodies); absent = none. */
  readonly registrations?: readonly TopologyRegistration[];
}

/** A T-NOVA NAP registration (`POST /nap`): a customer site's CE and PE attachment ports. */
export interface NapRegistration {
  readonly kind: 'nap';
  /** `mkt_id`, the NAP's name. */
  readonly id: string;
  /** `client_mkt_id` (VTN tenant), when given. */
  readonly clientId: string | null;
  /** Controller switch id, e.g. `openflow:1`. */
  readonly switchId: string;
  readonly cePort: number;
  readonly pePort: number;
  /** VLAN tags of the CE / PE attachments (`*_transport.vlan_id`), null when untagged. */
  readonly ceVlan: number | null;
  readonly peVlan: number | null;
  /** JSON pointer of the registration in the input. */
  readonly pointer: string;
}

/** A T-NOVA NFVI-PoP registration (`POST /nfvi`): the switch port a PoP hangs off. */
export interface NfviRegistration {
  readonly kind: 'nfvi';
  /** `mkt_id`, the PoP name used in service chains. */
  readonly id: string;
  readonly switchId: string;
  readonly port: number;
  /** JSON pointer of the registration in the input. */
  readonly pointer: string;
}

/** A registration into the project topology carried by an imported document. */
export type TopologyRegistration = NapRegistration | NfviRegistration;
