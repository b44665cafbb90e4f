import type { GraphRenderer } from '../graph/renderers';
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
const RENDERER_KEY = 'wicm.renderer';

/** A setting kept in localStorage, or `fallback()` when absent, unknown or storage is off. */
function stored<T extends string>(key: string, allowed: readonly T[], fallback: () => T): T {
  try {
    const value = globalThis.localStorage?.getItem(key);
    return allowed.includes(value as T) ? (value as T) : fallback();
  } catch {
    return fallback();
  }
}

function remember(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage can be off (private mode); the setting still applies for this session.
  }
}

const systemTheme = (): Theme => (globalThis.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark');

/** View-only state: theme, panels, search, filter, dialogs, and requests to the graph. */
export class ViewState {
  theme = $state<Theme>(stored(THEME_KEY, ['dark', 'light'], systemTheme));
  /** How cytoscape draws the graph: its 2D canvas renderer or its WebGL one (large graphs). */
  renderer = $state<GraphRenderer>(stored(RENDERER_KEY, ['canvas', 'webgl'], () => 'canvas'));
  /** Why the WebGL renderer could not start, when it fell back to the canvas. */
  rendererFallback = $state<string | null>(null);
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
    remember(THEME_KEY, this.theme);
  }

  /** Switches between the canvas and WebGL renderers (the graph is redrawn from the model). */
  toggleRenderer(): void {
    this.renderer = this.renderer === 'webgl' ? 'canvas' : 'webgl';
    this.rendererFallback = null;
    remember(RENDERER_KEY, this.renderer);
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
