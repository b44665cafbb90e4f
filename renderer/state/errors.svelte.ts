import { RpcError } from '../lib/rpc/client';

/** One error shown to the user. */
export interface ShownError {
  readonly id: number;
  readonly title: string;
  readonly message: string;
}

/** The single place errors go in the renderer (toasts); actions post here, never alert(). */
export class ErrorState {
  items = $state.raw<readonly ShownError[]>([]);
  private nextId = 1;

  post(title: string, error: unknown): void {
    const message = error instanceof RpcError || error instanceof Error ? error.message : String(error);
    this.items = [...this.items, { id: this.nextId++, title, message }].slice(-5);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((e) => e.id !== id);
  }
}
