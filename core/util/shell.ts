/** Quotes a word for a POSIX shell: single quotes, with embedded quotes closed and escaped. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Text safe inside a `#` comment line: control characters (newlines above all) become spaces. */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}
