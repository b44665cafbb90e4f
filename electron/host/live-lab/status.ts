/**
 * `wicm lab status`: what of a lab runs: the daemons (by pid), bridges, hosts, link states and
 * the flows on each bridge; and link-down / link-up, which fail a link for real (veth down).
 */
import type { LabRunningDto } from '../../../core/contract/api';
import { CoreError } from '../../../core/util/core-error';
import { hostNamespaces, isLabDaemon, listNamespaces, writeLayout } from './build';
import { run } from './exec';
import { parseDumpFlows } from './flow-table';
import type { LiveLabLayout, LiveLink } from './layout';
import { linkStates } from './probe';

/** What of a lab runs (`wicm lab status`, the `lab` of `lab.status`). */
export type LabStatus = LabRunningDto;

const DAEMONS = ['ovsdb-server', 'ovs-vswitchd'];

export async function labStatus(layout: LiveLabLayout): Promise<LabStatus> {
  const problems: string[] = [];
  const daemons = await Promise.all(layout.pids.map(async (pid, i) => ({ name: DAEMONS[i] ?? 'daemon', pid, alive: await isLabDaemon(pid, layout.runDir) })));
  for (const d of daemons) if (!d.alive) problems.push(`${d.name} (pid ${d.pid}) is not running`);
  if (daemons.length < 2) problems.push('the daemons never started');
  const alive = daemons.length === 2 && daemons.every((d) => d.alive);
  const existing = alive ? new Set((await run('ovs-vsctl', ['list-br'], { runDir: layout.runDir, allowFail: true })).stdout.split('\n').filter(Boolean)) : new Set<string>();
  const flowsOf = async (name: string): Promise<ReturnType<typeof parseDumpFlows>> =>
    existing.has(name) ? parseDumpFlows((await run('ovs-ofctl', ['--no-names', 'dump-flows', name], { runDir: layout.runDir, allowFail: true })).stdout) : [];
  const bridges = [];
  for (const b of layout.bridges) {
    const flows = await flowsOf(b.ovsName);
    if (!existing.has(b.ovsName)) problems.push(`bridge ${b.name} (${b.ovsName}) is missing`);
    bridges.push({ name: b.name, ovsName: b.ovsName, dpid: b.dpid, present: existing.has(b.ovsName), flows: flows.length, wicmFlows: flows.filter((f) => f.cookie.startsWith('0x5743')).length });
  }
  const pops = [];
  for (const p of layout.pops) {
    const flows = await flowsOf(p.ovsName);
    if (!existing.has(p.ovsName)) problems.push(`PoP ${p.popName} VNF (${p.ovsName}) is missing`);
    pops.push({ name: p.popName, ovsName: p.ovsName, present: existing.has(p.ovsName), packets: flows[0]?.packets ?? 0 });
  }
  const namespaces = new Set(await listNamespaces());
  const hosts = layout.hosts.map((h) => ({ segment: h.segmentName, netns: h.netns, address: h.address, present: namespaces.has(h.netns) }));
  for (const ns of hostNamespaces(layout)) if (!namespaces.has(ns)) problems.push(`host namespace ${ns} is missing`);
  const states = namespaces.has(layout.daemonNetns) ? await linkStates(layout) : new Map<string, string>();
  const links = layout.links.map((l) => ({ id: l.linkId, title: l.title, kind: l.kind, state: linkState(l, states) }));
  return { up: problems.length === 0, projectPath: layout.projectPath, labId: layout.labId, startedAt: layout.startedAt, daemons, bridges, hosts, pops, links, problems };
}

function linkState(link: LiveLink, states: ReadonlyMap<string, string>): string {
  const ends = link.veth.map((v) => states.get(v) ?? 'MISSING');
  return ends.every((s) => s === 'UP') ? 'up' : ends.includes('MISSING') ? 'missing' : 'down';
}

/** Finds a link by id, by title or by one of its port ids / `bridge/port` names. */
export function findLink(layout: LiveLabLayout, key: string): LiveLink {
  const link = layout.links.find((l) => l.linkId === key || l.title === key || l.linkId === `uplink:${key}`);
  if (link) return link;
  throw new CoreError('INVALID_INPUT', `--link '${key}': the lab has no such link. Links: ${layout.links.map((l) => l.kind === 'link' ? l.linkId : l.linkId).join(', ')}.`);
}

/** Sets both veth ends of a link down or up, and records it in live.json. */
export async function setLink(layout: LiveLabLayout, dataDir: string, link: LiveLink, up: boolean): Promise<LiveLabLayout> {
  for (const end of link.veth) await run('ip', ['-n', layout.daemonNetns, 'link', 'set', end, up ? 'up' : 'down']);
  const next = { ...layout, links: layout.links.map((l) => (l.linkId === link.linkId ? { ...l, up } : l)) };
  await writeLayout(dataDir, next);
  return next;
}

/** The status as text. */
export function statusText(s: LabStatus): string {
  const lines = [`Lab ${s.labId} of ${s.projectPath}, up since ${s.startedAt}: ${s.up ? 'running' : 'NOT running as built'}`];
  for (const d of s.daemons) lines.push(`  daemon ${d.name} pid ${d.pid}: ${d.alive ? 'alive' : 'gone'}`);
  for (const b of s.bridges) lines.push(`  bridge ${b.name} = ${b.ovsName} dpid ${b.dpid}: ${b.present ? `${b.flows} flows (${b.wicmFlows} WICM)` : 'missing'}`);
  for (const h of s.hosts) lines.push(`  host ${h.netns} ${h.address} in ${h.segment}: ${h.present ? 'present' : 'missing'}`);
  for (const p of s.pops) lines.push(`  PoP ${p.name} = ${p.ovsName}: ${p.present ? `${p.packets} pkts hairpinned` : 'missing'}`);
  for (const l of s.links) lines.push(`  ${l.kind} ${l.id} (${l.title}): ${l.state}`);
  for (const p of s.problems) lines.push(`  problem: ${p}`);
  return `${lines.join('\n')}\n`;
}
