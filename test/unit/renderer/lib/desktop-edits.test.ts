import { describe, expect, it, vi } from 'vitest';
import { connectDraftToDesktop, desktopEdits, type DesktopEditsApi } from '../../../../renderer/lib/desktop-edits';

function fakeApi() {
  let apply: (() => Promise<boolean>) | null = null;
  const api: DesktopEditsApi = {
    reportPendingEdits: vi.fn(),
    onApplyRequest: vi.fn((fn: () => Promise<boolean>) => {
      apply = fn;
      return () => (apply = null);
    }),
  };
  return { api, requestApply: () => apply!() };
}

describe('the page side of the desktop close guard', () => {
  it('finds window.desktopEdits only when the preload exposed both functions', () => {
    expect(desktopEdits({})).toBeNull();
    expect(desktopEdits({ desktopEdits: { reportPendingEdits: () => {} } })).toBeNull();
    const { api } = fakeApi();
    expect(desktopEdits({ desktopEdits: api })).toBe(api);
  });

  it('reports the element with unapplied Inspector edits on each change, and null once applied', async () => {
    const { api, requestApply } = fakeApi();
    const draft = { pendingElement: null as string | null, applyNow: vi.fn(async () => ((draft.pendingElement = null), true)) };
    const guard = connectDraftToDesktop(api, draft);
    guard.report();
    draft.pendingElement = 'PoP pop-athens';
    guard.report();
    guard.report();
    expect(api.reportPendingEdits).toHaveBeenNthCalledWith(1, null);
    expect(api.reportPendingEdits).toHaveBeenNthCalledWith(2, 'PoP pop-athens');
    expect(api.reportPendingEdits).toHaveBeenCalledTimes(2);
    // "Apply and Save" on closing: the page applies and says so; the report follows.
    expect(await requestApply()).toBe(true);
    expect(draft.applyNow).toHaveBeenCalledOnce();
    expect(api.reportPendingEdits).toHaveBeenLastCalledWith(null);
  });

  it('answers false when the engine refused the edits (they stay pending)', async () => {
    const { api, requestApply } = fakeApi();
    const draft = { pendingElement: 'PoP pop-athens', applyNow: vi.fn(async () => false) };
    connectDraftToDesktop(api, draft).report();
    expect(await requestApply()).toBe(false);
    expect(api.reportPendingEdits).toHaveBeenCalledTimes(1);
  });
});
