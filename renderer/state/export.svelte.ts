import type { ExportFileDto, ExportFormatDto, ExportRequestDto } from '../../core/contract/api';
import type { EngineContext } from './context';
import type { PlanViewState } from './plan.svelte';
import type { ViewState } from './view.svelte';

/** The NSR export format that the importer of each format reads back. */
const NSR_OF_IMPORT: Readonly<Record<string, ExportFormatDto['id']>> = {
  openbaton: 'nsr-openbaton',
  sol005: 'nsr-sol005',
  osm: 'nsr-osm',
  katana: 'nsr-katana',
  'demi-flows': 'nsr-demi',
  tnova: 'nsr-tnova',
};

/** Whether a format writes services as NSR / request documents (no plan needed). */
export function isNsrExport(format: string): boolean {
  return format.startsWith('nsr-');
}

/** What the export dialog works with. */
export interface ExportContext {
  readonly engine: EngineContext;
  readonly planView: Pick<PlanViewState, 'serviceId'>;
  readonly view: Pick<ViewState, 'dialog'>;
}

/** File exports of the stored plans (controller payloads, scripts) or of the topology. */
export class ExportState {
  private readonly ctx: ExportContext;
  formats = $state.raw<readonly ExportFormatDto[]>([]);
  format = $state<ExportFormatDto['id']>('plan-json');
  /** '' = every planned service. */
  serviceId = $state('');
  teardown = $state(false);
  labPrelude = $state(false);
  tenant = $state('');
  file = $state.raw<ExportFileDto | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  current = $derived(this.formats.find((f) => f.id === this.format) ?? null);

  constructor(ctx: ExportContext) {
    this.ctx = ctx;
  }

  async open(): Promise<void> {
    this.file = null;
    this.error = null;
    this.serviceId = this.ctx.planView.serviceId ?? '';
    this.ctx.view.dialog = 'export';
    if (this.formats.length === 0) this.formats = (await this.ctx.engine.run('Could not list export formats', () => this.ctx.engine.rpc.call('export.formats', {}))) ?? [];
  }

  /**
   * The dialog set to export one service as an NSR: in the format it was imported from, else
   * Open Baton's (the format demi-wicm's NFVO hook receives).
   */
  async openNsr(serviceId: string, importedFrom: string | null): Promise<void> {
    await this.open();
    this.serviceId = serviceId;
    const same = NSR_OF_IMPORT[importedFrom ?? ''];
    this.format = same && this.formats.some((f) => f.id === same) ? same : 'nsr-openbaton';
  }

  async run(): Promise<void> {
    this.busy = true;
    this.error = null;
    const req: ExportRequestDto = {
      format: this.format,
      ...(this.serviceId ? { serviceIds: [this.serviceId] } : {}),
      ...(this.teardown && this.current?.supportsTeardown ? { teardown: true } : {}),
      ...(this.labPrelude && !isNsrExport(this.format) ? { labPrelude: true } : {}),
      ...(this.tenant.trim() ? { tenant: this.tenant.trim() } : {}),
    };
    try {
      this.file = await this.ctx.engine.rpc.call('export.run', req);
    } catch (e) {
      this.file = null;
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }
}
