import { expect, test } from './fixtures';
import { labelCounts, openGenerated } from './pages/generated-wan';

/**
 * Labels by level of detail on big projects (issue #16, "a readable graph"): segment names at
 * Fit, and a 100-bridge WAN zoomed in 4× from Fit, where each label that is drawn keeps clear
 * of its neighbours (labels.ts places it below, above, beside or at a corner of its node).
 */

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('a 100-bridge WAN zoomed in 4× from Fit: bridge, PoP and segment names drawn, none overlapping', async ({ page }) => {
  const { app, stop } = await openGenerated(page, { bridges: 100, portsPerBridge: 8, segmentsPerBridge: 3, links: 300, seed: 11 });
  try {
    await expect(app.graph).toHaveAttribute('aria-label', /100 bridges/);
    await app.screenshot('graph-100-fit');
    const fitLevel = Number(await app.graph.getAttribute('data-label-level'));
    // Six Zoom in steps of 1.25 each: about 4× the Fit zoom (3.8×).
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => Number(await app.graph.getAttribute('data-label-level'))).toBe(fitLevel + 6);
    await app.screenshot('graph-100-zoom4x');
    const counts = labelCounts(await app.graph.getAttribute('data-labels'));
    expect(counts.bridge).toEqual([100, 100]);
    expect(counts.pop).toEqual([100, 100]);
    expect(counts.segment![0]).toBe(counts.segment![1]);
  } finally {
    await stop();
  }
});
