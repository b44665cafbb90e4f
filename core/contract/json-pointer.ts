/**
 * JSON Pointers (RFC 6901): the one way the engine says where in a document something is.
 * Diagnostics, request validation and importers all build their pointers here.
 */

/** One reference token, escaped (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token: PropertyKey): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer to a descendant of `base` (`''` is the document root). */
export function childPointer(base: string, ...tokens: readonly PropertyKey[]): string {
  return base + tokens.map((t) => `/${escapeToken(t)}`).join('');
}

/** The pointer for a path of member names and indices, as zod reports them. */
export function toPointer(path: readonly PropertyKey[]): string {
  return childPointer('', ...path);
}
