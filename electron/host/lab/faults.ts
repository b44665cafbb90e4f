import type { LabFault, LabFaultAction } from './types';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a request changes controller state (what an unmatched fault counts). */
export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(value: Readonly<Record<string, unknown>>, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new Error(`${where}.${unknown}: unknown key (allowed: ${allowed.join(', ')})`);
}

function parseAction(value: unknown, where: string): LabFaultAction {
  if (!isRecord(value)) throw new Error(`${where}: must be an object with a "kind"`);
  switch (value.kind) {
    case 'hang':
    case 'reset':
      rejectUnknownKeys(value, ['kind'], where);
      return { kind: value.kind };
    case 'status': {
      rejectUnknownKeys(value, ['kind', 'status', 'body'], where);
      const status = value.status;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
        throw new Error(`${where}.status: must be an integer HTTP status 200..599`);
      }
      return 'body' in value ? { kind: 'status', status, body: value.body } : { kind: 'status', status };
    }
    default:
      throw new Error(`${where}.kind: must be "status", "hang" or "reset"`);
  }
}

function parseMatch(value: unknown, where: string): LabFault['match'] {
  if (!isRecord(value)) throw new Error(`${where}: must be an object`);
  rejectUnknownKeys(value, ['method', 'pathIncludes'], where);
  const { method, pathIncludes } = value;
  if (method !== undefined && (typeof method !== 'string' || method === '')) throw new Error(`${where}.method: must be a non-empty string`);
  if (pathIncludes !== undefined && typeof pathIncludes !== 'string') throw new Error(`${where}.pathIncludes: must be a string`);
  return {
    ...(method === undefined ? {} : { method: method.toUpperCase() }),
    ...(pathIncludes === undefined ? {} : { pathIncludes }),
  };
}

function parseFault(value: unknown, where: string): LabFault {
  if (!isRecord(value)) throw new Error(`${where}: must be an object with an "action"`);
  rejectUnknownKeys(value, ['match', 'nth', 'action'], where);
  const { nth } = value;
  if (nth !== undefined && (typeof nth !== 'number' || !Number.isInteger(nth) || nth < 1)) {
    throw new Error(`${where}.nth: must be a positive integer (1 = the first request considered)`);
  }
  return {
    ...(value.match === undefined ? {} : { match: parseMatch(value.match, `${where}.match`) }),
    ...(nth === undefined ? {} : { nth }),
    action: parseAction(value.action, `${where}.action`),
  };
}

/**
 * Validates faults given as options or through `POST /__lab/faults`.
 *
 * Accepts an array or `{"faults":[…]}`; throws an Error naming the offending element otherwise.
 */
export function parseFaults(value: unknown): readonly LabFault[] {
  const list = isRecord(value) && 'faults' in value ? value.faults : value;
  if (!Array.isArray(list)) throw new Error('faults: must be an array (or {"faults":[…]})');
  return list.map((fault, i) => parseFault(fault, `faults[${i}]`));
}

function considers(fault: LabFault, method: string, path: string): boolean {
  const match = fault.match;
  if (match === undefined) return isWriteMethod(method);
  return (match.method === undefined || match.method === method.toUpperCase()) &&
    (match.pathIncludes === undefined || path.includes(match.pathIncludes));
}

/** The faults in force with their per-fault request counters. */
export class FaultPlan {
  private faults: readonly LabFault[] = [];
  private counts: number[] = [];

  constructor(faults: readonly LabFault[]) {
    this.set(faults);
  }

  /** Replaces the faults and restarts the counters. */
  set(faults: readonly LabFault[]): void {
    this.faults = faults;
    this.counts = faults.map(() => 0);
  }

  list(): readonly LabFault[] {
    return this.faults;
  }

  /**
   * Counts a request and returns the action of the first fault that hits it, if any.
   *
   * Every fault that considers the request counts it, even when an earlier one already hit, so
   * each fault's `nth` stays independent of the others.
   */
  next(method: string, path: string): LabFaultAction | undefined {
    const hits = this.faults.map((fault, i) => {
      if (!considers(fault, method, path)) return false;
      const count = (this.counts[i] ?? 0) + 1;
      this.counts[i] = count;
      return fault.nth === undefined || fault.nth === count;
    });
    const first = hits.indexOf(true);
    return first < 0 ? undefined : this.faults[first]?.action;
  }
}
