import type { LabRequestRecord } from './types';

/** Most records kept; older ones are dropped so a long rehearsal cannot exhaust memory. */
export const REQUEST_LOG_CAPACITY = 10_000;

/** The requests a lab controller received, oldest first. */
export class RequestLog {
  private records: LabRequestRecord[] = [];

  constructor(private readonly capacity = REQUEST_LOG_CAPACITY) {}

  add(record: LabRequestRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  list(): readonly LabRequestRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
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
