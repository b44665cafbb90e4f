import type { GraphRenderer } from '../graph/renderers';
import type { Theme } from '../graph/style';
import { downloadBlob } from '../lib/download';
import { noIds, toggled } from '../lib/sets';
import type { Selection } from './context';

/** A selected model element. */
export type Selected = NonNullable<Selection>;

/** What the graph canvas can be asked to do (registered by GraphCanvas while mounted). */
export interface GraphCommands {
  fit(): void;
  zoomBy(factor: number): void;
  /** The whole graph as an image, in the current theme. */
  image(format: 'png' | 'svg'): Blob;
  /** The model point at the centre of the view (where new elements go without a selection). */
  centre(): { x: number; y: number } | null;
}

/** In-page dialogs. */
export type DialogKind = 'open' | 'saveAs' | 'new' | 'about' | 'import' | 'export' | 'compare';

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

/** The panels beside the graph: the side panel (left) and the details panel (right). */
export type PanelSide = 'left' | 'right';

/** A panel's width and whether it is folded away. */
export interface PanelLayout {
  readonly width: number;
  readonly collapsed: boolean;
}

/** Default width and the range a panel can be dragged to, in CSS pixels. */
export const PANEL_LIMITS: Readonly<Record<PanelSide, { readonly initial: number; readonly min: number; readonly max: number }>> = {
  left: { initial: 266, min: 200, max: 560 },
  right: { initial: 378, min: 280, max: 720 },
};

const PANELS_KEY = 'wicm.panels';

function storedPanels(): Record<PanelSide, PanelLayout> {
  const fallback = { left: { width: PANEL_LIMITS.left.initial, collapsed: false }, right: { width: PANEL_LIMITS.right.initial, collapsed: false } };
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(PANELS_KEY) ?? 'null') as Partial<Record<PanelSide, Partial<PanelLayout>>> | null;
    const read = (side: PanelSide): PanelLayout => {
      const s = saved?.[side];
      return typeof s?.width === 'number' && typeof s.collapsed === 'boolean' ? { width: clampWidth(side, s.width), collapsed: s.collapsed } : fallback[side];
    };
    return { left: read('left'), right: read('right') };
  } catch {
    return fallback;
  }
}

/** A panel width within its side's range. */
export function clampWidth(side: PanelSide, width: number): number {
  const { min, max } = PANEL_LIMITS[side];
  return Math.round(Math.min(max, Math.max(min, width)));
}

const systemTheme = (): Theme => (globalThis.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark');

export type RightTab = 'inspector' | 'plan' | 'trace' | 'push' | 'lab';

/** View-only state: theme, panels, search, filter, dialogs, and requests to the graph. */
export class ViewState {
  theme = $state<Theme>(stored(THEME_KEY, ['dark', 'light'], systemTheme));
  /** How cytoscape draws the graph: its 2D canvas renderer or its WebGL one (large graphs). */
  renderer = $state<GraphRenderer>(stored(RENDERER_KEY, ['canvas', 'webgl'], () => 'canvas'));
  /** Widths of the panels beside the graph, and which are folded away (remembered). */
  panels = $state.raw<Readonly<Record<PanelSide, PanelLayout>>>(storedPanels());
  leftTab = $state<'elements' | 'add' | 'services'>('elements');
  #rightTab = $state<RightTab>('inspector');
  /**
   * Asks before leaving the Inspector with unapplied edits (set by the app); every way of
   * switching tabs, a click or a button that shows its result elsewhere, goes through it.
   */
  leaveInspector: ((next: () => void) => void) | null = null;

  get rightTab(): RightTab {
    return this.#rightTab;
  }

  set rightTab(tab: RightTab) {
    if (this.#rightTab === 'inspector' && tab !== 'inspector' && this.leaveInspector) this.leaveInspector(() => (this.#rightTab = tab));
    else this.#rightTab = tab;
  }
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
  /** Everything selected on the graph (box select, Shift/Ctrl+click); one element or none is `app.selection`. */
  selected = $state.raw<readonly Selected[]>([]);
  /** Bridges drawn as one node, their ports hidden. */
  collapsed = $state.raw<ReadonlySet<string>>(noIds);
  /** Incremented to open the graph's context menu on the selection (toolbar, keyboard). */
  menuRequest = $state(0);
  private graph: GraphCommands | null = null;

  toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    remember(THEME_KEY, this.theme);
  }

  /** Switches between the canvas and WebGL renderers (the graph is redrawn from the model). */
  toggleRenderer(): void {
    this.renderer = this.renderer === 'webgl' ? 'canvas' : 'webgl';
    remember(RENDERER_KEY, this.renderer);
  }

  /** Goes back to the canvas renderer where WebGL cannot run (and stays there on later starts). */
  fallBackToCanvas(): void {
    this.renderer = 'canvas';
    remember(RENDERER_KEY, this.renderer);
  }

  /** Sets a panel's width (clamped to its range); a folded panel unfolds. */
  resizePanel(side: PanelSide, width: number): void {
    this.setPanel(side, { width: clampWidth(side, width), collapsed: false });
  }

  /** Folds a panel away, or brings it back at its last width. */
  togglePanel(side: PanelSide): void {
    this.setPanel(side, { ...this.panels[side], collapsed: !this.panels[side].collapsed });
  }

  private setPanel(side: PanelSide, layout: PanelLayout): void {
    this.panels = { ...this.panels, [side]: layout };
    remember(PANELS_KEY, JSON.stringify(this.panels));
  }

  openGraphMenu(): void {
    this.menuRequest += 1;
  }

  /** Collapses a bridge into one node, or expands it again. */
  toggleCollapsed(bridgeId: string): void {
    this.collapsed = toggled(this.collapsed, bridgeId);
  }

  /** The model point at the centre of the view, when the graph is drawn. */
  viewCentre(): { x: number; y: number } | null {
    return this.graph?.centre() ?? null;
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
