import type { ImportCommitDto, ImportPreviewDto } from '../../core/contract/api';
import type { EngineContext, ProjectContext } from './context';
import type { ViewState } from './view.svelte';

/** What the import dialog works with. */
export interface ImportContext {
  readonly engine: EngineContext;
  readonly project: Pick<ProjectContext, 'refresh'>;
  readonly view: Pick<ViewState, 'dialog'>;
}

/** NSR / request import: pick or paste a document, preview what it does, then commit it. */
export class ImportState {
  private readonly ctx: ImportContext;
  formats = $state.raw<readonly { readonly id: string; readonly label: string }[]>([]);
  text = $state('');
  fileName = $state<string | null>(null);
  /** '' = detect the format. */
  format = $state('');
  planAfter = $state(true);
  preview = $state.raw<ImportPreviewDto | null>(null);
  result = $state.raw<ImportCommitDto | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** Set once a topology file (JSON or YAML) replaced the project's topology. */
  topologyReplaced = $state(false);

  constructor(ctx: ImportContext) {
    this.ctx = ctx;
  }

  /** Opens the dialog (fresh), loading the format list once. */
  async open(): Promise<void> {
    this.text = '';
    this.fileName = null;
    this.clearOutcome();
    this.ctx.view.dialog = 'import';
    if (this.formats.length === 0) this.formats = (await this.ctx.engine.run('Could not list import formats', () => this.ctx.engine.rpc.call('import.formats', {}))) ?? [];
  }

  /** Reads a file the user picked (in the page: the engine never sees the local path). */
  async loadFile(file: File): Promise<void> {
    const text = textOfFile(file.name, new Uint8Array(await file.arrayBuffer()));
    if (typeof text === 'string') {
      await this.loadText(file.name, text);
      return;
    }
    // A binary file is refused by name, never shown as mojibake.
    this.text = '';
    this.fileName = file.name;
    this.clearOutcome();
    this.error = text.error;
  }

  /** Previews a document given as text (a dropped file, or one the native Import NSR… dialog read). */
  async loadText(fileName: string, text: string): Promise<void> {
    this.text = text;
    this.fileName = fileName;
    await this.runPreview();
  }

  /** True when the text is a WICM topology (JSON or YAML) rather than an NSR / request. */
  get isTopology(): boolean {
    return isTopologyText(this.text);
  }

  /** Replaces the project's topology with the one in the text (one undoable step). */
  async replaceTopology(): Promise<void> {
    await this.step(async () => {
      const done = await this.ctx.engine.rpc.call('topology.import', { text: this.text });
      this.topologyReplaced = true;
      await this.ctx.project.refresh(done.project.revision);
    });
  }

  clearOutcome(): void {
    this.topologyReplaced = false;
    this.preview = null;
    this.result = null;
    this.error = null;
  }

  async runPreview(): Promise<void> {
    // A topology file has no preview: the dialog offers to replace the topology instead.
    if (this.isTopology) return;
    await this.step(async () => {
      this.preview = await this.ctx.engine.rpc.call('import.preview', this.request());
    });
  }

  async commit(): Promise<void> {
    await this.step(async () => {
      this.result = await this.ctx.engine.rpc.call('import.commit', { ...this.request(), plan: this.planAfter });
      this.preview = null;
      await this.ctx.project.refresh(this.result.project.revision);
    });
  }

  private request(): { text: string; fileName?: string; format?: string } {
    return { text: this.text, ...(this.fileName ? { fileName: this.fileName } : {}), ...(this.format ? { format: this.format } : {}) };
  }

  private async step(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (e) {
      // Parse and validation problems belong in the dialog, next to the document.
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }
}

/** A WICM topology document: `"schema": "wicm-topology/1"` (JSON) or `schema: wicm-topology-yaml/1` (YAML). */
export function isTopologyText(text: string): boolean {
  const head = text.slice(0, 8192);
  return /"schema"\s*:\s*"wicm-topology\/1"/.test(head) || /^schema:\s*["']?wicm-topology-yaml\/1["']?\s*(#.*)?$/m.test(head);
}

/**
 * The text of a picked file, or why it is not one: bytes that are not UTF-8 text (a NUL byte,
 * an invalid sequence) are "not a text file", with what to do instead.
 */
export function textOfFile(name: string, bytes: Uint8Array): string | { readonly error: string } {
  const isSqlite = new TextDecoder('latin1').decode(bytes.subarray(0, 16)) === 'SQLite format 3\u0000';
  const notText = {
    error: `“${name}” is not a text file. Import reads NSRs, service requests and topology files as JSON or YAML text.${isSqlite ? ' To bring in a demi-wicm wim_info.db or a .wicm project, use File › Open….' : ''}`,
  };
  if (bytes.subarray(0, 65536).includes(0)) return notText;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return notText;
  }
}
