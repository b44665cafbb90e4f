import type { ProjectInfoDto, PushRecoveryDto } from './api';

/**
 * Events the engine pushes to every connected UI (IPC `rpc:event`, HTTP `GET /events`).
 */
export interface Events {
  /** The open project changed identity, path, dirty flag or undo state. */
  'project.didChange': ProjectInfoDto;
  /** The model changed; clients refetch `topology.get`. `origin` says who changed it. */
  'topology.didChange': { readonly revision: number; readonly origin: string };
  /**
   * The desktop shell asks the UI to run a command from its native menu (Import NSR…, Export…,
   * Fit, Zoom, Theme…). `file` carries a document the user picked in a native dialog.
   */
  /** A push or teardown applied another step (sent at most ~100 times per operation). */
  'push.didProgress': { readonly operation: 'push' | 'teardown'; readonly done: number; readonly total: number; readonly current: string };
  /** Pushes or teardowns a crash interrupted were settled (rolled back or completed): show it once. */
  'push.didRecover': PushRecoveryDto;
  'app.didRequestCommand': {
    readonly command: UiCommand;
    /** A document the native Import dialog read (importNsr). */
    readonly file?: { readonly name: string; readonly text: string };
    /** A file the user picked in a native dialog, granted to the page (compare). */
    readonly path?: string;
  };
}

/** Commands the native menu hands to the UI. */
export type UiCommand = 'importNsr' | 'export' | 'push' | 'trace' | 'fit' | 'zoomIn' | 'zoomOut' | 'toggleTheme' | 'toggleRenderer' | 'toggleSidePanel' | 'toggleDetailsPanel' | 'about' | 'compare';

/** An event name. */
export type EventName = keyof Events;

/** One event as it crosses a transport (a union discriminated by `name`). */
export type EventMessage = { readonly [E in EventName]: { readonly name: E; readonly payload: Events[E] } }[EventName];
