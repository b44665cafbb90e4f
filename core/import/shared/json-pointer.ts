/** One RFC 6901 reference token, escaped (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer to a descendant of `base` (`''` is the document root). */
export function childPointer(base: string, ...tokens: readonly (string | number)[]): string {
  return base + tokens.map((t) => `/${escapeToken(t)}`).join('');
}
