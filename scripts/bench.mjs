#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (TypeScript through tsx), each printing one JSON
// line per metric. Prints the lines as they come; exits non-zero if any bench fails.
//   npm run bench -- lpm plan      run only the benches whose names contain these words
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stderr.write(`bench: ${file}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', tsx, join('bench', file)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  if (result.status !== 0) {
    process.stderr.write(`bench: ${file} failed (${result.error?.message ?? `exit ${result.status}`})\n`);
    failed += 1;
  }
}
process.exit(failed === 0 ? 0 : 1);
