import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import { buildCliBundle, startServe, stopServe, type ServeProcess } from '../../../helpers/serve-process';

/** The built CLI and a lab controller that outlives every `wicm serve` a test starts and kills. */
export interface ServeHarness {
  readonly lab: LabController;
  /** Starts `wicm serve` on `dataDir`, pushing to the lab controller. */
  serve(dataDir: string, args?: readonly string[]): Promise<ServeProcess>;
  /** A fresh data folder, removed after the file. */
  tempDir(prefix: string): Promise<string>;
  /** POSTs demi-wicm flow `i`. */
  post(server: ServeProcess, i: number): Promise<Response>;
}

/** `wicm serve` against a lab VTN, with provisioning. */
export function serveAgainstLabVtn(): ServeHarness {
  return serveAgainstLab('odl-vtn', ['--driver', 'odl-vtn', '--controller-provision'], { WICM_CONTROLLER_PASSWORD: 'admin' });
}

/**
 * Registers the file's set-up and clean-up; the harness is ready inside tests. Each `wicm serve`
 * gets `--controller <lab>` and `serveArgs` (driver and its options) with `env`.
 */
export function serveAgainstLab(kind: 'odl-vtn' | 'onos', serveArgs: readonly string[], env: Record<string, string>): ServeHarness {
  let bundle: Awaited<ReturnType<typeof buildCliBundle>> | undefined;
  let lab: LabController | undefined;
  const dirs: string[] = [];
  const servers: ServeProcess[] = [];
  beforeAll(async () => {
    bundle = await buildCliBundle();
    lab = await startLabController({ kind });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServe(s, 'SIGKILL')));
    await lab?.close();
    await bundle?.remove();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  return {
    get lab() {
      return lab!;
    },
    async serve(dataDir, args = []) {
      const server = await startServe(bundle!.entry, ['--data-dir', dataDir, '--controller', lab!.url, ...serveArgs, ...args], env);
      servers.push(server);
      return server;
    },
    async tempDir(prefix) {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    post: (server, i) => fetch(`${server.url}api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(flowBody(i)) }),
  };
}

/** A demi-wicm flow (demi-wicm `classes.py` body) with a /32 source (one of 250), steered through both PoPs. */
export function flowBody(i: number): Record<string, unknown> {
  return { instance_id: `flow-${i}`, in_seg: `192.168.10.${(i % 250) + 1}/32`, out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] };
}

/**
 * Objects of one flow's whole chain on VTN: 2 flow conditions (forward, reverse) and 8 redirect
 * filters (4 hops each way through pop-athens and pop-patras); the restart test checks it.
 */
export const WHOLE_CHAIN = 10;

/** Write requests the lab controller received. */
export function labWrites(lab: LabController): number {
  return lab.requests().filter((r) => r.method !== 'GET').length;
}

interface VtnState {
  readonly 'vtn-flow-conditions'?: { readonly 'vtn-flow-condition'?: readonly { readonly name: string }[] };
  readonly [key: string]: unknown;
}

/**
 * The redirection chains on the lab VTN, per flow: its flow conditions (forward `…F` and reverse
 * `…R`) plus every flow filter that uses one of them. A chain is whole when it has as many objects
 * as a flow pushed completely; anything between none and that is a partial chain.
 */
export function vtnChains(lab: LabController): Map<string, number> {
  const state = lab.state() as VtnState;
  const chains = new Map<string, number>();
  const add = (condition: string): void => {
    const flow = condition.replace(/[FR]$/, '');
    chains.set(flow, (chains.get(flow) ?? 0) + 1);
  };
  for (const c of state['vtn-flow-conditions']?.['vtn-flow-condition'] ?? []) add(c.name);
  for (const m of JSON.stringify(state.vtns ?? {}).matchAll(/"condition":"([^"]+)"/g)) add(m[1] as string);
  return chains;
}

/** The flows whose chain is neither absent nor whole (`whole` objects). */
export function partialChains(chains: ReadonlyMap<string, number>, whole: number): string[] {
  return [...chains].filter(([, n]) => n !== whole).map(([flow, n]) => `${flow}: ${n} of ${whole} objects`);
}
