// Golden files: the one way a test compares its output with a file it keeps under test/fixtures.
//
// - A missing golden file fails the test, naming the file.
// - A different one fails with vitest's line diff.
// - Files are (re)written only when UPDATE_GOLDEN=1 is set; the test then says what it wrote.
//   Review the diff (`git diff test/fixtures`) before committing it.
//
// Every golden file is named `expected.<what>.<ext>` (what the output is: an export format, a
// variant of one, or the input it was made from) and sits in the fixture folder of its test.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** test/fixtures, where golden files live (relative paths given to the helpers start here). */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The one naming scheme of golden files: `expected.<what>.<ext>`. */
export const GOLDEN_NAME = /^expected\.[a-z0-9][a-z0-9.-]*\.(json|sh|yaml)$/;

/** True when this run may (re)write golden files: `UPDATE_GOLDEN=1`, nothing else. */
export function updatingGoldens(): boolean {
  return process.env['UPDATE_GOLDEN'] === '1';
}

/** How a golden file is named in messages: relative to the working folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel.split(sep).join('/');
}

/**
 * Compares `actual` with the golden file `file` (a path under test/fixtures, or absolute).
 * With UPDATE_GOLDEN=1 it writes `actual` there instead when the two differ, and says so.
 */
export function expectGolden(file: string, actual: string): void {
  const path = resolve(FIXTURES_DIR, file);
  if (!GOLDEN_NAME.test(basename(path))) {
    throw new Error(`golden file ${shown(path)} is not named expected.<what>.<ext> (.json, .sh or .yaml)`);
  }
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (updatingGoldens()) {
    if (expected === actual) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    console.warn(`UPDATE_GOLDEN=1: ${expected === undefined ? 'created' : 'rewrote'} golden file ${shown(path)}`);
    return;
  }
  if (expected === undefined) {
    expect.fail(`golden file ${shown(path)} is missing: run with UPDATE_GOLDEN=1 to create it`);
  }
  expect(actual, `output differs from golden file ${shown(path)} (UPDATE_GOLDEN=1 rewrites it)`).toBe(expected);
}

/** `expectGolden` of a JSON value, as the golden files keep it (two-space indent, final newline). */
export function expectGoldenJson(file: string, value: unknown): void {
  expectGolden(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The golden files under `dir` (a path under test/fixtures, or absolute), searched recursively,
 * as sorted paths relative to `dir`. A suite compares this with the files it checked, so that
 * no golden file is left behind unchecked.
 */
export function goldenFilesUnder(dir: string): string[] {
  const root = resolve(FIXTURES_DIR, dir);
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.startsWith('expected.')) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}
