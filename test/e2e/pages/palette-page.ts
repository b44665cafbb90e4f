import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The "Add" tab: adds bridges, ports, segments, uplinks, PoPs, NAPs and links. */
export class PalettePage {
  constructor(readonly page: Page) {}

  /** Opens the Add tab on the form for `kind` and returns the form. */
  async open(kind: string) {
    await this.page.getByRole('tab', { name: 'Add' }).click();
    await this.page.getByRole('radio', { name: kind, exact: true }).check();
    return this.page.getByRole('form', { name: `Add ${kind}` });
  }

  /**
   * Picks what to add, fills the fields (text by label; a select's option by its label; a port
   * picker by typing the port's "bridge / port" name and choosing it) and submits. `fields`
   * maps field labels to values.
   */
  async add(kind: string, fields: Readonly<Record<string, string>>): Promise<void> {
    const form = await this.open(kind);
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(new RegExp(`^${label}`));
      const [tag, role] = await field.evaluate((e) => [e.tagName, e.getAttribute('role')]);
      if (tag === 'SELECT') await field.selectOption({ label: value });
      else if (role === 'combobox') {
        await field.fill(value);
        await this.page.getByRole('option', { name: value, exact: true }).click();
        await expect(field).toHaveValue(value);
      } else await field.fill(value);
    }
    await form.getByRole('button', { name: `Add ${kind}` }).click();
  }
}
