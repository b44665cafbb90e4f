import type { DiagnosticDto, PlanDto, ServiceDto, TopologyDto } from '../../contract/dto';

/** The NSR / request formats services can be exported in: one per importer. */
export type NsrFormat = 'nsr-openbaton' | 'nsr-sol005' | 'nsr-osm' | 'nsr-katana' | 'nsr-demi' | 'nsr-tnova';

/** What an NSR writer sees: the services, the topology they run on and their plans (VLANs). */
export interface NsrInput {
  readonly topology: TopologyDto;
  readonly services: readonly ServiceDto[];
  /** Plans of (some of) the services; only their VLAN tags are read. */
  readonly plans: readonly PlanDto[];
}

/** One service written as one document, with what the format could not carry. */
export interface NsrDocument {
  readonly document: unknown;
  readonly diagnostics: readonly DiagnosticDto[];
}
