import { createHash, timingSafeEqual } from 'node:crypto';

/** Credentials a lab controller accepts. */
export interface LabCredentials {
  readonly user: string;
  readonly password: string;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Digests of the credentials servers expect, computed once each: a lab serves thousands of requests with one pair. */
const expectedDigests = new WeakMap<LabCredentials, Buffer>();

function expectedDigest(expected: LabCredentials): Buffer {
  let known = expectedDigests.get(expected);
  if (known === undefined) {
    known = digest(`${expected.user}:${expected.password}`);
    expectedDigests.set(expected, known);
  }
  return known;
}

/**
 * Whether an `Authorization` header carries these Basic credentials.
 *
 * Compares digests in constant time so that neither the length nor a prefix of the secret leaks.
 */
export function isAuthorized(header: string | undefined, expected: LabCredentials): boolean {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const encoded = match?.[1];
  if (encoded === undefined) return false;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return timingSafeEqual(digest(decoded), expectedDigest(expected));
}
