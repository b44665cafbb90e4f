// lint-as: electron/main/bad-fixture.ts
// expect: no-restricted-syntax
import { shell } from 'electron';

export const open = (url: string): Promise<void> => shell.openExternal(url);
