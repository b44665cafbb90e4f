// lint-as: core/service/bad-fixture.ts
// expect: no-restricted-imports
import { app } from 'electron';

export const name = app.getName();
