import { electronUnavailable } from './electron-binary';

/** Prints, once per run, whether the Electron leg runs or why it is skipped. */
export default function globalSetup(): void {
  const reason = electronUnavailable();
  console.log(reason ? `SKIP Electron e2e: ${reason}` : 'Electron e2e: binary and display found, running the desktop leg');
}
