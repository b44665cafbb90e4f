#!/usr/bin/env node
// Every file in test/lint-fixtures must FAIL lint with the rule it names, linted as if it were
// at the path it names (`// lint-as:`). Keeps the layering rules from being loosened unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const dir = 'test/lint-fixtures';
const eslint = new ESLint();
let failures = 0;
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
for (const file of files) {
  const text = readFileSync(join(dir, file), 'utf8');
  const as = /^\/\/ lint-as: (.+)$/m.exec(text)?.[1];
  const rule = /^\/\/ expect: (.+)$/m.exec(text)?.[1];
  if (!as || !rule) {
    console.error(`lint fixture ${file}: needs '// lint-as: <path>' and '// expect: <rule>' lines`);
    failures += 1;
    continue;
  }
  const [result] = await eslint.lintText(text, { filePath: as });
  const hit = result?.messages.some((m) => m.ruleId === rule && m.severity === 2);
  if (hit) console.log(`lint fixture ${file}: fails as expected (${rule})`);
  else {
    console.error(`lint fixture ${file}: expected a ${rule} error when linted as ${as}, got ${JSON.stringify(result?.messages.map((m) => m.ruleId))}`);
    failures += 1;
  }
}
if (files.length === 0) {
  console.error('no lint fixtures found');
  failures += 1;
}
process.exit(failures === 0 ? 0 : 1);
