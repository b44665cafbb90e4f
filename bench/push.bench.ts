// Push 1,000 multi-hop services (both directions) to the lab controllers on loopback, with the
// drivers' bounded concurrency, against a one-request-at-a-time baseline measured in the same
// run (target ≥ 3×). The lab controller runs in a child process, as a real controller runs apart
// from the engine. The lab answers instantly, so on a small machine both processes are CPU-bound
// and concurrency gains little; the ONOS `_1ms_service` metric adds 1 ms of service time per request
// in the child (a real OpenDaylight RPC or ONOS flow write takes several), which is what
// concurrency is for. ONOS flows go out in batches (one POST per chain depth and 500 flows), so
// its requests/s says little: `writes_per_s` counts flows. One JSON line per metric on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ControllerTargetDto } from '../core/contract/api';
import type { ServiceDto } from '../core/contract/dto';
import { createDriver, driverEntry, memoryJournal, runTransaction, type DesiredObject } from '../core/drivers';
import { countingClient } from '../core/drivers/report';
import { parseTopologyJson } from '../core/store/documents';
import { planServices } from '../core/service/planning';
import { LAB_DEFAULT_CREDENTIALS, startLabController, type LabKind } from '../electron/host/lab';
import { createNodeHttpClient } from '../electron/host/platform/http-client';

const SERVICES = 1000;

if (process.argv[2] === '--lab-child') {
  const serviceMs = Number(process.argv[4] ?? '0');
  if (serviceMs > 0) {
    // Emulated controller service time: every request is handled `serviceMs` later.
    const emit = Server.prototype.emit;
    Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event !== 'request') return Reflect.apply(emit, this, [event, ...args]) as boolean;
      setTimeout(() => Reflect.apply(emit, this, [event, ...args]), serviceMs);
      return true;
    };
  }
  const lab = await startLabController({ kind: process.argv[3] as LabKind });
  process.stdout.write(`${lab.url}\n`);
  process.on('SIGTERM', () => void lab.close().then(() => process.exit(0)));
} else {
  await main();
}

function emit(metric: string, value: number, unit: string, extra: Record<string, number> = {}): void {
  process.stdout.write(`${JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit, ...extra })}\n`);
}

async function startChild(kind: LabKind, serviceMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--lab-child', kind, String(serviceMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`lab controller exited with ${code}`)));
  });
  return { child, url };
}

function services(): ServiceDto[] {
  return Array.from({ length: SERVICES }, (_, i) => ({
    id: `bench${i}`,
    name: `bench ${i}`,
    inSegment: `192.168.10.${i % 250}/32`,
    outSegment: `10.20.0.${Math.floor(i / 250)}/32`,
    chain: ['pop-athens', 'pop-patras'],
    reverseChain: null,
    state: 'planned',
    provenance: null,
    attributes: {},
  }));
}

async function reset(http: ReturnType<typeof createNodeHttpClient>, target: ControllerTargetDto): Promise<void> {
  const r = await http.request('POST', `${target.url}/__lab/reset`, { auth: { user: target.user, password: target.password } });
  if (r.status !== 204) throw new Error(`lab reset failed: ${r.status}`);
}

async function main(): Promise<void> {
  const { topology } = parseTopologyJson(readFileSync(new URL('../resources/sample/sample-wan.json', import.meta.url), 'utf8'));
  const all = services();
  const t0 = performance.now();
  const { plans } = planServices(topology, all);
  emit('push_plan_1000_services_ms', performance.now() - t0, 'ms');
  const failed = plans.filter((p) => p.diagnostics.some((d) => d.severity === 'error'));
  if (failed.length > 0) throw new Error(`${failed.length} services did not plan: ${failed[0]?.diagnostics[0]?.message}`);

  const runs = [
    { kind: 'odl-vtn', serviceMs: 0 },
    { kind: 'onos', serviceMs: 0 },
    { kind: 'onos', serviceMs: 1 },
  ] as const;
  for (const { kind, serviceMs } of runs) {
    const { child, url } = await startChild(kind, serviceMs);
    const http = createNodeHttpClient({ maxSockets: 64 });
    try {
      const target: ControllerTargetDto = { kind, url, ...LAB_DEFAULT_CREDENTIALS[kind], timeoutMs: 30_000 };
      const driver = createDriver(target);
      const perService: DesiredObject[][] = plans.map((plan) => driver.desired({ topology, services: all, plans: [plan], provision: kind === 'odl-vtn' }));
      const desired: DesiredObject[] = perService.flat();
      const scope = new Set(all.map((s) => s.id));
      const push = async (concurrency: number): Promise<{ ms: number; requests: number; writes: number }> => {
        await reset(http, target);
        const counted = countingClient(http);
        const start = performance.now();
        const result = await runTransaction(
          { driver, http: counted.client, journal: memoryJournal(), now: () => performance.now(), concurrency, txId: `bench-${concurrency}` },
          { operation: 'push', desired, scope, dryRun: false },
        );
        const ms = performance.now() - start;
        if (!result.ok || !result.verified) throw new Error(`push failed: ${result.message}`);
        // Objects written: an ONOS batch step carries up to ONOS_BATCH_FLOWS flows in one request.
        return { ms, requests: counted.count(), writes: result.steps.reduce((n, o) => n + (o.step.members?.length ?? 1), 0) };
      };
      const serial = await push(1);
      const concurrency = driverEntry(kind).defaults.maxConcurrency;
      const parallel = await push(concurrency);
      const rate = (r: { ms: number; requests: number }): number => r.requests / (r.ms / 1000);
      const name = `${kind === 'odl-vtn' ? 'vtn' : 'onos'}_1000_services${serviceMs > 0 ? `_${serviceMs}ms_service` : ''}`;
      emit(`push_${name}_requests_per_s`, rate(parallel), 'req/s', {
        baseline: Math.round(rate(serial)),
        ratio: Math.round((rate(parallel) / rate(serial)) * 100) / 100,
        concurrency,
        writes_per_s: Math.round(parallel.writes / (parallel.ms / 1000)),
        target: 3,
      });
      emit(`push_${name}_ms`, parallel.ms, 'ms', { baseline: Math.round(serial.ms), writes: parallel.writes, requests: parallel.requests });
      if (serviceMs === 0) {
        // The same 1,000 services pushed one transaction each (what 1,000 orchestrator requests
        // do), against the one transaction above.
        await reset(http, target);
        const journal = memoryJournal();
        const start = performance.now();
        for (const [i, own] of perService.entries()) {
          const serviceId = plans[i]!.serviceId;
          const result = await runTransaction(
            { driver, http, journal, now: () => performance.now(), concurrency, txId: `bench-seq-${i}` },
            { operation: 'push', desired: own, scope: new Set([serviceId]), dryRun: false, scopedRead: true },
          );
          if (!result.ok || !result.verified) throw new Error(`push of ${serviceId} failed: ${result.message}`);
        }
        const sequentialMs = performance.now() - start;
        emit(`push_batch_speedup_${kind === 'odl-vtn' ? 'vtn' : 'onos'}`, sequentialMs / parallel.ms, 'x', { batch_ms: Math.round(parallel.ms), sequential_ms: Math.round(sequentialMs), target: 3 });
      }
    } finally {
      http.close();
      child.kill('SIGTERM');
    }
  }
}
