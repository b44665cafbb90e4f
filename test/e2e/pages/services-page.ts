import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** A service as the form takes it. */
export interface ServiceInput {
  readonly name: string;
  readonly ingress?: string;
  readonly egress?: string;
  readonly chain: readonly string[];
}

/** The "Services" tab, the plan view and the trace panel. */
export class ServicesPage {
  readonly rules: Locator;
  readonly hopPosition: Locator;
  readonly disposition: Locator;

  constructor(readonly page: Page) {
    this.rules = page.getByRole('table', { name: /rules/ });
    this.hopPosition = page.getByTestId('hop-position');
    this.disposition = page.getByTestId('trace-disposition');
  }

  item(name: string): Locator {
    return this.page.getByRole('list', { name: 'Services' }).getByRole('listitem', { name });
  }

  /** Creates a service through the form (chain added in order with the PoP picker). */
  async create(service: ServiceInput): Promise<void> {
    await this.page.getByRole('tab', { name: /^Services/ }).click();
    await this.page.getByRole('button', { name: 'New service' }).click();
    const form = this.page.getByRole('form', { name: 'New service' });
    await form.getByLabel('Name').fill(service.name);
    if (service.ingress) await form.getByLabel('Ingress segment').fill(service.ingress);
    if (service.egress) await form.getByLabel('Egress segment').fill(service.egress);
    for (const pop of service.chain) {
      await form.getByLabel('PoP to add to the PoP chain').selectOption(pop);
      await form.getByRole('button', { name: 'Add to PoP chain' }).click();
    }
    await form.getByRole('button', { name: 'Save service' }).click();
    await expect(this.item(service.name)).toBeVisible();
  }

  /** Plans a service from its row and waits for its rules. */
  async plan(name: string): Promise<void> {
    await this.page.getByRole('tab', { name: /^Services/ }).click();
    await this.item(name).getByRole('button', { name: `Plan ${name}` }).click();
    await expect(this.rules).toBeVisible();
  }

  /** Opens the trace panel with "Trace…" and runs the prefilled trace. */
  async trace(): Promise<void> {
    await this.page.getByRole('button', { name: 'Trace…', exact: true }).click();
    await this.page.getByRole('button', { name: 'Run trace' }).click();
    await expect(this.disposition).toBeVisible();
  }
}
