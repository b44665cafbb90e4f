import { basename } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { dialog, type BrowserWindow } from 'electron';
import { MAX_INPUT_BYTES, MAX_INPUT_LABEL } from '../../core/contract/limits';
import type { CloseChoice, ClosePrompt } from './close-guard';

/**
 * The desktop app's native dialogs, each a question with a plain answer; what to do with the
 * answer is the caller's business (desktop-project.ts).
 */

/** Asks what to do with what closing the window would lose (close-guard.ts words the question). */
export function askSaveBeforeClosing(win: BrowserWindow, prompt: ClosePrompt): CloseChoice {
  const choice = dialog.showMessageBoxSync(win, {
    type: 'warning',
    buttons: [...prompt.buttons],
    defaultId: 0,
    cancelId: 2,
    message: prompt.message,
    detail: prompt.detail,
  });
  return choice === 0 ? 'save' : choice === 1 ? 'discard' : 'cancel';
}

/** Whether the user lets unsaved changes go (before New, Open…). */
export function confirmDiscard(win: BrowserWindow, projectName: string): boolean {
  const choice = dialog.showMessageBoxSync(win, {
    type: 'warning',
    buttons: ['Discard changes', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `"${projectName}" has unsaved changes.`,
  });
  return choice === 0;
}

/** A project (or demi-wicm database) to open, or null. */
export async function pickProjectToOpen(win: BrowserWindow): Promise<string | null> {
  const result = await dialog.showOpenDialog(win, {
    title: 'Open project',
    properties: ['openFile'],
    filters: [
      { name: 'WICM project', extensions: ['wicm'] },
      { name: 'demi-wicm database', extensions: ['db', 'sqlite'] },
    ],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** A project or topology file to compare with the open project, or null. */
export async function pickFileToCompare(win: BrowserWindow): Promise<string | null> {
  const result = await dialog.showOpenDialog(win, {
    title: 'Compare with…',
    properties: ['openFile'],
    filters: [
      { name: 'WICM project or topology', extensions: ['wicm', 'yaml', 'yml', 'json'] },
      { name: 'demi-wicm database', extensions: ['db', 'sqlite'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Where to save the project, or null. */
export async function pickSavePath(win: BrowserWindow, projectName: string): Promise<string | null> {
  const result = await dialog.showSaveDialog(win, {
    title: 'Save project',
    defaultPath: `${projectName}.wicm`,
    filters: [{ name: 'WICM project', extensions: ['wicm'] }],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** An NSR / request document the user picked, read as text; null when cancelled or too large. */
export async function pickNsrDocument(win: BrowserWindow): Promise<{ name: string; text: string } | null> {
  const result = await dialog.showOpenDialog(win, {
    title: 'Import NSR',
    properties: ['openFile'],
    filters: [{ name: 'NSR / WICM request (JSON)', extensions: ['json'] }, { name: 'WICM topology (JSON or YAML)', extensions: ['json', 'yaml', 'yml'] }, { name: 'All files', extensions: ['*'] }],
  });
  const file = result.filePaths[0];
  if (result.canceled || !file) return null;
  const size = statSync(file).size;
  if (size > MAX_INPUT_BYTES) {
    showError('Import NSR', `${file} is ${Math.round(size / 1024 / 1024)} MB; NSR documents over ${MAX_INPUT_LABEL} are refused.`);
    return null;
  }
  return { name: basename(file), text: readFileSync(file, 'utf8') };
}

export function showError(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}
