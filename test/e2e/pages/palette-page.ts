import type { Page } from '@playwright/test';

/** The "Add" tab: adds bridges, ports, segments, uplinks, PoPs, NAPs and links. */
export class PalettePage {
  constructor(readonly page: Page) {}

  /**
   * Picks what to add, fills the fields (text by label; a select's option by its label) and
   * submits. `fields` maps field labels to values.
   */
  async add(kind: string, fields: Readonly<Record<string, string>>): Promise<void> {
    await this.page.getByRole('tab', { name: 'Add' }).click();
    await this.page.getByRole('radio', { name: kind, exact: true }).check();
    const form = this.page.getByRole('form', { name: `Add ${kind}` });
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(new RegExp(`^${label}`));
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
    await form.getByRole('button', { name: `Add ${kind}` }).click();
  }
}
