/** A project file a person may open from the UI (the Open dialog, File › Open Recent). */
export interface ProjectFileDto {
  /** Absolute path on the engine's machine: what `project.open` takes. */
  readonly path: string;
  /** The file name without `.wicm`. */
  readonly name: string;
  /** Last change of the file, ISO 8601. */
  readonly modifiedAt: string;
  /** Bytes on disk. */
  readonly size: number;
  /** Services in the project; null when it could not be read cheaply (large or unreadable file). */
  readonly services: number | null;
}

/** The projects in the folders the UI may open from, newest first. */
export interface ProjectListDto {
  /** The folders listed (the data folder's `projects`, then any `--projects-dir`). */
  readonly folders: readonly string[];
  readonly projects: readonly ProjectFileDto[];
  /** More `.wicm` files than the list holds were found (the oldest were left out). */
  readonly truncated: boolean;
}

/** The projects opened most recently that the UI may open again, newest first. */
export interface RecentProjectsDto {
  readonly projects: readonly ProjectFileDto[];
  /** Recent projects left out: gone from disk, or outside the folders this server may open. */
  readonly hidden: number;
}
