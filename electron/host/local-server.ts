/**
 * The desktop app's opt-in local server: the REST API and `GET /metrics` of `wicm serve`, on
 * 127.0.0.1 only, against the engine of the app's open project, behind an API token. Off by
 * default; the File menu's "Serve REST API and /metrics on 127.0.0.1:<port>" turns it on or off,
 * and the choice is kept in `<dataDir>/local-server.json` (the token in `local-server-token`,
 * readable by the user only), so the next start serves again. Node only: electron/main only
 * wires the menu item and stops it on quit.
 *
 * Requests that would push are planned and wait for a push from the app (plan-only): the
 * desktop's pushes go through its Push dialog and profiles. The RPC API of the transport needs a
 * per-launch token that is never shown, so over HTTP only REST and /metrics are usable.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreError } from '../../core/util/core-error';
import type { Logger } from '../../core/service/ports';
import { confineFileAccess, fileConfinement } from './confined-files';
import type { EngineHost } from './engine-host';
import { startHttpTransport, type HttpTransport } from './http';
import { createMetrics, mountRouters } from './metrics/metrics';
import { projectsDirOf } from './paths';
import { writeFileAtomic } from './platform/node-files';
import { accessPolicy, createRestApi, resolvePushConfig } from './rest';

/** Port the local server uses unless the settings name another. */
export const LOCAL_SERVER_PORT = 4322;

export interface LocalServerSettings {
  readonly enabled: boolean;
  /** TCP port on 127.0.0.1 (0: any free port). */
  readonly port: number;
}

export interface LocalServerStatus extends LocalServerSettings {
  /** `http://127.0.0.1:<port>/` while it runs, else null. */
  readonly url: string | null;
  /** Why the last start failed (port taken…), else null. */
  readonly error: string | null;
}

export interface LocalServer {
  status(): LocalServerStatus;
  /** The API token REST clients and Prometheus send (`Authorization: Bearer …`). */
  token(): Promise<string>;
  /** Starts it when the saved settings say so (at app start). */
  startIfEnabled(): Promise<LocalServerStatus>;
  /** Turns it on or off and saves the choice; a failed start is in the status (and thrown). */
  setEnabled(enabled: boolean): Promise<LocalServerStatus>;
  /** Stops it without changing the saved choice (on quit). */
  close(): Promise<void>;
}

const settingsFile = (dataDir: string): string => join(dataDir, 'local-server.json');
const tokenFile = (dataDir: string): string => join(dataDir, 'local-server-token');

async function readSettings(dataDir: string): Promise<LocalServerSettings> {
  try {
    const json = JSON.parse(await readFile(settingsFile(dataDir), 'utf8')) as Partial<LocalServerSettings>;
    const port = Number.isInteger(json.port) && json.port! >= 0 && json.port! <= 65535 ? json.port! : LOCAL_SERVER_PORT;
    return { enabled: json.enabled === true, port };
  } catch {
    return { enabled: false, port: LOCAL_SERVER_PORT };
  }
}

/** The local server of one desktop engine host; `dataDir` keeps its settings and token. */
export function localServer(host: Pick<EngineHost, 'dispatch' | 'onEvent'>, dataDir: string, logger: Logger): LocalServer {
  let settings: LocalServerSettings | undefined;
  let transport: HttpTransport | null = null;
  let error: string | null = null;

  const current = async (): Promise<LocalServerSettings> => (settings ??= await readSettings(dataDir));
  const status = (): LocalServerStatus => ({ ...(settings ?? { enabled: false, port: LOCAL_SERVER_PORT }), url: transport?.url ?? null, error });

  async function token(): Promise<string> {
    try {
      const saved = (await readFile(tokenFile(dataDir), 'utf8')).trim();
      if (saved !== '') return saved;
    } catch {
      // none yet: made below
    }
    const made = randomBytes(24).toString('base64url');
    await writeFileAtomic(tokenFile(dataDir), new TextEncoder().encode(`${made}\n`), 0o600);
    return made;
  }

  async function start(port: number): Promise<void> {
    const apiToken = await token();
    const access = accessPolicy('127.0.0.1', apiToken);
    const metrics = createMetrics({ dispatch: host.dispatch, access, labDataDir: dataDir });
    const dispatch = metrics.observeDispatch(host.dispatch);
    const rest = createRestApi({ dispatch, logger, push: await resolvePushConfig({ planOnly: true }, {}, dispatch), access });
    const confinement = await fileConfinement(projectsDirOf(dataDir));
    transport = await startHttpTransport({
      dispatch: confineFileAccess(dispatch, confinement),
      onEvent: host.onEvent,
      rendererDir: null,
      host: '127.0.0.1',
      port,
      router: mountRouters(metrics.router, metrics.observeRouter(rest.router, rest.routes)),
      apiToken,
    }).catch((e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CoreError('INVALID_INPUT', code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is already in use: choose another port for the local server in ${settingsFile(dataDir)}.` : `the local server could not start on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  async function run(enabled: boolean): Promise<LocalServerStatus> {
    const { port } = await current();
    error = null;
    if (!enabled) {
      await transport?.close();
      transport = null;
    } else if (transport === null) {
      try {
        await start(port);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        throw e;
      }
    }
    return status();
  }

  return {
    status,
    token,
    async startIfEnabled() {
      const { enabled } = await current();
      return enabled ? run(true).catch(() => status()) : status();
    },
    async setEnabled(enabled) {
      settings = { ...(await current()), enabled };
      await writeFileAtomic(settingsFile(dataDir), new TextEncoder().encode(`${JSON.stringify(settings, null, 2)}\n`));
      return run(enabled);
    },
    async close() {
      await transport?.close();
      transport = null;
    },
  };
}
