import type { ProjectInfoDto } from './api';

/**
 * Events the engine pushes to every connected UI (IPC `rpc:event`, HTTP `GET /events`).
 */
export interface Events {
  /** The open project changed identity, path, dirty flag or undo state. */
  'project.didChange': ProjectInfoDto;
  /** The model changed; clients refetch `topology.get`. `origin` says who changed it. */
  'topology.didChange': { readonly revision: number; readonly origin: string };
}

/** An event name. */
export type EventName = keyof Events;

/** One event as it crosses a transport (a union discriminated by `name`). */
export type EventMessage = { readonly [E in EventName]: { readonly name: E; readonly payload: Events[E] } }[EventName];
