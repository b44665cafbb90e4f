import type { ProjectFileDto, ProjectListDto, RecentProjectsDto } from '../../core/contract/api';
import type { EngineContext } from './context';

/** One row of the Open dialog: a project file, and whether it was opened recently. */
export interface ProjectChoice extends ProjectFileDto {
  readonly recent: boolean;
}

/** The projects the UI may open: File › Open Recent and the Open dialog's list. */
export class FilesState {
  private readonly engine: EngineContext;
  recent = $state.raw<RecentProjectsDto | null>(null);
  list = $state.raw<ProjectListDto | null>(null);
  busy = $state(false);

  constructor(engine: EngineContext) {
    this.engine = engine;
  }

  /** Reads the recent projects again (after a project was opened or saved under a new path). */
  async loadRecent(): Promise<void> {
    const recent = await this.engine.run('Could not read the recent projects', () => this.engine.rpc.call('files.recent', {}));
    if (recent) this.recent = recent;
  }

  /** Reads the projects folders and the recent projects (the Open dialog). */
  async loadAll(): Promise<void> {
    this.busy = true;
    try {
      const [list] = await Promise.all([this.engine.run('Could not list the projects', () => this.engine.rpc.call('files.projects', {})), this.loadRecent()]);
      this.list = list ?? { folders: [], projects: [], truncated: false };
    } finally {
      this.busy = false;
    }
  }
}

/**
 * The Open dialog's rows: recent projects first (most recent first), then the others newest
 * first; those whose name or path contains every word of `query` (any case).
 */
export function projectChoices(recent: RecentProjectsDto | null, list: ProjectListDto | null, query: string): ProjectChoice[] {
  const seen = new Set<string>(); // eslint-disable-line svelte/prefer-svelte-reactivity -- local to one call, never reactive
  const rows: ProjectChoice[] = [];
  for (const p of recent?.projects ?? []) {
    if (seen.has(p.path)) continue;
    seen.add(p.path);
    rows.push({ ...p, recent: true });
  }
  for (const p of list?.projects ?? []) {
    if (seen.has(p.path)) continue;
    seen.add(p.path);
    rows.push({ ...p, recent: false });
  }
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return words.length === 0 ? rows : rows.filter((r) => words.every((w) => r.name.toLowerCase().includes(w) || r.path.toLowerCase().includes(w)));
}

/** `1.2 MB`, `640 KB`, `512 B`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
