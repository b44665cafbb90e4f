/**
 * Text that is safe to print on a terminal. Names from input files (NSRs, projects, requests)
 * end up in CLI lines; a raw ESC, OSC or C1 control could retitle, recolour or garble the
 * terminal, a carriage return could overwrite what was printed, and a bidi override could make a
 * line read differently from what it holds.
 */

// C0 controls except tab and newline (the CLI's own line structure), DEL, C1 controls, the
// bidi marks, embeddings, overrides and isolates, and the line / paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Replaces every control character that could act on a terminal with a visible escape,
 * `\u001b` or `\u202e`. The `\uXXXX` spelling keeps JSON output valid and meaning the same.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
