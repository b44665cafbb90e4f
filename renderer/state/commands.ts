import type { UiCommand } from '../../core/contract/events';
import type { CompareState } from './compare.svelte';
import type { ExportState } from './export.svelte';
import type { ImportState } from './import.svelte';
import type { TraceState } from './trace.svelte';
import type { ViewState } from './view.svelte';

/** The parts of the app a menu command or a dropped file reaches. */
export interface CommandTargets {
  readonly imports: Pick<ImportState, 'open' | 'loadText' | 'loadFile'>;
  readonly exports: Pick<ExportState, 'open'>;
  readonly trace: Pick<TraceState, 'open'>;
  readonly compare: Pick<CompareState, 'open' | 'openWith'>;
  readonly view: Pick<ViewState, 'rightTab' | 'dialog' | 'fit' | 'zoomIn' | 'zoomOut' | 'toggleTheme' | 'toggleRenderer' | 'togglePanel'>;
}

/** Runs a command the desktop shell's native menu handed to the UI. */
export function runUiCommand(app: CommandTargets, command: UiCommand, picked: { readonly file?: { readonly name: string; readonly text: string }; readonly path?: string } = {}): void {
  const { file, path } = picked;
  switch (command) {
    case 'importNsr':
      void app.imports.open().then(() => (file ? app.imports.loadText(file.name, file.text) : undefined));
      return;
    case 'export':
      void app.exports.open();
      return;
    case 'push':
      app.view.rightTab = 'push';
      return;
    case 'trace':
      app.trace.open();
      return;
    case 'fit':
      app.view.fit();
      return;
    case 'zoomIn':
      app.view.zoomIn();
      return;
    case 'zoomOut':
      app.view.zoomOut();
      return;
    case 'toggleTheme':
      app.view.toggleTheme();
      return;
    case 'toggleRenderer':
      app.view.toggleRenderer();
      return;
    case 'toggleSidePanel':
      app.view.togglePanel('left');
      return;
    case 'toggleDetailsPanel':
      app.view.togglePanel('right');
      return;
    case 'about':
      app.view.dialog = 'about';
      return;
    case 'compare':
      if (path) void app.compare.openWith(path);
      else app.compare.open();
      return;
  }
}

/** Files dropped on the window go to the Import NSR preview (the first one; JSON only). */
export async function importDropped(app: Pick<CommandTargets, 'imports'>, files: FileList | null | undefined): Promise<void> {
  const file = files?.[0];
  if (!file) return;
  await app.imports.open();
  await app.imports.loadFile(file);
}
