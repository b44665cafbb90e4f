import type { Handlers } from '../../contract/api';
import type { ProjectLibrary } from '../ports';

/**
 * `files.*`: the project files the UI may open (the Open dialog's list, File › Open Recent).
 * The host lists them, confined to its allowed folders; without a library (CLI runs) both lists
 * are empty.
 */
export function filesHandlers(library: ProjectLibrary | undefined): Pick<Handlers, 'files.projects' | 'files.recent'> {
  return {
    'files.projects': async () => (library ? library.projects() : { folders: [], projects: [], truncated: false }),
    'files.recent': async () => (library ? library.recent() : { projects: [], hidden: 0 }),
  };
}
