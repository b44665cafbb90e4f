import { readFile } from 'node:fs/promises';
import { CoreError } from '../../../../core/util/core-error';
import { LAB_DEFAULT_CREDENTIALS, startLabCluster, type LabKind } from '../../lab';
import { EXIT, parseOptions, parsePort, type CliCommand } from '../command';
import { defaultDataDir } from '../../paths';
import { liveLabFile } from '../../live-lab/layout';

const DEFAULT_PORTS: Record<LabKind, number> = { 'odl-vtn': 8181, onos: 8182 };

export const labControllerCommand: CliCommand = {
  name: 'lab-controller',
  summary: 'Run a stand-in OpenDaylight VTN or ONOS controller for offline rehearsal',
  usage: `Usage: wicm lab-controller --kind odl-vtn|onos [--port N] [--host ADDR] [--user U] [--password P]
                           [--faults FILE.json] [--topology FILE.json] [--cluster N] [--data-dir DIR]

Serves a controller that keeps state, answers the read-back endpoints and rejects requests as
the real one does (401, 400, 404, 409…). Admin endpoints: /__lab/state, /__lab/requests,
/__lab/faults, /__lab/reset (same Basic auth).
  --kind       odl-vtn (RESTCONF, default port 8181) or onos (REST, default port 8182)
  --user/--password  Basic auth (defaults: odl-vtn admin/admin, onos admin/karaf;
               the password may come from WICM_LAB_PASSWORD)
  --faults     JSON list of faults, e.g. [{"nth":3,"action":{"kind":"status","status":500}}],
               [{"match":{"pathIncludes":"set-flow-filter"},"action":{"kind":"reset"}}]
  --topology   ONOS devices/ports/links/hosts to serve (default: two switches, four hosts)
  --cluster N  start N members (ports PORT, PORT+1…; with --port 0 each gets a free port) that
               share one state, as an ODL or ONOS cluster: kill one and a push fails over
  --data-dir   data folder of a live lab (default ~/.wicm-studio): while \`wicm lab up\` runs,
               every accepted write is compiled to OpenFlow on the lab's bridges
Stops on Ctrl+C.`,
  async run(argv, io) {
    const { values } = parseOptions(
      argv,
      { kind: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' }, faults: { type: 'string' }, topology: { type: 'string' }, cluster: { type: 'string' }, 'data-dir': { type: 'string' } },
      'lab-controller',
    );
    const kind = values.kind;
    if (kind !== 'odl-vtn' && kind !== 'onos') throw new CoreError('INVALID_INPUT', `--kind must be odl-vtn or onos (got '${kind ?? ''}').`);
    const password = values.password ?? io.env.WICM_LAB_PASSWORD ?? LAB_DEFAULT_CREDENTIALS[kind].password;
    const size = values.cluster === undefined ? 1 : Number(values.cluster);
    if (!Number.isInteger(size) || size < 1 || size > 9) throw new CoreError('INVALID_INPUT', `--cluster must be a number of members from 1 to 9 (got '${values.cluster ?? ''}').`);
    const controllers = await startLabCluster({
      kind,
      host: values.host ?? '127.0.0.1',
      port: parsePort(values.port, DEFAULT_PORTS[kind]),
      user: values.user ?? LAB_DEFAULT_CREDENTIALS[kind].user,
      password,
      ...(values.faults ? { faults: (await readJson(values.faults, '--faults')) as never } : {}),
      ...(values.topology ? { seedTopology: await readJson(values.topology, '--topology') } : {}),
      dataDir: values['data-dir'] ?? defaultDataDir(),
    }, size).catch((e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CoreError('INVALID_INPUT', `port ${values.port ?? DEFAULT_PORTS[kind]} is already in use: pass --port <another> (or 0).`);
      if (e instanceof Error && !(e as NodeJS.ErrnoException).code) throw new CoreError('INVALID_INPUT', e.message);
      throw e;
    });
    const urls = controllers.map((c) => c.url).join(',');
    io.out(`Lab ${kind} ${size > 1 ? `cluster of ${size} members sharing one state at ${urls}` : `controller at ${urls}`} (user ${values.user ?? LAB_DEFAULT_CREDENTIALS[kind].user})\n`);
    io.out(`Live data plane: the live lab of ${liveLabFile(values['data-dir'] ?? defaultDataDir())}, when it is up\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void Promise.all(controllers.map((c) => c.close())).then(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};

async function readJson(path: string, flag: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CoreError('NOT_FOUND', `${flag} ${path}: no such file.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CoreError('INVALID_INPUT', `${flag} ${path}: not valid JSON (${(e as Error).message}).`);
  }
}
