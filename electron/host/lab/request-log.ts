import type { LabRequestRecord } from './types';

/** Most records kept; older ones are dropped so a long rehearsal cannot exhaust memory. */
export const REQUEST_LOG_CAPACITY = 10_000;

/** The requests a lab controller received, oldest first. */
export class RequestLog {
  /** A ring: `start` is the oldest record once full (dropping one costs O(1), not a shift of all). */
  private records: LabRequestRecord[] = [];
  private start = 0;

  constructor(private readonly capacity = REQUEST_LOG_CAPACITY) {}

  add(record: LabRequestRecord): void {
    if (this.capacity <= 0) return;
    if (this.records.length < this.capacity) {
      this.records.push(record);
      return;
    }
    this.records[this.start] = record;
    this.start = (this.start + 1) % this.capacity;
  }

  list(): readonly LabRequestRecord[] {
    return [...this.records.slice(this.start), ...this.records.slice(0, this.start)];
  }

  clear(): void {
    this.records = [];
    this.start = 0;
  }
}

/** The body as recorded: parsed JSON, the raw text when it is not JSON, undefined when empty. */
export function recordedBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
