import { describe, expect, it, vi } from 'vitest';
import { engineContext } from '../../../../renderer/state/context';
import { importDropped, runUiCommand, type CommandTargets } from '../../../../renderer/state/commands';
import type { Client } from '../../../../renderer/lib/rpc/client';

const noCalls: Pick<Client, 'call'> = { call: () => Promise.reject(new Error('no engine in this test')) };

describe('engine context', () => {
  it('returns the action result and posts nothing when it succeeds', async () => {
    const post = vi.fn();
    expect(await engineContext(noCalls, { post }).run('Save failed', async () => 42)).toBe(42);
    expect(post).not.toHaveBeenCalled();
  });

  it('posts a failed action to the toasts under its title and returns undefined', async () => {
    const post = vi.fn();
    const boom = new Error('disk full');
    expect(await engineContext(noCalls, { post }).run('Save failed', () => Promise.reject(boom))).toBeUndefined();
    expect(post).toHaveBeenCalledWith('Save failed', boom);
  });
});

function fakeTargets() {
  return {
    imports: { open: vi.fn(() => Promise.resolve()), loadText: vi.fn(() => Promise.resolve()), loadFile: vi.fn(() => Promise.resolve()) },
    exports: { open: vi.fn(() => Promise.resolve()) },
    trace: { open: vi.fn() },
    compare: { open: vi.fn(), openWith: vi.fn(() => Promise.resolve(true)) },
    view: { rightTab: 'inspector', dialog: null, fit: vi.fn(), zoomIn: vi.fn(), zoomOut: vi.fn(), toggleTheme: vi.fn(), toggleRenderer: vi.fn(), togglePanel: vi.fn() },
  } satisfies CommandTargets;
}

describe('menu commands reach only their targets', () => {
  it('opens panels and dialogs, and folds the panels by side', () => {
    const t = fakeTargets();
    runUiCommand(t, 'push');
    expect(t.view.rightTab).toBe('push');
    runUiCommand(t, 'about');
    expect(t.view.dialog).toBe('about');
    runUiCommand(t, 'toggleDetailsPanel');
    expect(t.view.togglePanel).toHaveBeenCalledWith('right');
    runUiCommand(t, 'trace');
    expect(t.trace.open).toHaveBeenCalledOnce();
  });

  it('hands a file the native Import dialog read to the import preview', async () => {
    const t = fakeTargets();
    runUiCommand(t, 'importNsr', { file: { name: 'nsr.json', text: '{}' } });
    await vi.waitFor(() => expect(t.imports.loadText).toHaveBeenCalledWith('nsr.json', '{}'));
    expect(t.imports.open).toHaveBeenCalledOnce();
  });

  it('compares a file the native picker chose, and opens the dialog without one', () => {
    const t = fakeTargets();
    runUiCommand(t, 'compare', { path: '/home/me/wan-v1.wicm' });
    expect(t.compare.openWith).toHaveBeenCalledWith('/home/me/wan-v1.wicm');
    runUiCommand(t, 'compare');
    expect(t.compare.open).toHaveBeenCalledOnce();
  });

  it('previews the first dropped file and ignores an empty drop', async () => {
    const t = fakeTargets();
    await importDropped(t, null);
    expect(t.imports.open).not.toHaveBeenCalled();
    const file = new File(['{}'], 'nsr.json');
    await importDropped(t, { 0: file, length: 1, item: () => file } as unknown as FileList);
    expect(t.imports.loadFile).toHaveBeenCalledWith(file);
  });
});
