import type { ImportPreviewDto } from '../../../core/contract/api';
import { RestError } from './errors';

/** A JSON object from a request body. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether a value is a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as an object, or a 400 naming what was expected. */
export function requireObject(value: unknown, what: string, pointer = ''): JsonObject {
  if (isJsonObject(value)) return value;
  const got = value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  throw new RestError(400, 'INVALID_INPUT', `${what} must be a JSON object; got ${got}.`, pointer);
}

/** A required non-empty string member, or a 400 pointing at it. */
export function requireString(obj: JsonObject, key: string, pointer: string, hint = ''): string {
  const value = obj[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  const where = `${pointer}/${escapePointer(key)}`;
  const problem = value === undefined ? `is missing` : `must be a non-empty string`;
  throw new RestError(400, 'INVALID_INPUT', `"${key}" ${problem}${hint ? `; ${hint}` : ''}.`, where);
}

/** RFC 6901 escaping of one pointer token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The 400 for a preview that cannot be committed: its first error, with every error in `details`. */
export function previewError(preview: ImportPreviewDto, what: string): RestError {
  const errors = preview.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (!first) return new RestError(400, 'INVALID_INPUT', `${what}: the body holds nothing to import.`);
  return new RestError(400, 'INVALID_INPUT', `${what}: ${first.message}${first.hint ? ` ${first.hint}` : ''}`, first.pointer, { diagnostics: errors });
}
