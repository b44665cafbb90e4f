import { defineConfig } from '@playwright/test';

/** Debian's Chromium (Playwright cannot download its own browsers here); override with WICM_CHROMIUM. */
export const chromiumPath = process.env.WICM_CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for Chromium on this closed, GPU-less machine (no sandbox as root, no background traffic). */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/artifacts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [...chromiumArgs],
    },
  },
  projects: [
    { name: 'browser-mode', testIgnore: '**/electron.spec.ts', use: { browserName: 'chromium' } },
    // Drives the real desktop app through _electron; skips (printing why) without a binary.
    { name: 'electron', testMatch: '**/electron.spec.ts' },
  ],
});
