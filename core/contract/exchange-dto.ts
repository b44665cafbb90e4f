/** What import and export exchange: NSR formats, export requests and files, import previews and commits. */
import type { DiagnosticDto, PlanDto, ServiceDto } from './dto';
import type { ProjectInfoDto } from './api';

/** The NSR / request formats services are exported in, one per importer (issue #13). */
export type NsrFormatId = 'nsr-openbaton' | 'nsr-sol005' | 'nsr-osm' | 'nsr-katana' | 'nsr-demi' | 'nsr-tnova';

/** An export format. */
export interface ExportFormatDto {
  readonly id: 'plan-json' | 'odl-vtn' | 'curl' | 'ovs-ofctl' | 'onos' | 'topology-json' | 'topology-yaml' | NsrFormatId;
  readonly label: string;
  readonly extension: string;
  readonly supportsTeardown: boolean;
}

/** What to export. */
export interface ExportRequestDto {
  readonly format: ExportFormatDto['id'];
  /** Services to include (default: every service with a plan; for NSR formats every service). */
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
