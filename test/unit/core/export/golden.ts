// Golden-file comparison. Set UPDATE_GOLDEN=1 to (re)write the files, then review the diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/export');

/** Compares `text` with `test/fixtures/export/<name>`. */
export function expectGolden(name: string, text: string): void {
  const file = join(root, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  expect(existsSync(file), `golden file ${name} is missing (run with UPDATE_GOLDEN=1)`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
