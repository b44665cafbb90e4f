import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Envelope } from '../../../../core/contract/errors';
import type { Dispatch } from '../../../../electron/host/dispatch';
import { startEngineHost, type EngineHost } from '../../../../electron/host/engine-host';
import { startHttpTransport, type HttpTransport } from '../../../../electron/host/http';
import { accessPolicy, createRestApi, type PushConfig, type RestApi } from '../../../../electron/host/rest';
import { memoryLogger } from '../../../helpers/quiet-logger';

/** A reference payload as text. */
export const fixtureText = (name: string): string => readFileSync(`test/fixtures/reference/${name}`, 'utf8');
/** A reference payload parsed. */
export const fixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(fixtureText(name)) as T;

/** An answer of the REST API, body parsed. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // Tests read into bodies freely; their shapes are asserted.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** A running REST API over a fresh sample-WAN engine. */
export interface RestHarness {
  readonly host: EngineHost;
  readonly api: RestApi;
  readonly transport: HttpTransport;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** Calls the API; objects are sent as JSON. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** Calls the engine's contract directly (what the UI sees). */
  rpc<T = unknown>(method: string, req?: unknown): Promise<T>;
  /** Every push.* / controllers.* call the REST API made (with a fake push). */
  readonly pushCalls: { method: string; req: unknown }[];
}

/** What a fake push does. */
export type FakePush = 'ok' | 'refuse' | 'unreachable';

export interface HarnessOptions {
  readonly push?: PushConfig;
  /** Builds the push configuration from the engine (e.g. `resolvePushConfig` starting a lab through the contract). */
  readonly pushFrom?: (dispatch: Dispatch) => Promise<PushConfig>;
  /** Answer push.* calls without a controller (the REST API's view of the contract). */
  readonly fakePush?: FakePush | (() => FakePush);
  /** Awaited by the fake push before it answers (to look at the API while a push runs). */
  readonly fakePushGate?: () => Promise<void>;
  /** Declared exposure (the server still listens on 127.0.0.1). */
  readonly bindHost?: string;
  readonly token?: string;
  readonly bodyLimit?: number;
  /** `--allow-from` networks. */
  readonly allowFrom?: readonly string[];
  /** Act as a peer on another machine with this address (the server still listens on 127.0.0.1). */
  readonly remotePeer?: string;
  /** Told each contract method the REST API calls (to prove what a request reads). */
  readonly onDispatch?: (method: string) => void;
}

/** A controller target for tests that never talk to it (fake push); it provisions, so T-NOVA VLANs can be applied over VTN. */
export const FAKE_TARGET: PushConfig = { mode: 'controller', target: { kind: 'odl-vtn', url: 'http://127.0.0.1:9', user: 'admin', password: 'admin' }, label: 'fake', provision: true };

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** Starts the engine on the sample WAN, the REST API and the HTTP transport with it mounted. */
export async function startRest(options: HarnessOptions = {}): Promise<RestHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-rest-'));
  const logger = memoryLogger();
  const host = await startEngineHost({ mode: 'cli', logger, dataDir: dir, template: 'sample' });
  const pushCalls: { method: string; req: unknown }[] = [];
  const fake = options.fakePush;
  const inner: Dispatch = fake === undefined ? host.dispatch : fakePushDispatch(host.dispatch, typeof fake === 'function' ? fake : () => fake, pushCalls, options.fakePushGate);
  const spy = options.onDispatch;
  const dispatch: Dispatch = spy === undefined ? inner : (method, req) => (spy(method), inner(method, req));
  const api = createRestApi({
    dispatch,
    logger,
    push: options.pushFrom ? await options.pushFrom(host.dispatch) : (options.push ?? (fake === undefined ? { mode: 'plan-only' } : FAKE_TARGET)),
    access: accessPolicy(options.bindHost ?? '127.0.0.1', options.token, options.allowFrom ?? []),
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
  });
  const remote = options.remotePeer;
  const transport = await startHttpTransport({
    dispatch: host.dispatch,
    onEvent: host.onEvent,
    rendererDir: null,
    port: 0,
    router: api.router,
    ...(remote === undefined ? {} : { isLoopbackPeer: () => false, peerAddress: () => remote }),
  });
  open.push({ close: async () => {
    await transport.close();
    await rm(dir, { recursive: true, force: true });
  } });
  const base = transport.url.replace(/\/$/, '');
  return {
    host,
    api,
    transport,
    base,
    pushCalls,
    call: async (method, path, body, headers = {}) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, text, body: parsed };
    },
    rpc: async <T>(method: string, req: unknown = {}) => {
      const envelope = await host.dispatch(method, req);
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.value as T;
    },
  };
}

/** The real dispatch, with push.apply / push.teardown answered by a stand-in controller. */
function fakePushDispatch(real: Dispatch, mode: () => FakePush, calls: { method: string; req: unknown }[], gate?: () => Promise<void>): Dispatch {
  return async (method, req): Promise<Envelope> => {
    if (method !== 'push.apply' && method !== 'push.teardown') return real(method, req);
    calls.push({ method, req });
    await gate?.();
    const how = mode();
    if (how === 'unreachable') return { ok: false, error: { code: 'DRIVER_UNAVAILABLE', message: 'connection refused (fake)' } };
    const ok = how === 'ok';
    const failedStep = ok ? null : { seq: 1, action: 'create', objectId: 'filter:x', serviceId: '*', summary: 'fake', method: 'POST', path: '/x', status: 'failed', error: '409 refused' };
    const message = ok ? 'Pushed (fake).' : 'The controller refused step 1 (fake).';
    return { ok: true, value: { ok, operation: method === 'push.apply' ? 'push' : 'teardown', dryRun: false, steps: [{ seq: 1 }], failedStep, undone: ok ? 0 : 1, verified: true, timings: { planMs: 1, pushMs: 2 }, requests: 3, services: [], message } };
  };
}

/** Services of the engine (what the UI shows). */
export async function services(h: RestHarness): Promise<{ id: string; state: string; chain: string[]; attributes: Record<string, unknown>; provenance: { format: string; recordId: string | null } | null }[]> {
  return (await h.rpc<{ services: never[] }>('topology.get')).services;
}
