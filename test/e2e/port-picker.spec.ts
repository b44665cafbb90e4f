import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineHost } from '../../electron/host/engine-host';
import { generateWan } from '../helpers/graph-topology';
import { expect, startServer, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { PalettePage } from './pages/palette-page';

/** Issue #16: port pickers are searchable (ARIA combobox + listbox), free ports first, fast with 1,200 ports. */

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

test('the PoP form picks a port by typing: free ports first under a heading, "bridge / port" names, keyboard choice', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  const palette = new PalettePage(page);
  await palette.add('Port', { Bridge: 'vbr2', Name: 'if_spare' });

  const form = await palette.open('PoP');
  const port = form.getByRole('combobox', { name: 'Port' });
  await expect(port).toHaveAttribute('aria-expanded', 'false');
  await port.click();
  await expect(port).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByRole('listbox', { name: 'Ports' });
  await expect(port).toHaveAttribute('aria-controls', (await list.getAttribute('id'))!);
  // The one free port comes first, under its own heading; the used ones follow.
  await expect(list.getByRole('group', { name: 'Free ports' }).getByRole('option')).toHaveText(['vbr2 / if_spare']);
  await expect(list.getByRole('group', { name: 'In use' }).getByRole('option', { name: 'vbr1 / if_customer' })).toBeVisible();
  await expect(list.getByRole('option').first()).toHaveText('vbr2 / if_spare');

  // Every typed word narrows by bridge and port name.
  await port.fill('vbr1 cust');
  await expect(list.getByRole('option')).toHaveText(['vbr1 / if_customer']);
  await port.fill('zzz');
  await expect(list).toContainText('No port matches');
  await port.press('Escape');
  await expect(port).toHaveAttribute('aria-expanded', 'false');

  // Keyboard: type, arrow to the second match, Enter picks it (and does not submit the form).
  await port.fill('vbr3');
  const second = (await list.getByRole('option').nth(1).textContent())!.trim();
  await port.press('ArrowDown');
  await expect(page.locator(`#${(await port.getAttribute('aria-activedescendant'))!}`)).toHaveText(second);
  await port.press('Enter');
  await expect(port).toHaveAttribute('aria-expanded', 'false');
  await expect(port).toHaveValue(second);

  // Pick the free port, add the PoP: the port is now in use.
  await form.getByLabel(/^Name/).fill('pop-spare');
  await port.fill('spare');
  await port.press('Enter');
  await expect(port).toHaveValue('vbr2 / if_spare');
  await form.getByRole('button', { name: 'Add PoP' }).click();
  await expect(page.getByRole('form', { name: 'Edit PoP pop-spare' })).toBeVisible();
  await palette.open('Link');
  const from = page.getByRole('form', { name: 'Add Link' }).getByRole('combobox', { name: 'From port' });
  await from.click();
  await expect(list.getByRole('group', { name: 'Free ports' })).toHaveCount(0);
  await expect(list.getByRole('group', { name: 'In use' }).getByRole('option', { name: 'vbr2 / if_spare' })).toBeVisible();
  await page.screenshot({ path: 'test-results/port-picker-sample.png' });
});

async function openLarge(page: Page): Promise<{ stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-e2e-ports-'));
  const host = await startEngineHost({ mode: 'cli', logger: quiet, dataDir: dir, template: 'empty' });
  const path = join(dir, 'ports-1200.wicm');
  // 100 bridges × 12 ports: uplink, 3 LANs and a PoP each; 150 links use some of the trunks.
  const topology = generateWan({ bridges: 100, portsPerBridge: 12, segmentsPerBridge: 3, links: 150 });
  for (const [method, req] of [['topology.import', { text: JSON.stringify({ schema: 'wicm-topology/1', topology, positions: [] }) }], ['project.saveAs', { path }]] as const) {
    const reply = await host.dispatch(method, req);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  }
  const { url, child } = await startServer(dir, ['--project', path]);
  await AppPage.open(page, url);
  return {
    stop: async () => {
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

test('with 1,200 ports the picker draws a capped list, says how many more, and narrows as you type', async ({ page }) => {
  const { stop } = await openLarge(page);
  try {
    const palette = new PalettePage(page);
    const form = await palette.open('Link');
    const from = form.getByRole('combobox', { name: 'From port' });
    await from.click();
    const list = page.getByRole('listbox', { name: 'Ports' });
    const options = list.getByRole('option');
    await expect(options.first()).toBeVisible();
    const drawn = await options.count();
    expect(drawn).toBeLessThanOrEqual(60);
    await expect(list).toContainText(`${1200 - drawn} more, type to narrow`);
    // Free trunk ports come first.
    await expect(list.getByRole('group').first()).toHaveAccessibleName('Free ports');
    await from.fill('vbr57 if-11');
    await expect(options).toHaveText(['vbr57 / if-11']);
    await from.press('Enter');
    await expect(from).toHaveValue('vbr57 / if-11');
    await page.screenshot({ path: 'test-results/port-picker-1200.png' });
  } finally {
    await stop();
  }
});
