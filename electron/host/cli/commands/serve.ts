import { CoreError } from '../../../../core/util/core-error';
import { startEngineHost } from '../../engine-host';
import { startHttpTransport } from '../../http';
import { defaultDataDir, findRendererDir } from '../../paths';
import { createStderrLogger } from '../../platform/logger';
import { EXIT, parseOptions, parsePort, type CliCommand } from '../command';

/** Default port of browser mode / `wicm serve`. */
export const DEFAULT_PORT = 4321;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the UI (browser mode) and the engine over HTTP on 127.0.0.1',
  usage: `Usage: wicm serve [--port N] [--host ADDR] [--project FILE.wicm] [--empty] [--no-ui] [--reason TEXT]

Serves the same renderer and engine as the desktop app, at http://127.0.0.1:<port>/.
  --port N         TCP port (default ${DEFAULT_PORT}, env WICM_PORT; 0 = any free port)
  --host ADDR      bind address (default 127.0.0.1; anything else still needs the token)
  --project FILE   open this project (default: the last one, or the bundled sample WAN)
  --empty          start with a new empty project instead
  --no-ui          serve the RPC API only
  --reason TEXT    why browser mode was chosen (shown in the UI's title bar)
  --data-dir DIR   where projects and settings live (default $WICM_HOME or ~/.wicm-studio)`,
  async run(argv, io) {
    const { values } = parseOptions(
      argv,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        project: { type: 'string' },
        empty: { type: 'boolean' },
        'no-ui': { type: 'boolean' },
        reason: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      'serve',
    );
    const port = parsePort(values.port ?? io.env.WICM_PORT, DEFAULT_PORT);
    const logger = createStderrLogger({ quiet: true });
    const host = await startEngineHost({
      mode: 'browser',
      modeReason: values.reason ?? null,
      logger,
      dataDir: values['data-dir'] ?? defaultDataDir(),
      ...(values.project ? { projectPath: values.project } : {}),
      ...(values.empty ? { template: 'empty' as const } : {}),
    });
    const rendererDir = values['no-ui'] ? null : findRendererDir();
    if (!values['no-ui'] && rendererDir === null) {
      io.err('wicm: the renderer is not built (out/renderer missing); serving the API only. Run `npm run build`.\n');
    }
    const transport = await startHttpTransport({
      dispatch: host.dispatch,
      onEvent: host.onEvent,
      rendererDir,
      host: values.host ?? '127.0.0.1',
      port,
    }).catch((e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CoreError('INVALID_INPUT', `port ${port} is already in use: pass --port <another> (or --port 0 for any free port).`);
      if (code === 'EADDRNOTAVAIL') throw new CoreError('INVALID_INPUT', `cannot bind to ${values.host}: no such local address.`);
      throw e;
    });
    io.out(`WICM Studio (browser mode) at ${transport.url}\n`);
    if (values['no-ui'] || rendererDir === null) io.out(`API token: ${transport.token}\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void transport.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
