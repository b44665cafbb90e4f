import type { ProjectInfoDto } from '../contract/api';
import type { EventMessage } from '../contract/events';
import type { EnginePorts } from './ports';
import type { ProjectSession } from './project-session';

/** The ports a handler may use: no files, SQL engine or host facts (those stay with the engine). */
export type HandlerPorts = Pick<EnginePorts, 'clock' | 'ids' | 'http' | 'switches' | 'labControllers' | 'profiles' | 'liveLab'>;

/**
 * What a contract handler works with, instead of the whole engine: the open project, the ports
 * it may use, and the two ways it tells the UIs about it.
 */
export interface HandlerContext {
  /** The open project; project.new / project.open replace it, so read it on every call. */
  readonly session: ProjectSession;
  readonly ports: HandlerPorts;
  /** Emits an event to every connected UI. */
  emit(event: EventMessage): void;
  /** Announces a model change made through the session; returns the project's new info. */
  changed(origin: string): ProjectInfoDto;
}

/** The context of an engine whose current session is `current()`. */
export function handlerContext(ports: EnginePorts, current: () => ProjectSession): HandlerContext {
  const emit = (event: EventMessage): void => ports.emit(event);
  return {
    get session(): ProjectSession {
      return current();
    },
    ports,
    emit,
    changed(origin) {
      const info = current().info();
      emit({ name: 'project.didChange', payload: info });
      emit({ name: 'topology.didChange', payload: { revision: info.revision, origin } });
      return info;
    },
  };
}
