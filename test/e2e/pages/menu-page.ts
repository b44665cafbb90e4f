import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The in-page menu bar of browser mode and the dialogs its items open. */
export class MenuPage {
  constructor(readonly page: Page) {}

  /** Clicks a top-level menu, then one of its items. */
  async choose(menu: string, item: string): Promise<void> {
    await this.page.getByRole('menubar').getByRole('menuitem', { name: menu, exact: true }).click();
    await this.page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** File → Save As… with a path on the server. */
  async saveAs(path: string): Promise<void> {
    await this.choose('File', 'Save As…');
    await this.submitPath('Save project as', path, 'Save');
  }

  /** File → Open… with a path on the server. */
  async open(path: string): Promise<void> {
    await this.choose('File', 'Open…');
    await this.submitPath('Open project', path, 'Open');
  }

  /** File → New, starting from an empty topology. */
  async newEmpty(): Promise<void> {
    await this.choose('File', 'New');
    const dialog = this.page.getByRole('dialog', { name: 'New project' });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
  }

  private async submitPath(title: string, path: string, button: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: title });
    await dialog.getByLabel(/Path on the server/).fill(path);
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
