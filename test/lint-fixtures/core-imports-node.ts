// lint-as: core/plan/bad-fixture.ts
// expect: no-restricted-imports
// core must stay pure: a Node import here must fail lint.
import { readFileSync } from 'node:fs';

export const text = readFileSync('x', 'utf8');
