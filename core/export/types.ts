import type { DiagnosticDto, PositionDto } from '../contract/dto';
import type { TranslateInput, TranslateOptions } from '../drivers/translate';
import type { NsrFormat } from './nsr/types';

/** The file formats `core/export` can write. */
export type ExportFormat = 'plan-json' | 'odl-vtn' | 'curl' | 'ovs-ofctl' | 'onos' | 'topology-json' | 'topology-yaml' | NsrFormat;

/**
 * Options of an export: those of the translators (see `TranslateOptions`); `teardown` applies to
 * VTN, curl, OVS and ONOS only, and `generatedAt` is also written into the JSON documents.
 */
export type ExportOptions = TranslateOptions;

/** What is exported: a topology snapshot, its services and their plans. */
export interface ExportInput extends TranslateInput {
  /** Layout positions (topology JSON only). */
  readonly positions?: readonly PositionDto[];
  /** Project lint findings to keep with a plan JSON export. */
  readonly lint?: readonly DiagnosticDto[];
}

/** One written file. */
export interface ExportResult {
  readonly format: ExportFormat;
  readonly mediaType: string;
  /** Suggested file name. */
  readonly fileName: string;
  readonly text: string;
  /** Non-blocking findings (warnings, notes); blocking ones throw instead. */
  readonly diagnostics: readonly DiagnosticDto[];
}
