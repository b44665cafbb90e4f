import type { PushRecoveryDto } from '../../../../core/contract/api';
import { CoreError } from '../../../../core/util/core-error';
import { resolveApiToken } from '../../api-token';
import { confineFileAccess, fileConfinement } from '../../confined-files';
import { startEngineHost, stopLabControllers } from '../../engine-host';
import { startHttpTransport } from '../../http';
import { defaultDataDir, findRendererDir, projectsDirOf } from '../../paths';
import { createStderrLogger } from '../../platform/logger';
import { accessPolicy, createRestApi, resolvePushConfig } from '../../rest';
import { createMetrics, mountRouters } from '../../metrics/metrics';
import { EXIT, parseOptions, parsePort, type CliCommand } from '../command';

/** Default port of browser mode / `wicm serve`. */
export const DEFAULT_PORT = 4321;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the UI (browser mode) and the engine over HTTP on 127.0.0.1',
  usage: `Usage: wicm serve [--port N] [--host ADDR] [--project FILE.wicm] [--empty] [--editor] [--no-ui] [--reason TEXT]
                  [--controller URL --driver odl-vtn|onos|ovs [--controller-user U] | --lab-controller odl-vtn|onos | --plan-only]
                  [--api-token-file FILE | --api-token TOKEN] [--allow-from CIDR]... [--projects-dir DIR]...

Serves the same renderer and engine as the desktop app, at http://127.0.0.1:<port>/.
  --port N         TCP port (default ${DEFAULT_PORT}, env WICM_PORT; 0 = any free port)
  --host ADDR      bind address (default 127.0.0.1; anything else still needs the token)
  --project FILE   open this project (default: the last one, or the bundled sample WAN saved
                   as <data-dir>/projects/sample-wan.wicm; the start-up output names it)
  --empty          start with a new empty project instead (kept in memory until Save As)
Every accepted change (REST, UI, RPC) is on disk before its answer: it goes to a change log next
to the project (FILE.wicm-log), which holds the changes not yet written into FILE.wicm; the
whole file is rewritten from time to time, on Save and on a clean stop. FILE.wicm stays one plain
SQLite file; after a crash the next start (or open) replays the log into it. The UI then has no
Undo: every change is already final.
  --editor         the desktop editor in a browser instead (what \`npm start\` runs when Electron
                   cannot): changes wait for Save and can be undone, as in the desktop app, so
                   REST and RPC changes too are on disk only after Save
  --no-ui          serve the RPC API only
  --reason TEXT    why browser mode was chosen (shown in the UI's title bar)
  --data-dir DIR   where projects and settings live (default $WICM_HOME or ~/.wicm-studio)
  --projects-dir DIR  also let the UI and RPC clients open and save projects in DIR (repeatable);
                   by default only <data-dir>/projects. Relative paths go to <data-dir>/projects.

Who may connect: without an API token, only programs and browsers on this machine (judged by
the connection's address, not by headers). With an API token, REST clients send it as a Bearer
header (or ?token=), and every browser signs in with it on the page at /login.
  --api-token-file FILE  read the API token from FILE (keeps it out of ps; chmod 600 FILE)
  --api-token TOKEN      the API token on the command line (visible in ps); env WICM_API_TOKEN.
                         A token (16+ characters) or --allow-from is required when --host is not a
                         loopback address. REST clients may also send the token as HTTP Basic
                         credentials: http://wicm:<token>@host:port (any user name).
  --allow-from CIDR      admit REST clients from this network without a token (repeatable),
                         e.g. --allow-from 10.0.0.0/24; all other clients still need the token.

Northbound REST API on the same port (OpenAPI at /api/openapi.json): demi-wicm /api/v1/...,
T-NOVA /nap /nfvi /vnf-connectivity, Katana WIM /api/katana/slices (and /api/sm).
  --controller URL         SDN controller the API pushes to (e.g. http://10.0.0.5:8181); a cluster:
                           once per member, or the members' URLs separated by commas
  --driver KIND            its driver: odl-vtn, onos or ovs (--controller unix:/run/dir or tcp:HOST:PORT)
  --controller-user U      controller user (default admin); password from env WICM_CONTROLLER_PASSWORD
  --controller-tenant T    VTN tenant (default vtn1)
  --controller-app-id ID   ONOS application id (default org.wicm.studio)
  --controller-provision   VTN: also create the tenant, vBridges, vInterfaces and port maps
  --controller-timeout MS  deadline of each controller request (default 10000; 50..600000)
  --lab-controller KIND    start the built-in lab controller (odl-vtn or onos) and push to it
  --plan-only              accept and plan requests without pushing (push from the UI)
                           (with none of these, requests that must push answer 503)`,
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
        controller: { type: 'string', multiple: true },
        driver: { type: 'string' },
        'controller-user': { type: 'string' },
        'controller-tenant': { type: 'string' },
        'controller-app-id': { type: 'string' },
        'controller-provision': { type: 'boolean' },
        'controller-timeout': { type: 'string' },
        'lab-controller': { type: 'string' },
        'plan-only': { type: 'boolean' },
        'api-token': { type: 'string' },
        'api-token-file': { type: 'string' },
        'projects-dir': { type: 'string', multiple: true },
        'allow-from': { type: 'string', multiple: true },
        editor: { type: 'boolean' },
      },
      'serve',
    );
    const port = parsePort(values.port ?? io.env.WICM_PORT, DEFAULT_PORT);
    const logger = createStderrLogger({ quiet: true });
    const apiToken = await resolveApiToken({ flag: values['api-token'], file: values['api-token-file'], env: io.env.WICM_API_TOKEN, cwd: io.cwd });
    const access = accessPolicy(values.host ?? '127.0.0.1', apiToken.token, values['allow-from'] ?? []);
    for (const warning of apiToken.warnings) io.err(`wicm: ${warning}\n`);
    const dataDir = values['data-dir'] ?? defaultDataDir();
    const confinement = await fileConfinement(projectsDirOf(dataDir), values['projects-dir'] ?? [], io.cwd);
    const host = await startEngineHost({
      mode: 'browser',
      modeReason: values.reason ?? null,
      logger,
      dataDir,
      durable: values.editor !== true,
      projectDirs: confinement.dirs,
      ...(values.project ? { projectPath: values.project } : {}),
      ...(values.empty ? { template: 'empty' as const } : {}),
    });
    // GET /metrics (Prometheus): push outcomes are observed on the one dispatch every transport uses.
    const metrics = createMetrics({ dispatch: host.dispatch, access, labDataDir: dataDir });
    const dispatch = metrics.observeDispatch(host.dispatch);
    const pushConfig = await resolvePushConfig(
      {
        controller: values.controller?.join(','),
        driver: values.driver,
        controllerUser: values['controller-user'],
        controllerTenant: values['controller-tenant'],
        controllerAppId: values['controller-app-id'],
        controllerProvision: values['controller-provision'],
        controllerTimeout: values['controller-timeout'],
        labController: values['lab-controller'],
        planOnly: values['plan-only'],
      },
      io.env,
      dispatch,
    );
    // /metrics reads the counters the controller itself keeps (ONOS flow entries).
    if (pushConfig.mode === 'controller') metrics.watchController(pushConfig.target);
    if (pushConfig.mode === 'controller') {
      // A push or teardown a crash interrupted is settled before the first request.
      const recovery = await host.dispatch('push.recover', { target: pushConfig.target });
      if (!recovery.ok) io.err(`wicm: could not check ${pushConfig.label} for pushes a crash interrupted: ${recovery.error.message}\n`);
      else if ((recovery.value as PushRecoveryDto).transactions.length > 0) io.out(`Recovery: ${(recovery.value as PushRecoveryDto).message}\n`);
    }
    const rest = createRestApi({ dispatch, logger, push: pushConfig, access });
    const rendererDir = values['no-ui'] ? null : findRendererDir();
    if (!values['no-ui'] && rendererDir === null) {
      io.err('wicm: the renderer is not built (out/renderer missing); serving the API only. Run `npm run build`.\n');
    }
    const transport = await startHttpTransport({
      // Over HTTP, project files are read and written only in the allowed folders.
      dispatch: confineFileAccess(dispatch, confinement),
      onEvent: host.onEvent,
      rendererDir,
      host: values.host ?? '127.0.0.1',
      port,
      router: mountRouters(metrics.router, metrics.observeRouter(rest.router, rest.routes)),
      apiToken: access.token,
    }).catch((e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CoreError('INVALID_INPUT', `port ${port} is already in use: pass --port <another> (or --port 0 for any free port).`);
      if (code === 'EADDRNOTAVAIL') throw new CoreError('INVALID_INPUT', `cannot bind to ${values.host}: no such local address.`);
      throw e;
    });
    io.out(`WICM Studio (browser mode) at ${transport.url}\n`);
    if (values['no-ui'] || rendererDir === null) io.out(`API token: ${transport.token}\n`);
    else if (access.token !== null) io.out(`Browsers sign in at ${transport.url}login with the API token.\n`);
    const projectPath = host.engine.session.path;
    io.out(
      projectPath === null
        ? 'Project: new and unsaved (--empty): changes stay in memory until Save As.\n'
        : `Project: ${projectPath} (every accepted change is on disk before its answer)\n`,
    );
    io.out(`Project files over HTTP: ${confinement.dirs.join(', ')}\n`);
    const pushing = pushConfig.mode === 'controller' ? `pushing to ${pushConfig.label}` : pushConfig.mode === 'plan-only' ? 'plan only (push from the UI)' : 'no controller: requests that push answer 503';
    const networks = access.allowFrom.length > 0 ? `, no token from ${access.allowFrom.join(', ')}` : '';
    io.out(`REST API at ${transport.url}api/openapi.json (${access.token === null ? 'no token' : 'token required'}${networks}; ${pushing})\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void Promise.all([transport.close(), stopLabControllers()])
          .then(() => host.engine.shutdown())
          .catch((e: unknown) => io.err(`wicm: could not write the project on shutdown (${e instanceof Error ? e.message : String(e)}); the change log keeps the changes.\n`))
          .then(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
