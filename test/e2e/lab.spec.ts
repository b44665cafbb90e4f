import { execFileSync } from 'node:child_process';
import { labDown } from '../../electron/host/live-lab/build';
import { labUnavailable } from '../../electron/host/live-lab/exec';
import { labIdOf } from '../../electron/host/live-lab/lab-plan';
import { readLiveLab, type LiveLabLayout } from '../../electron/host/live-lab/layout';
import type { Page } from '@playwright/test';
import { expect, test as base, type BrowserModeServer } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

/**
 * The Lab tab (issue #14) on this machine's real Open vSwitch and network namespaces: the lab
 * comes up from the tab, the service's flows go on the lab bridges (Apply flows, as `wicm lab
 * apply`), real pings are probed through both PoPs and back, and the per-hop counts show in the
 * table and on the graph; then Down removes everything. The lab lives in the server's private
 * data folder and is torn down even when the test fails (fixture teardown, then afterAll).
 */
const unavailable = labUnavailable();
if (unavailable) console.log(`SKIP lab.spec.ts: ${unavailable}`);

/** Layouts of the labs this file brought up, kept so afterAll can remove what is left. */
const built: { dataDir: string; layout: LiveLabLayout }[] = [];

/** Names of this machine's network namespaces that start with `prefix`. */
function namespaces(prefix: string): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n.startsWith(prefix));
}

// The lab goes before the server's data folder does: this fixture tears down first.
const test = base.extend<{ labServer: BrowserModeServer }>({
  labServer: async ({ server }, use) => {
    try {
      await use(server);
    } finally {
      const layout = await readLiveLab(server.dataDir).catch(() => null);
      if (layout) await labDown(layout, server.dataDir);
    }
  },
});

test.afterAll(async () => {
  for (const { dataDir, layout } of built.splice(0)) {
    if (namespaces(`wl${layout.labId}`).length > 0) await labDown(layout, dataDir);
    expect(namespaces(`wl${labIdOf(dataDir)}`), 'the lab left namespaces behind').toEqual([]);
  }
});

/** Opens the app with the sample service planned, as both tests start. */
async function openWithService(page: Page, url: string): Promise<AppPage> {
  test.skip(unavailable !== null, `no live lab here: ${unavailable}`);
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = await AppPage.open(page, url);
  const services = new ServicesPage(page);
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');
  return app;
}

test('Lab tab: up, apply, probe with counts on the graph and in the table, down', async ({ page, labServer }) => {
  const app = await openWithService(page, labServer.url);

  await app.tab('Lab');
  const outcome = page.getByTestId('lab-outcome');
  await expect(page.getByTestId('lab-status')).toHaveText('No lab is up for this data folder.');
  await page.getByRole('button', { name: 'Up', exact: true }).click();
  await expect(page.getByTestId('lab-busy')).toBeVisible();
  await expect(outcome).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  await expect(outcome).toContainText(/^Lab [0-9a-f]{4} up in [\d.]+ s: 3 bridges/);
  await expect(page.getByTestId('lab-status')).toHaveAttribute('data-lab-up', 'true');
  const layout = await readLiveLab(labServer.dataDir);
  expect(layout, 'the lab lives in the server’s data folder').not.toBeNull();
  built.push({ dataDir: labServer.dataDir, layout: layout! });
  await app.screenshot('lab-up');

  const row = page.getByRole('list', { name: 'Services to probe' }).locator('[data-service="athens-patras"]');
  await row.getByRole('button', { name: 'Apply flows' }).click();
  await expect(outcome).toContainText(/^Applied \d+ flows of athens-patras to \d+ bridges/);
  await expect(outcome).toHaveAttribute('data-ok', 'true');

  await row.getByRole('button', { name: 'Probe' }).click();
  const probe = page.getByTestId('lab-probe');
  await expect(probe).toHaveAttribute('data-delivered', 'true', { timeout: 60_000 });
  await expect(outcome).toContainText('Delivered: 3/3 answered');
  for (const direction of ['forward', 'reverse']) {
    await expect(page.getByTestId(`lab-${direction}-delivered`)).toHaveText('yes');
    await expect(page.getByTestId(`lab-${direction}-same`)).toHaveText('yes');
  }
  // Every hop, both ways, counted the 3 packets sent: in the table…
  const cells = await page.getByTestId('lab-hop-packets').allTextContents();
  expect(cells.length).toBeGreaterThanOrEqual(6);
  expect(cells.every((c) => c === '3/3'), cells.join(' ')).toBe(true);
  // …and on the graph, a badge per port the packets left through (forward f, reverse r).
  await expect(app.graph).toHaveAttribute('data-lab-counts', /if_athens=.*f3.*r3/);
  const signal = (await app.graph.getAttribute('data-lab-counts'))!;
  const counts = signal.split(' ').flatMap((entry) => entry.split('=')[1]!.split(','));
  expect(counts.length).toBe(cells.length);
  expect(counts.every((c) => /^[fr]3$/.test(c)), signal).toBe(true);
  await expect(page.locator('.lab-count')).toHaveCount(signal.split(' ').length);
  await app.screenshot('lab-probe');

  await page.getByRole('button', { name: 'Down', exact: true }).click();
  await expect(outcome).toContainText(/^Lab removed: \d+ items/, { timeout: 60_000 });
  await expect(page.getByTestId('lab-status')).toHaveText('No lab is up for this data folder.');
  expect(namespaces(`wl${layout!.labId}`)).toEqual([]);
  await app.screenshot('lab-down');
});

test('Lab tab: push to the built-in VTN lab from the Push tab, then Probe counts its flows hop by hop', async ({ page, labServer }) => {
  const app = await openWithService(page, labServer.url);

  await app.tab('Lab');
  const outcome = page.getByTestId('lab-outcome');
  await page.getByRole('button', { name: 'Up', exact: true }).click();
  await expect(outcome).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  const layout = await readLiveLab(labServer.dataDir);
  built.push({ dataDir: labServer.dataDir, layout: layout! });

  // The engineer's path: push with the built-in VTN lab profile and its defaults (provisioning on).
  await app.tab('Push');
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue('lab-odl-vtn');
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByTestId('push-message')).toContainText('applied and verified');

  await app.tab('Lab');
  const row = page.getByRole('list', { name: 'Services to probe' }).locator('[data-service="athens-patras"]');
  await row.getByRole('button', { name: 'Probe' }).click();
  await expect(page.getByTestId('lab-probe')).toHaveAttribute('data-delivered', 'true', { timeout: 60_000 });
  const cells = await page.getByTestId('lab-hop-packets').allTextContents();
  expect(cells.length).toBeGreaterThanOrEqual(6);
  expect(cells.every((c) => c === '3/3'), cells.join(' ')).toBe(true);
  await expect(app.graph).toHaveAttribute('data-lab-counts', /if_athens=.*f3.*r3/);
  await app.screenshot('lab-probe-after-vtn-push');

  await page.getByRole('button', { name: 'Down', exact: true }).click();
  await expect(outcome).toContainText(/^Lab removed: \d+ items/, { timeout: 60_000 });
});
