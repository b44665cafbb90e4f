/**
 * Puts the plans' OpenFlow flows on the lab bridges, or takes them off (`wicm lab apply`, the
 * Lab tab's Apply flows): one `ovs-ofctl --bundle` per bridge, so each bridge changes at once.
 */
import type { PlanDto, ServiceDto, TopologyDto } from '../../../core/contract/dto';
import { run } from './exec';
import { applyBundles, cookiesOf, labFlows } from './flow-table';
import type { LiveLabLayout } from './layout';

/** Removes the services' own flows (by cookie) from every lab bridge; returns how many bridges. */
export async function removeServiceFlows(layout: LiveLabLayout, serviceIds: readonly string[]): Promise<number> {
  const bridges = layout.bridges.map((b) => b.ovsName);
  for (const bridge of bridges) {
    for (const cookie of cookiesOf(serviceIds)) await run('ovs-ofctl', ['del-flows', bridge, `cookie=${cookie}/-1`], { runDir: layout.runDir });
  }
  return bridges.length;
}

/** Replaces the services' flows with those of their plans; returns the flows added and the bridges changed. */
export async function applyServiceFlows(layout: LiveLabLayout, input: { topology: TopologyDto; services: readonly ServiceDto[]; plans: readonly PlanDto[] }): Promise<{ flows: number; bridges: number }> {
  const bundles = applyBundles(labFlows(layout, input), layout.bridges.map((b) => b.ovsName));
  let flows = 0;
  for (const [bridge, text] of bundles) {
    flows += text.split('\n').filter((l) => l.startsWith('add ')).length;
    await run('ovs-ofctl', ['-O', 'OpenFlow14', '--bundle', 'add-flows', bridge, '-'], { runDir: layout.runDir, input: text });
  }
  return { flows, bridges: bundles.size };
}
