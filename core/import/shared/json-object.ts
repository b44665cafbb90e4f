/**
 * Lenient looks into parsed JSON, for detectors and for members whose shape does not matter
 * (absent or of another type reads as undefined, never as a diagnostic). Validation that reports
 * goes through zod schemas (`./check`).
 */

/** A parsed JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

/** Whether a value is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A member of an object, only when it is the object's own (never inherited, e.g. `constructor`). */
export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Whether an object has an own member that is neither undefined nor null. */
export function present(obj: JsonObject, key: string): boolean {
  const v = own(obj, key);
  return v !== undefined && v !== null;
}

/** The member as a string, or undefined when absent / of another type. */
export function peekString(obj: JsonObject, key: string): string | undefined {
  const v = own(obj, key);
  return typeof v === 'string' ? v : undefined;
}

/** The member as an array, or undefined. */
export function peekArray(obj: JsonObject, key: string): readonly unknown[] | undefined {
  const v = own(obj, key);
  return Array.isArray(v) ? v : undefined;
}

/** The member as an object, or undefined. */
export function peekObject(obj: JsonObject, key: string): JsonObject | undefined {
  const v = own(obj, key);
  return isObject(v) ? v : undefined;
}
