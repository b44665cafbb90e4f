import { describe, expect, it, vi } from 'vitest';
import { closePrompt, hasPendingEdits, PageRequests, parsePendingReport, saveBeforeClosing, type PendingEdits } from '../../../electron/main/close-guard';

// The Electron binary cannot run here (see test/e2e/electron.spec.ts, skipped with its reason):
// the close guard's decisions are tested in Node, the window and dialog wiring is thin.
const clean: PendingEdits = { project: 'athens-wan', projectDirty: false, inspector: null };

describe('desktop close guard: what closing would lose', () => {
  it('closes without asking when the project is saved and the Inspector has nothing unapplied', () => {
    expect(hasPendingEdits(clean)).toBe(false);
    expect(closePrompt(clean)).toBeNull();
  });

  it('asks Save / Don’t Save / Cancel for an unsaved project, naming it', () => {
    const prompt = closePrompt({ ...clean, projectDirty: true });
    expect(prompt?.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(prompt?.message).toBe('Save changes to "athens-wan" before closing?');
  });

  it('asks about unapplied Inspector edits even when the project itself is saved', () => {
    const pending = { ...clean, inspector: 'PoP pop-athens' };
    expect(hasPendingEdits(pending)).toBe(true);
    const prompt = closePrompt(pending);
    expect(prompt?.buttons).toEqual(['Apply and Save', "Don't Save", 'Cancel']);
    expect(prompt?.message).toBe('Apply your changes to PoP pop-athens and save "athens-wan" before closing?');
    expect(prompt?.detail).not.toContain('unsaved changes');
    expect(closePrompt({ ...pending, projectDirty: true })?.detail).toContain('and the project has unsaved changes');
  });
});

describe('desktop close guard: Save applies the Inspector edits first', () => {
  it('applies, then saves, and lets the window close', async () => {
    const order: string[] = [];
    const steps = { applyInspector: vi.fn(async () => (order.push('apply'), true)), save: vi.fn(async () => (order.push('save'), true)) };
    expect(await saveBeforeClosing({ ...clean, inspector: 'PoP pop-athens' }, steps)).toBe(true);
    expect(order).toEqual(['apply', 'save']);
  });

  it('keeps the window open and does not save when the engine refused the edits', async () => {
    const steps = { applyInspector: vi.fn(async () => false), save: vi.fn(async () => true) };
    expect(await saveBeforeClosing({ ...clean, projectDirty: true, inspector: 'PoP pop-athens' }, steps)).toBe(false);
    expect(steps.save).not.toHaveBeenCalled();
  });

  it('saves without asking the page when only the project is unsaved; a cancelled Save As keeps the window', async () => {
    const steps = { applyInspector: vi.fn(async () => true), save: vi.fn(async () => false) };
    expect(await saveBeforeClosing({ ...clean, projectDirty: true }, steps)).toBe(false);
    expect(steps.applyInspector).not.toHaveBeenCalled();
    expect(steps.save).toHaveBeenCalledOnce();
  });
});

describe('desktop close guard: the page’s reports and answers', () => {
  it('accepts only { inspector: string | null }', () => {
    expect(parsePendingReport({ inspector: 'PoP pop-athens' })).toEqual({ inspector: 'PoP pop-athens' });
    expect(parsePendingReport({ inspector: null })).toEqual({ inspector: null });
    for (const bad of [null, 'x', {}, { inspector: 3 }, { inspector: '' }, { inspector: 'a'.repeat(301) }, { inspector: null, extra: 1 }]) expect(parsePendingReport(bad)).toBeNull();
  });

  it('matches answers to requests by number; a page that never answers counts as not applied', async () => {
    vi.useFakeTimers();
    try {
      const requests = new PageRequests(5_000);
      const sent: number[] = [];
      const first = requests.ask((id) => sent.push(id));
      const second = requests.ask((id) => sent.push(id));
      requests.answer(sent[1], true);
      requests.answer('not-a-number', true);
      expect(await second).toBe(true);
      vi.advanceTimersByTime(5_000);
      expect(await first).toBe(false);
      // A late or repeated answer is ignored.
      requests.answer(sent[0], true);
    } finally {
      vi.useRealTimers();
    }
  });
});
