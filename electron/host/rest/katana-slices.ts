import type { ServiceDto } from '../../../core/contract/dto';
import type { RestErrorDto } from './errors';

/** Katana's slice states as the WIM reports them (`Failed - <reason>` when it failed). */
export type SliceStatus = 'Init' | 'Placement' | 'Provisioning' | 'Running' | 'Terminated' | `Failed - ${string}`;

/** Time spent per phase, in milliseconds. */
export interface SliceTimings {
  readonly planMs: number;
  readonly pushMs: number;
  readonly totalMs: number;
}

/** What the WIM did with one slice. */
export interface SliceRecord {
  readonly sliceId: string;
  status: SliceStatus;
  services: readonly string[];
  timings: SliceTimings;
  /** A request is working on the slice: its status is the record's, not the services'. */
  active: boolean;
  readonly phases: { readonly status: SliceStatus; readonly at: string }[];
  error?: RestErrorDto;
}

/**
 * Slice records of this server run: the phase a slice is in while a request works on it, and
 * why it failed. Services are the truth for slices that exist (a slice imported in the UI has
 * no record; one whose services were deleted in the UI is gone).
 */
export class SliceBook {
  private readonly records = new Map<string, SliceRecord>();

  constructor(private readonly now: () => Date) {}

  /** Starts (or restarts) a record in state Init. */
  begin(sliceId: string): SliceRecord {
    const record: SliceRecord = { sliceId, status: 'Init', services: [], timings: { planMs: 0, pushMs: 0, totalMs: 0 }, phases: [], active: true };
    this.records.set(sliceId, record);
    this.enter(record, 'Init');
    return record;
  }

  /** Moves a record to a new state. */
  enter(record: SliceRecord, status: SliceStatus): void {
    record.status = status;
    record.phases.push({ status, at: this.now().toISOString() });
  }

  /** Ends the request's work on a slice in its last state. */
  finish(record: SliceRecord, status: SliceStatus): void {
    this.enter(record, status);
    record.active = false;
  }

  forget(sliceId: string): void {
    this.records.delete(sliceId);
  }

  /** The slice as `GET /api/katana/slices/{id}` shows it; undefined when it does not exist. */
  view(sliceId: string, services: readonly ServiceDto[], origin?: string): Record<string, unknown> | undefined {
    const record = this.records.get(sliceId);
    const mine = services.filter((s) => sliceOf(s) === sliceId);
    // While a request works on the slice, or after it failed, the record tells its status.
    const told = record !== undefined && (record.active || record.status.startsWith('Failed')) ? record : undefined;
    if (mine.length === 0 && told === undefined) return undefined;
    const status = told?.status ?? derivedStatus(mine);
    return {
      sliceId,
      status,
      services: mine.length > 0 ? mine.map((s) => s.id) : (record?.services ?? []),
      timings: record?.timings ?? null,
      phases: record?.phases ?? [],
      ...(record?.error ? { error: record.error } : {}),
      ...(origin === undefined ? {} : { monitoring: sliceMonitoring(sliceId, origin) }),
    };
  }

  /** Every slice known from services or records. */
  sliceIds(services: readonly ServiceDto[]): string[] {
    const ids = new Set<string>(this.records.keys());
    for (const s of services) {
      const id = sliceOf(s);
      if (id !== null) ids.add(id);
    }
    return [...ids];
  }
}

/** The Prometheus name of a Katana slice's flow gauge (as Katana's WIM exporter names it). */
export function sliceMetricName(sliceId: string): string {
  return `slice_${sliceId.replace(/-/g, '_').replace(/[^A-Za-z0-9_]/g, '_')}_flows`;
}

/**
 * Where Katana's Prometheus finds the slice's traffic: the `/metrics` URL of this server, the
 * `host:port` to register as the WIM's `monitoring-url` (Katana's Prometheus scrapes
 * `http://<monitoring-url>/metrics`), and the slice gauge its dashboards plot.
 */
export function sliceMonitoring(sliceId: string, origin: string): { url: string; monitoringUrl: string; metric: string } {
  return { url: `${origin}/metrics`, monitoringUrl: new URL(origin).host, metric: sliceMetricName(sliceId) };
}

/** The slice a service belongs to, when it came from Katana. */
export function sliceOf(service: ServiceDto): string | null {
  return service.provenance?.format === 'katana' ? (service.provenance.recordId ?? null) : null;
}

function derivedStatus(services: readonly ServiceDto[]): SliceStatus {
  if (services.some((s) => s.state === 'failed')) return 'Failed - a connection cannot be planned';
  if (services.every((s) => s.state === 'pushed' || s.state === 'drifted')) return 'Running';
  return 'Placement';
}
