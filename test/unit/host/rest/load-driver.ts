/**
 * A concurrent create/delete workload against the REST API (shared by the unit test and
 * bench/rest-load.bench.ts): demi-wicm flows, Open Baton events, T-NOVA allocations and
 * activations, Katana slices, fired in two concurrent waves, then checked against the model.
 * No vitest import here: the bench runs it under plain tsx.
 */
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanDto, ServiceDto } from '../../../../core/contract/dto';
import type { Logger } from '../../../../core/service/ports';
import { startEngineHost } from '../../../../electron/host/engine-host';
import { startHttpTransport } from '../../../../electron/host/http';
import { accessPolicy, createRestApi, type PushConfig } from '../../../../electron/host/rest';

/** How big the workload is: `scale` 1 = 200 requests. */
export interface LoadOptions {
  readonly scale: number;
  readonly push: PushConfig;
  readonly logger: Logger;
}

/** What happened. */
export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  /** Requests that did not answer 2xx, as `METHOD path → status`. */
  readonly failures: readonly string[];
  /** Services that should exist and do not, plus services that exist and should not. */
  readonly lostServices: number;
  /** (input port, filter index) and (PoP port, VLAN) pairs held by more than one rule. */
  readonly duplicateAllocations: number;
  readonly services: number;
  readonly vlansAllocated: number;
}

interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** Service ids this call makes exist (+) or go away (−) when it succeeds. */
  readonly adds?: readonly string[];
  readonly removes?: readonly string[];
}

/** Deterministic shuffle so the kinds interleave the same way on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let a = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    const j = a % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Runs the workload on a fresh sample-WAN engine; closes everything before returning. */
export async function runRestLoad(options: LoadOptions): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-rest-load-'));
  const host = await startEngineHost({ mode: 'cli', logger: options.logger, dataDir: dir, template: 'sample' });
  const api = createRestApi({ dispatch: host.dispatch, logger: options.logger, push: options.push, access: accessPolicy('127.0.0.1', null) });
  const transport = await startHttpTransport({ dispatch: host.dispatch, onEvent: host.onEvent, rendererDir: null, port: 0, router: api.router });
  const base = transport.url.replace(/\/$/, '');
  const instantiate = JSON.parse(await readFile('test/fixtures/reference/openbaton-nsr-instantiate.json', 'utf8')) as { payload: Record<string, unknown> };
  const n = (count: number): number => Math.max(1, Math.round(count * options.scale));
  const failures: string[] = [];
  const send = async (call: Call): Promise<boolean> => {
    const res = await fetch(`${base}${call.path}`, {
      method: call.method,
      headers: call.body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
    await res.arrayBuffer();
    if (res.status >= 300) failures.push(`${call.method} ${call.path} → ${res.status}`);
    return res.status < 300;
  };
  try {
    const flows = n(50);
    const tnova = n(30);
    const slices = n(20);
    const activations = options.push.mode === 'controller' ? Math.floor(tnova / 3) : 0;
    // Without a controller activations (pushes) cannot succeed: more NSR events instead.
    const nsrs = n(10) + Math.floor(tnova / 3) - activations;
    for (let i = 0; i < tnova; i++) {
      await send({ method: 'POST', path: '/nap', body: { nap: { mkt_id: `nap${i}`, client_mkt_id: 'c1', switch: 'openflow:1', ce_port: 1, pe_port: 2 } } });
    }
    const flow = (id: string): Call => ({ method: 'POST', path: '/api/v1/flows', body: { instance_id: id, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] }, adds: [id] });
    const slice = (id: string): Call => ({ method: 'POST', path: '/api/katana/slices', body: { _id: id, connections: [{ core: 'core', radio: 'edge-athens' }, { core: 'core', radio: 'edge-patras' }] }, adds: [`${id}/edge-athens-core`, `${id}/edge-patras-core`] });
    const allocation = (i: number): Call => ({
      method: 'POST',
      path: '/vnf-connectivity',
      body: { service: { ns_instance_id: `t${i}`, client_mkt_id: 'c1', nap_mkt_id: `nap${i}`, ce_pe: ['nfvi1', 'nfvi2'], pe_ce: ['nfvi1'] } },
      adds: [`t${i}`],
    });
    const nsr = (i: number): Call => ({ method: 'POST', path: '/api/v1/nfvo/init', body: { action: 'INSTANTIATE_FINISH', payload: { ...instantiate.payload, id: `nsr-${i}` } }, adds: [`nsr-${i}`] });
    const range = (count: number, from = 0): number[] => Array.from({ length: count }, (_, i) => i + from);
    const half = (count: number): number => Math.floor(count / 2);

    const wave1: Call[] = [...range(flows).map((i) => flow(`f${i}`)), ...range(tnova).map(allocation), ...range(slices).map((i) => slice(`k${i}`))];
    const wave2: Call[] = [
      ...range(half(flows)).map((i): Call => ({ method: 'DELETE', path: `/api/v1/flows/f${i}`, removes: [`f${i}`] })),
      ...range(half(flows)).map((i) => flow(`g${i}`)),
      ...range(Math.floor(tnova / 3)).map((i): Call => ({ method: 'DELETE', path: `/vnf-connectivity/t${i}`, removes: [`t${i}`] })),
      ...range(activations, Math.floor(tnova / 3)).map((i): Call => ({ method: 'PUT', path: `/vnf-connectivity/t${i}` })),
      ...range(half(slices)).map((i): Call => ({ method: 'DELETE', path: `/api/katana/slices/k${i}`, removes: [`k${i}/edge-athens-core`, `k${i}/edge-patras-core`] })),
      ...range(half(slices), slices).map((i) => slice(`k${i}`)),
      ...range(nsrs).map(nsr),
    ];
    const expected = new Set<string>();
    const started = performance.now();
    for (const [w, wave] of [wave1, wave2].entries()) {
      const results = await Promise.all(shuffled(wave, 7 + w).map(async (call) => ({ call, ok: await send(call) })));
      for (const { call, ok } of results) {
        if (!ok) continue;
        for (const id of call.adds ?? []) expected.add(id);
        for (const id of call.removes ?? []) expected.delete(id);
      }
    }
    const seconds = (performance.now() - started) / 1000;

    const snapshot = await host.dispatch('topology.get', {});
    const plans = await host.dispatch('plan.get', {});
    if (!snapshot.ok || !plans.ok) throw new Error('the engine did not answer topology.get / plan.get');
    const actual = new Set((snapshot.value as { services: ServiceDto[] }).services.map((s) => s.id));
    const lostServices = [...expected].filter((id) => !actual.has(id)).length + [...actual].filter((id) => !expected.has(id)).length;
    const holders = new Map<string, number>();
    let vlansAllocated = 0;
    for (const plan of (plans.value as { plans: PlanDto[] }).plans) {
      for (const rule of [...plan.forward.rules, ...plan.reverse.rules]) {
        const filter = `filter ${rule.inPortId}#${rule.filterIndex}`;
        holders.set(filter, (holders.get(filter) ?? 0) + 1);
        if (rule.vlan !== null) {
          vlansAllocated++;
          const vlan = `vlan ${rule.outPortId}#${rule.vlan}`;
          holders.set(vlan, (holders.get(vlan) ?? 0) + 1);
        }
      }
    }
    const duplicateAllocations = [...holders.values()].filter((count) => count > 1).length;
    return { requests: wave1.length + wave2.length, seconds, failures, lostServices, duplicateAllocations, services: actual.size, vlansAllocated };
  } finally {
    await transport.close();
    await rm(dir, { recursive: true, force: true });
  }
}
