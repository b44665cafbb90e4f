/**
 * Services written back as the NSR / request documents the importers read (core/import): one
 * pure writer per format, service + topology (+ plans) → document + diagnostics. What a format
 * cannot carry is a warning naming the service and the field, never dropped silently.
 */
import type { DiagnosticDto, ServiceDto } from '../../contract/dto';
import { NsrContext } from './context';
import { demiDocument } from './demi';
import { katanaDocument } from './katana';
import { openBatonDocument } from './openbaton';
import { osmDocument } from './osm';
import { sol005Document } from './sol005';
import { tnovaDocument } from './tnova';
import type { NsrDocument, NsrFormat, NsrInput } from './types';

export type { NsrDocument, NsrFormat, NsrInput } from './types';
export { NsrContext } from './context';

type Writer = (service: ServiceDto, ctx: NsrContext) => NsrDocument;

/** One NSR format: its importer id (what reads it back) and its writer. */
export interface NsrFormatInfo {
  readonly id: NsrFormat;
  readonly label: string;
  /** The core/import importer that reads the document. */
  readonly importer: string;
  /** Whether several services in one file form a flat list of bodies rather than an array of documents. */
  readonly flat: boolean;
  readonly write: Writer;
}

/** The NSR formats, in menu order. */
export const nsrFormats: readonly NsrFormatInfo[] = [
  { id: 'nsr-openbaton', label: 'Open Baton NSR event (JSON)', importer: 'openbaton', flat: false, write: openBatonDocument },
  { id: 'nsr-sol005', label: 'ETSI SOL005 NsInstance (JSON)', importer: 'sol005', flat: false, write: sol005Document },
  { id: 'nsr-osm', label: 'OSM NS record with VNF records (JSON)', importer: 'osm', flat: false, write: osmDocument },
  { id: 'nsr-katana', label: 'Katana wim_data (JSON)', importer: 'katana', flat: false, write: katanaDocument },
  { id: 'nsr-demi', label: 'demi-wicm flow request (JSON)', importer: 'demi-flows', flat: false, write: demiDocument },
  { id: 'nsr-tnova', label: 'T-NOVA vnf-connectivity request with NAP/NFVI registrations (JSON)', importer: 'tnova', flat: true, write: tnovaDocument },
];

/** Whether a format id is an NSR format. */
export function isNsrFormat(format: string): format is NsrFormat {
  return nsrFormats.some((f) => f.id === format);
}

/**
 * The services as documents of one format: one service → its document; several → a JSON array
 * of documents (T-NOVA: one flat list of bodies, each NAP/NFVI registered once). Services are
 * written in id order, so the output does not depend on the order they were read in.
 */
export function nsrExport(format: NsrFormat, input: NsrInput): { readonly value: unknown; readonly diagnostics: readonly DiagnosticDto[] } {
  const info = nsrFormats.find((f) => f.id === format) as NsrFormatInfo;
  const ctx = new NsrContext(input.topology, input.plans);
  const services = [...input.services].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const docs = services.map((s) => info.write(s, ctx));
  const diagnostics = docs.flatMap((d) => d.diagnostics);
  if (docs.length === 1 && docs[0]) return { value: docs[0].document, diagnostics };
  if (!info.flat) return { value: docs.map((d) => d.document), diagnostics };
  const seen = new Set<string>();
  const bodies: unknown[] = [];
  for (const doc of docs) {
    for (const body of doc.document as unknown[]) {
      const key = JSON.stringify(body);
      if ('service' in (body as object) || !seen.has(key)) bodies.push(body);
      seen.add(key);
    }
  }
  const registrations = bodies.filter((b) => !('service' in (b as object)));
  return { value: [...registrations, ...bodies.filter((b) => 'service' in (b as object))], diagnostics };
}

/** File name of an NSR export: `<service id>.<format>.json` for one service, `wicm-<format>.json` for several. */
export function nsrFileName(format: NsrFormat, services: readonly ServiceDto[]): string {
  const only = services.length === 1 ? services[0] : undefined;
  return only ? `${safeFileStem(only.id)}.${format}.json` : `wicm-${format}.json`;
}

/** A service id as a file name stem: path separators and odd characters become '_'. */
export function safeFileStem(id: string): string {
  const stem = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 120);
  return stem === '' ? 'service' : stem;
}
