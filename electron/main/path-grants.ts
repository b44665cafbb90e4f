import { resolve } from 'node:path';
import type { Envelope } from '../../core/contract/errors';
import type { Logger } from '../../core/service/ports';
import { quoteForLog } from './security';
import { isInside, realLocation } from '../host/platform/real-path';

/** What a path was granted for: reading it (open) or also writing it (save as, export). */
export type GrantKind = 'read' | 'write';

/**
 * The RPC methods that take a file path from the page, where it is, and what they do with it.
 * A test checks that every method whose request has a `path` is listed here.
 */
export const PATH_METHODS: Readonly<Record<string, { readonly field: 'path'; readonly kind: GrantKind; readonly action: string; readonly menu: string }>> = {
  'project.open': { field: 'path', kind: 'read', action: 'Opening', menu: 'File › Open…' },
  'project.saveAs': { field: 'path', kind: 'write', action: 'Saving to', menu: 'File › Save As…' },
  // Compare with… picks its file natively (granted); a path typed in the page must be in the
  // projects folder or a recent project.
  'project.compare': { field: 'path', kind: 'read', action: 'Comparing with', menu: 'File › Compare with…' },
};

/**
 * Which file paths the page may hand to the engine in the desktop app. The page itself is never
 * trusted with the file system: it reaches paths in the data folder's projects directory, the
 * projects the user opened before (recent), and the paths the user picked in a native dialog
 * (the main process grants each one here). Any other path from the page is refused.
 */
export class PathGrants {
  private readonly granted = new Map<string, GrantKind>();

  constructor(
    private readonly projectsDir: string,
    private readonly recent: () => Promise<readonly string[]>,
  ) {}

  /** Records a path the user chose (a native dialog, the OS, the command line). */
  grant(path: string, kind: GrantKind): void {
    const key = resolve(path);
    if (this.granted.get(key) !== 'write') this.granted.set(key, kind);
  }

  /** Whether the page may use `path` for `kind`. */
  async allows(path: string, kind: GrantKind): Promise<boolean> {
    const absolute = resolve(path);
    const granted = this.granted.get(absolute);
    if (granted === 'write' || granted === kind) return true;
    if (isInside(await realLocation(this.projectsDir), await realLocation(absolute)) && absolute !== resolve(this.projectsDir)) return true;
    const recent = await this.recent().catch(() => [] as readonly string[]);
    return recent.some((p) => resolve(p) === absolute);
  }

  /** The folder the page may always use. */
  get projectsFolder(): string {
    return resolve(this.projectsDir);
  }
}

/**
 * Checks a call from the page before it reaches the engine. Returns the refusal envelope when the
 * method takes a path the user did not choose, else the request to dispatch, with its path made
 * absolute (the path that was checked is the path that is used).
 */
export async function confinePathRequest(
  grants: PathGrants,
  method: string,
  req: unknown,
  logger?: Pick<Logger, 'warn'>,
): Promise<{ readonly ok: true; readonly req: unknown } | { readonly ok: false; readonly reply: Envelope }> {
  const rule = Object.prototype.hasOwnProperty.call(PATH_METHODS, method) ? PATH_METHODS[method] : undefined;
  if (!rule || typeof req !== 'object' || req === null) return { ok: true, req };
  const path: unknown = (req as Record<string, unknown>)[rule.field];
  // A missing or mistyped path is the contract's business: the dispatcher explains it.
  if (typeof path !== 'string' || path === '' || path.includes('\0')) return { ok: true, req };
  if (await grants.allows(path, rule.kind)) return { ok: true, req: { ...req, [rule.field]: resolve(path) } };
  const message =
    `${rule.action} ${JSON.stringify(path)} was refused: the desktop app uses files outside its projects folder ` +
    `(${grants.projectsFolder}) only when you choose them yourself. Use ${rule.menu} to choose the file.`;
  logger?.warn(`refused ${method} from the page: the path was not chosen in a file dialog`, quoteForLog(path));
  return { ok: false, reply: { ok: false, error: { code: 'INVALID_INPUT', message, details: { issues: [{ pointer: `/${rule.field}`, message }] } } } };
}
