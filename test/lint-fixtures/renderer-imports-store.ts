// lint-as: renderer/features/bad-fixture.ts
// expect: no-restricted-imports
// The renderer may reach core only through core/contract.
import { ProjectDb } from '../../core/store/project-db';

export const db = ProjectDb;
