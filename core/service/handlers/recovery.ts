import type { Handlers, ProjectInfoDto } from '../../contract/api';
import type { SqlEngine } from '../../store/sqlite-port';
import { CoreError } from '../../util/core-error';
import { ProjectSession } from '../project-session';
import type { RecoveryStore } from '../ports';

/**
 * `recovery.*`: offers the unsaved work a run that stopped left behind. Restoring opens it as
 * the project, unsaved and at its old path (Save writes it there), then removes the copy.
 */
export function recoveryHandlers(
  store: RecoveryStore | undefined,
  sql: SqlEngine,
  replace: (session: ProjectSession) => Promise<ProjectInfoDto>,
): Pick<Handlers, 'recovery.status' | 'recovery.restore' | 'recovery.discard'> {
  return {
    'recovery.status': async () => {
      const work = await store?.pending();
      return work ? { name: work.name, path: work.path, savedAt: work.savedAt } : null;
    },
    'recovery.restore': async () => {
      const work = await store?.pending();
      if (!work) throw new CoreError('NOT_FOUND', 'There is no unsaved work to restore.');
      const info = await replace(ProjectSession.recovered(sql, work.bytes, work.name, work.path));
      await store!.discardPending();
      return info;
    },
    'recovery.discard': async () => ({ discarded: (await store?.discardPending()) ?? false }),
  };
}
