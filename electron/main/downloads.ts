import { extname } from 'node:path';
import type { BrowserWindow, Dialog, SaveDialogOptions, Session, WebContents } from 'electron';

/** The save dialog for a file the page offers (an export, the graph image). */
export function saveDialogOptions(fileName: string): SaveDialogOptions {
  const ext = extname(fileName).slice(1);
  return {
    title: 'Export',
    defaultPath: fileName,
    filters: [...(ext ? [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }] : []), { name: 'All files', extensions: ['*'] }],
  };
}

/**
 * Exports reach the desktop app as downloads of blob: URLs the page made. Each is saved where
 * the user says in a native save dialog, or dropped when cancelled (Electron's own fallback
 * may save straight to Downloads). The app never downloads anything else: other URLs are refused.
 * `onSaved` hears each path the user chose (the desktop app grants it, see path-grants.ts).
 */
export function saveDownloadsThroughDialog(
  session: Pick<Session, 'on'>,
  dialog: Pick<Dialog, 'showSaveDialogSync'>,
  windowOf: (contents: WebContents | undefined) => BrowserWindow | null,
  onSaved: (path: string) => void = () => undefined,
): void {
  session.on('will-download', (event, item, contents) => {
    if (!item.getURL().startsWith('blob:')) {
      event.preventDefault();
      return;
    }
    // The save path must be set before this handler returns, hence the synchronous dialog.
    const options = saveDialogOptions(item.getFilename());
    const window = windowOf(contents);
    const path = window ? dialog.showSaveDialogSync(window, options) : dialog.showSaveDialogSync(options);
    if (path) {
      item.setSavePath(path);
      onSaved(path);
    } else item.cancel();
  });
}
