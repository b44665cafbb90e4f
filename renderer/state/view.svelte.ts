import type { Theme } from '../graph/style';
import { downloadBlob } from '../lib/download';

/** What the graph canvas can be asked to do (registered by GraphCanvas while mounted). */
export interface GraphCommands {
  fit(): void;
  zoomBy(factor: number): void;
  /** The whole graph as an image, in the current theme. */
  image(format: 'png' | 'svg'): Blob;
}

/** In-page dialogs. */
export type DialogKind = 'open' | 'saveAs' | 'new' | 'about' | 'import' | 'export';

const THEME_KEY = 'wicm.theme';

function storedTheme(): Theme {
  try {
    const stored = globalThis.localStorage?.getItem(THEME_KEY);
    if (stored === 'light' || stored === 'dark') return stored;
    return globalThis.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

/** View-only state: theme, panels, search, filter, dialogs, and requests to the graph. */
export class ViewState {
  theme = $state<Theme>(storedTheme());
  leftTab = $state<'elements' | 'add' | 'services'>('elements');
  rightTab = $state<'inspector' | 'plan' | 'trace' | 'push'>('inspector');
  search = $state('');
  /** Service whose elements stay lit; everything else is dimmed. */
  filterServiceId = $state<string | null>(null);
  dialog = $state<DialogKind | null>(null);
  /** Model ids the graph should centre on; `seq` makes repeated requests distinct. */
  reveal = $state.raw<{ readonly ids: readonly string[]; readonly seq: number } | null>(null);
  /** Incremented to ask the graph to fit everything (after opening a project, auto-layout). */
  fitRequest = $state(0);
  /** Element a lint finding points at. */
  flagged = $state<string | null>(null);
  private graph: GraphCommands | null = null;

  toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    try {
      globalThis.localStorage?.setItem(THEME_KEY, this.theme);
    } catch {
      // Storage can be off (private mode); the theme still applies for this session.
    }
  }

  revealElements(ids: readonly string[]): void {
    this.reveal = { ids, seq: (this.reveal?.seq ?? 0) + 1 };
  }

  attachGraph(commands: GraphCommands | null): void {
    this.graph = commands;
  }

  fit(): void {
    this.graph?.fit();
  }

  zoomIn(): void {
    this.graph?.zoomBy(1.25);
  }

  zoomOut(): void {
    this.graph?.zoomBy(0.8);
  }

  /** Downloads the graph as PNG or SVG (what is drawn, highlights included). */
  exportGraph(format: 'png' | 'svg', projectName: string): void {
    const image = this.graph?.image(format);
    if (image) downloadBlob(`${projectName.replace(/[^\w.-]+/g, '_') || 'wicm'}-graph.${format}`, image);
  }
}
