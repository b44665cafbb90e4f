import type { JournalTransactionDto } from '../../core/contract/api';
import type { EngineContext } from './context';

/** The Journal view: the project's push transactions, all or those of one service. */
export class JournalState {
  private readonly engine: EngineContext;
  open = $state(false);
  /** Service the list is narrowed to (id and name), or null for the whole project. */
  service = $state.raw<{ readonly id: string; readonly name: string } | null>(null);
  transactions = $state.raw<readonly JournalTransactionDto[] | null>(null);
  busy = $state(false);

  constructor(engine: EngineContext) {
    this.engine = engine;
  }

  /** Opens the view for the project, or for one service. */
  async show(service: { readonly id: string; readonly name: string } | null = null): Promise<void> {
    this.service = service;
    this.open = true;
    await this.load();
  }

  async load(): Promise<void> {
    this.busy = true;
    this.transactions = null;
    try {
      const req = this.service ? { serviceId: this.service.id } : {};
      this.transactions = (await this.engine.run('Could not read the push journal', () => this.engine.rpc.call('journal.list', req))) ?? [];
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.open = false;
  }
}
