import type { LabHttpResponse } from '../lab-behaviour';

/** RESTCONF error-tags used by the VTN stand-in. */
export type RestconfErrorTag =
  | 'bad-element'
  | 'invalid-value'
  | 'missing-element'
  | 'malformed-message'
  | 'unknown-element'
  | 'data-missing'
  | 'data-exists'
  | 'operation-failed'
  | 'operation-not-supported'
  | 'access-denied';

/** VTN's own error tag, carried in `error-app-tag`. */
export type VtnAppTag = 'BADREQUEST' | 'NOTFOUND' | 'CONFLICT' | 'INTERNALERROR';

const STATUS: Readonly<Record<RestconfErrorTag, number>> = {
  'bad-element': 400,
  'invalid-value': 400,
  'missing-element': 400,
  'malformed-message': 400,
  'unknown-element': 400,
  'data-missing': 404,
  'data-exists': 409,
  'operation-failed': 500,
  'operation-not-supported': 501,
  'access-denied': 403,
};

/**
 * An error answered in the RESTCONF envelope.
 *
 * `application` errors come from VTN (with an app tag); `protocol` errors from the RESTCONF layer.
 */
export class RestconfError extends Error {
  constructor(
    readonly tag: RestconfErrorTag,
    message: string,
    readonly appTag?: VtnAppTag,
  ) {
    super(message);
    this.name = 'RestconfError';
  }

  get status(): number {
    return STATUS[this.tag];
  }

  toResponse(): LabHttpResponse {
    return { status: this.status, json: errorEnvelope(this.tag, this.message, this.appTag) };
  }
}

/** The `{"errors":{"error":[…]}}` body of one error. */
export function errorEnvelope(tag: RestconfErrorTag, message: string, appTag?: VtnAppTag): unknown {
  const entry = appTag === undefined
    ? { 'error-type': 'protocol', 'error-tag': tag, 'error-message': message }
    : { 'error-type': 'application', 'error-tag': tag, 'error-app-tag': appTag, 'error-message': message, 'error-info': '<severity>error</severity>' };
  return { errors: { error: [entry] } };
}

/** VTN BADREQUEST with `bad-element` (invalid value detected by VTN). */
export const badRequest = (message: string): RestconfError => new RestconfError('bad-element', message, 'BADREQUEST');
/** VTN BADREQUEST with `missing-element` (required field absent). */
export const missing = (what: string): RestconfError => new RestconfError('missing-element', `${what} cannot be null`, 'BADREQUEST');
/** VTN BADREQUEST with `invalid-value` (value outside its range). */
export const invalidValue = (message: string): RestconfError => new RestconfError('invalid-value', message, 'BADREQUEST');
/** VTN NOTFOUND (404). */
export const notFound = (message: string): RestconfError => new RestconfError('data-missing', message, 'NOTFOUND');
/** VTN CONFLICT (409). */
export const conflict = (message: string): RestconfError => new RestconfError('data-exists', message, 'CONFLICT');
/** RESTCONF could not parse the input (400, no app tag). */
export const malformed = (message: string): RestconfError => new RestconfError('malformed-message', `Error parsing input: ${message}`);

/** The message RESTCONF answers for a read of absent data (the trailing space is in ODL's source). */
export const NO_DATA_MESSAGE = 'Request could not be completed because the relevant data model content does not exist ';

const INJECTED: Readonly<Record<number, readonly [RestconfErrorTag, VtnAppTag]>> = {
  400: ['bad-element', 'BADREQUEST'],
  404: ['data-missing', 'NOTFOUND'],
  409: ['data-exists', 'CONFLICT'],
  500: ['operation-failed', 'INTERNALERROR'],
};

/** The envelope of an injected fault, with the tags VTN would use for that status. */
export function injectedError(status: number): LabHttpResponse {
  const [tag, appTag] = INJECTED[status] ?? ['operation-failed', undefined];
  return { status, json: errorEnvelope(tag, `Injected fault: HTTP ${status}`, appTag) };
}
