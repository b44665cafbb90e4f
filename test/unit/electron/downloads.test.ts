import { EventEmitter } from 'node:events';
import type { BrowserWindow, Dialog, Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { saveDialogOptions, saveDownloadsThroughDialog } from '../../../electron/main/downloads';

/** A download as Electron hands it to `will-download`. */
function download(url: string, fileName: string) {
  return { getURL: () => url, getFilename: () => fileName, setSavePath: vi.fn(), cancel: vi.fn() };
}

function setUp(answer: string | undefined) {
  const session = new EventEmitter();
  const showSaveDialogSync = vi.fn(() => answer);
  const window = {} as BrowserWindow;
  saveDownloadsThroughDialog(session as unknown as Pick<Session, 'on'>, { showSaveDialogSync } as unknown as Pick<Dialog, 'showSaveDialogSync'>, () => window);
  const offer = (url: string, fileName: string) => {
    const item = download(url, fileName);
    const event = { preventDefault: vi.fn() };
    session.emit('will-download', event, item, {});
    return { item, event };
  };
  return { offer, showSaveDialogSync, window };
}

describe('exports in the desktop app', () => {
  it('are saved where the user says in the native save dialog', () => {
    const { offer, showSaveDialogSync, window } = setUp('/home/eng/flows.sh');
    const { item, event } = offer('blob:file:///4f1c', 'sample-wan-ovs-ofctl.sh');
    expect(showSaveDialogSync).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: 'sample-wan-ovs-ofctl.sh' }));
    expect(item.setSavePath).toHaveBeenCalledWith('/home/eng/flows.sh');
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('are dropped when the dialog is cancelled', () => {
    const { offer } = setUp(undefined);
    const { item } = offer('blob:file:///4f1c', 'plan.json');
    expect(item.cancel).toHaveBeenCalled();
    expect(item.setSavePath).not.toHaveBeenCalled();
  });

  it('never include anything but the page\'s own blobs', () => {
    const { offer, showSaveDialogSync } = setUp('/tmp/x');
    const { event } = offer('https://example.org/payload.exe', 'payload.exe');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(showSaveDialogSync).not.toHaveBeenCalled();
  });

  it('offer the file\'s own type first in the dialog', () => {
    expect(saveDialogOptions('graph.svg').filters).toEqual([
      { name: 'SVG file', extensions: ['svg'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(saveDialogOptions('README').filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});
