import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Locators and user actions of the main window (browser mode or Electron). */
export class AppPage {
  readonly root: Locator;
  readonly graph: Locator;
  readonly projectName: Locator;
  readonly mode: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-app-state]');
    this.graph = page.getByRole('img', { name: /WAN topology graph/ });
    this.projectName = page.getByTestId('project-name');
    this.mode = page.getByTestId('app-mode');
    this.undoButton = page.getByRole('button', { name: 'Undo', exact: true });
    this.redoButton = page.getByRole('button', { name: 'Redo', exact: true });
    this.search = page.getByLabel('Search by name, prefix or address');
  }

  /** Loads the app at `url` and waits until it is ready. */
  static async open(page: Page, url: string): Promise<AppPage> {
    const app = new AppPage(page);
    await app.load(url);
    return app;
  }

  /** Loads the app at `url` (again) and waits until it is ready. */
  async load(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitReady();
  }

  /** Waits for the app's readiness signal (first topology drawn). */
  async waitReady(): Promise<void> {
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible();
  }

  list(name: string): Locator {
    return this.page.getByRole('list', { name });
  }

  /** Opens a tab of the left (Elements / Add / Services) or right (Inspector / Plan / Trace) panel. */
  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }

  /** Expects the graph's ARIA summary to contain every given part (`4 PoPs`, `3 links`). */
  async expectDrawn(...parts: readonly string[]): Promise<void> {
    for (const part of parts) await expect(this.graph).toHaveAttribute('aria-label', new RegExp(`\\b${part}\\b`));
  }

  /** Selects the element the search finds first (Enter); returns where it is on the page. */
  async selectBySearch(query: string): Promise<{ x: number; y: number }> {
    await this.search.fill(query);
    await this.search.press('Enter');
    await expect(this.graph).toHaveAttribute('data-selected-at', /^\d+,\d+$/);
    const [x, y] = (await this.graph.getAttribute('data-selected-at'))!.split(',').map(Number) as [number, number];
    const box = (await this.graph.boundingBox())!;
    return { x: box.x + x, y: box.y + y };
  }

  /** Drags with the mouse from one page point to another, in small steps as a user would. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await this.page.mouse.move(to.x, to.y, { steps: 8 });
    await this.page.mouse.up();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/${name}.png` });
  }
}
