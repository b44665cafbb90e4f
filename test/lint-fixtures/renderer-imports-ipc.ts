// lint-as: renderer/lib/bad-fixture.ts
// expect: no-restricted-imports
import { ipcRenderer } from 'electron';

export const send = ipcRenderer.send;
