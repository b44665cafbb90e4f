import type { LabHttpResponse } from '../lab-behaviour';

/** An error ONOS maps to `{"code":…,"message":…}` (IllegalArgumentException → 400, ItemNotFound → 404…). */
export class OnosError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'OnosError';
  }

  toResponse(): LabHttpResponse {
    return onosError(this.status, this.message);
  }
}

/** ONOS's error body. */
export function onosError(status: number, message: string): LabHttpResponse {
  return { status, json: { code: status, message } };
}

/** IllegalArgumentException → 400. */
export const illegal = (message: string): OnosError => new OnosError(400, message);
/** ItemNotFoundException → 404. */
export const itemNotFound = (message: string): OnosError => new OnosError(404, message);

/** Messages of the REST resources. */
export const MESSAGES = {
  deviceNotFound: 'Device is not found',
  flowNotFound: 'Flow is not found',
  hostNotFound: 'Host is not found',
  appNotFound: 'Application Id is not found',
  invalidDevice: 'Invalid deviceId in flow creation request',
  flowsRequired: 'Flows array was not specified',
} as const;
