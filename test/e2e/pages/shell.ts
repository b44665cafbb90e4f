import type { ElectronApplication, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { MenuPage } from './menu-page';

/** The project actions a window's shell offers: the in-page menu bar, or Electron's native menu and dialogs. */
export interface ShellPage {
  saveAs(path: string): Promise<void>;
  newEmpty(): Promise<void>;
  open(path: string): Promise<void>;
}

/** Browser mode: the in-page menu bar with path dialogs. */
export function browserShell(page: Page): ShellPage {
  return new MenuPage(page);
}

/**
 * The desktop app: clicks the native menu's items in the main process and answers its file
 * dialogs with the given path (Playwright cannot reach native dialogs).
 */
export function electronShell(app: ElectronApplication, page: Page): ShellPage {
  const click = (menu: string, item: string, path?: string): Promise<void> =>
    app.evaluate(
      ({ Menu, dialog }, [menuLabel, itemLabel, file]) => {
        if (file) {
          dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
          dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
        }
        const top = Menu.getApplicationMenu()?.items.find((i) => i.label.replace('&', '') === menuLabel);
        const entry = top?.submenu?.items.find((i) => i.label === itemLabel);
        if (!entry) throw new Error(`No menu item ${menuLabel} → ${itemLabel}`);
        entry.click();
      },
      [menu, item, path] as const,
    );
  const projectName = page.getByTestId('project-name');
  return {
    saveAs: async (path) => {
      await click('File', 'Save As…', path);
      await expect(projectName).not.toHaveText(/^•/);
    },
    newEmpty: () => click('File', 'New Project'),
    open: (path) => click('File', 'Open…', path),
  };
}
