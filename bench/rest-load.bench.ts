/**
 * REST API under load: 200 concurrent requests on loopback (demi-wicm flows created and
 * deleted, Open Baton events, T-NOVA allocations, activations and deletions, Katana slices
 * created and terminated) in two concurrent waves, pushed to a lab ODL VTN controller when the
 * engine can push (plan-only otherwise). Checks that no service is lost and that no filter
 * index or VLAN is held twice. The same workload runs plan-only first (`rest_load_plan_only_*`).
 * Prints one JSON line per metric.
 */
import { isMethod } from '../core/contract/validate';
import { startLabController } from '../electron/host/lab';
import type { PushConfig } from '../electron/host/rest';
import { runRestLoad, type LoadResult } from '../test/unit/host/rest/load-driver';

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, d?: unknown) => process.stderr.write(`${m} ${String(d ?? '')}\n`) };

const line = (metric: string, value: number, unit: string): void => {
  process.stdout.write(`${JSON.stringify({ metric, value, unit })}\n`);
};

/** The metrics of one run, named `<prefix>_…`; false when the run lost, doubled or failed anything. */
function report(prefix: string, result: LoadResult): boolean {
  if (result.failures.length > 0) process.stderr.write(`${prefix}: failed requests:\n  ${result.failures.join('\n  ')}\n`);
  line(`${prefix}_requests`, result.requests, 'requests');
  line(`${prefix}_seconds`, Math.round(result.seconds * 1000) / 1000, 's');
  line(`${prefix}_requests_per_second`, Math.round(result.requests / result.seconds), 'requests/s');
  line(`${prefix}_failed_requests`, result.failures.length, 'requests');
  line(`${prefix}_lost_services`, result.lostServices, 'services');
  line(`${prefix}_duplicate_allocations`, result.duplicateAllocations, 'allocations');
  return result.lostServices === 0 && result.duplicateAllocations === 0 && result.failures.length === 0;
}

async function main(): Promise<void> {
  // Plan-only first: the engine and REST layer alone, no controller (the unit test in
  // test/unit/host/rest/concurrency.test.ts checks the same workload's correctness, not its time).
  const planOnly = report('rest_load_plan_only', await runRestLoad({ scale: 1, push: { mode: 'plan-only' }, logger: quiet }));
  const lab = isMethod('push.apply') ? await startLabController({ kind: 'odl-vtn' }) : null;
  const push: PushConfig = lab
    ? { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' }, label: 'lab odl-vtn', provision: true }
    : { mode: 'plan-only' };
  try {
    const ok = report('rest_load', await runRestLoad({ scale: 1, push, logger: quiet }));
    line('rest_load_pushed', lab ? 1 : 0, 'bool');
    if (lab) line('rest_load_controller_requests', lab.requests().length, 'requests');
    if (!ok || !planOnly) process.exitCode = 1;
  } finally {
    await lab?.close();
  }
}

void main();
