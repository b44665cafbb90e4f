/**
 * REST API under load: 200 concurrent requests on loopback (demi-wicm flows created and
 * deleted, Open Baton events, T-NOVA allocations, activations and deletions, Katana slices
 * created and terminated) in two concurrent waves, pushed to a lab ODL VTN controller when the
 * engine can push (plan-only otherwise). Checks that no service is lost and that no filter
 * index or VLAN is held twice. Prints one JSON line per metric.
 */
import { isMethod } from '../core/contract/validate';
import { startLabController } from '../electron/host/lab';
import type { PushConfig } from '../electron/host/rest';
import { runRestLoad } from '../test/unit/host/rest/load-driver';

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, d?: unknown) => process.stderr.write(`${m} ${String(d ?? '')}\n`) };

async function main(): Promise<void> {
  const lab = isMethod('push.apply') ? await startLabController({ kind: 'odl-vtn' }) : null;
  const push: PushConfig = lab
    ? { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' }, label: 'lab odl-vtn', provision: true }
    : { mode: 'plan-only' };
  try {
    const result = await runRestLoad({ scale: 1, push, logger: quiet });
    if (result.failures.length > 0) process.stderr.write(`failed requests:\n  ${result.failures.join('\n  ')}\n`);
    const line = (metric: string, value: number, unit: string): void => {
      process.stdout.write(`${JSON.stringify({ metric, value, unit })}\n`);
    };
    line('rest_load_requests', result.requests, 'requests');
    line('rest_load_seconds', Math.round(result.seconds * 1000) / 1000, 's');
    line('rest_load_requests_per_second', Math.round(result.requests / result.seconds), 'requests/s');
    line('rest_load_failed_requests', result.failures.length, 'requests');
    line('rest_load_lost_services', result.lostServices, 'services');
    line('rest_load_duplicate_allocations', result.duplicateAllocations, 'allocations');
    line('rest_load_pushed', lab ? 1 : 0, 'bool');
    if (lab) line('rest_load_controller_requests', lab.requests().length, 'requests');
    if (result.lostServices > 0 || result.duplicateAllocations > 0 || result.failures.length > 0) process.exitCode = 1;
  } finally {
    await lab?.close();
  }
}

void main();
