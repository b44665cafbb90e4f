import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Locators and user actions of the main window (browser mode or Electron). */
export class AppPage {
  readonly root: Locator;
  readonly graph: Locator;
  readonly projectName: Locator;
  readonly mode: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-app-state]');
    this.graph = page.getByRole('img', { name: /WAN topology graph/ });
    this.projectName = page.getByTestId('project-name');
    this.mode = page.getByTestId('app-mode');
  }

  /** Waits for the app's readiness signal (first topology drawn). */
  async waitReady(): Promise<void> {
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible();
  }

  list(name: string): Locator {
    return this.page.getByRole('list', { name });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/${name}.png` });
  }
}
