// The live lab on this machine's real Open vSwitch and network namespaces: one lab of the sample
// WAN for the whole file; every reference NSR that plans on it is imported, its flows applied,
// and real packets probed through the PoPs both ways; removing the flows or failing a link
// stops them where the probe says. Skips, printing why, where the machine cannot host a lab.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology } from '../../../electron/host/cli/sources';
import { isLabDaemon } from '../../../electron/host/live-lab/build';
import { hasProgram, labUnavailable } from '../../../electron/host/live-lab/exec';
import { labIdOf } from '../../../electron/host/live-lab/lab-plan';
import type { LiveLabLayout } from '../../../electron/host/live-lab/layout';
import type { ProbeReport } from '../../../electron/host/live-lab/probe-report';
import { runCliCaptured } from '../../helpers/cli';
import { ref, referenceNsrs, SAMPLE_WAN } from './reference-nsrs';

const unavailable = labUnavailable();
if (unavailable) console.log(`SKIP live lab tests: ${unavailable}`);
const noPing = hasProgram('ping') ? null : 'no ping here (apt-get install -y iputils-ping): probes use UDP';
if (noPing && !unavailable) console.log(`NOTE live lab: ${noPing}`);

const dir = mkdtempSync(join(tmpdir(), 'wl-'));
const dataDir = join(dir, 'd');
const prefix = `wl${labIdOf(dataDir)}`;
const sample = SAMPLE_WAN;
/**
 * The reference NSRs that plan on the sample WAN (the demi-wicm and T-NOVA bodies taken from
 * their documents). SOL005's service goes to 0.0.0.0/0: it leaves at the vbr2 uplink, and the
 * WAN host behind the WAN core answers.
 */
const NSRS = referenceNsrs(dir, ['Open Baton', 'SOL005', 'OSM', 'Katana', 'Katana v2.2', 'demi-wicm flows', 'T-NOVA']);

const lab = (...args: string[]): ReturnType<typeof runCliCaptured> => runCliCaptured(['lab', ...args, '--data-dir', dataDir], { PATH: process.env['PATH'] ?? '' });
const names = (out: string): string[] => out.split('\n').map((l) => l.trim().split(/[\s@]/)[0] ?? '').filter((n) => n.startsWith(prefix));
const ours = (): { netns: string[]; links: string[] } => ({
  netns: names(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })),
  links: names(execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' })).concat(execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' }).includes('ovs-netdev') && !before.ovsNetdev ? ['ovs-netdev'] : []),
});
const before = { ovsNetdev: false };

async function project(name: string, nsr: string): Promise<string> {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.wicm`);
  const imported = await runCliCaptured(['import', sample, nsr, '--project', file, '--create', '--plan']);
  expect(imported.stderr, imported.stderr).not.toMatch(/error/);
  expect(imported.code).toBe(0);
  return file;
}

async function probe(file: string, service: string, extra: string[] = []): Promise<{ code: number; report: ProbeReport }> {
  const run = await lab('probe', '--project', file, '--service', service, '--json', ...(noPing ? ['--udp'] : []), ...extra);
  if (run.code !== 0 && run.code !== 4) throw new Error(`probe exit ${run.code}: ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as ProbeReport };
}

describe.skipIf(unavailable !== null)('wicm lab on a real Open vSwitch', () => {
  let layout: LiveLabLayout;
  let base: string;

  beforeAll(async () => {
    before.ovsNetdev = execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' }).includes('ovs-netdev');
    expect(ours()).toEqual({ netns: [], links: [] });
    base = await project('base', ref('openbaton-nsr-instantiate.json'));
    const up = await lab('up', '--project', base, '--json');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    layout = (JSON.parse(up.stdout) as { layout: LiveLabLayout }).layout;
  }, 120_000);

  afterAll(async () => {
    try {
      const down = await lab('down');
      expect(down.code).toBe(0);
      expect(ours()).toEqual({ netns: [], links: [] });
      for (const pid of layout?.pids ?? []) expect(await isLabDaemon(pid, layout.runDir)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('builds the sample WAN with the project\'s datapath ids and port numbers, and a second up says already up', async () => {
    expect(layout.bridges.map((b) => [b.name, b.dpid])).toEqual([['vbr1', '0000000000000001'], ['vbr2', '0000000000000002'], ['vbr3', '0000000000000003']]);
    expect(layout.bridges[0]!.ports.map((p) => [p.name, p.ofport, p.peer.kind])).toEqual([['if_customer', 1, 'host'], ['if_vbr1_uplink', 2, 'uplink'], ['if_athens', 3, 'pop'], ['if_vbr1_vbr2', 4, 'link'], ['if_vbr1_vbr3', 5, 'link']]);
    expect(layout.hosts.map((h) => `${h.segmentName}=${h.address}`)).toEqual(['customer LAN=192.168.10.1', 'internet gateway=10.20.0.1', 'Crete campus=10.30.0.1', 'vbr1 uplink=1.0.0.1', 'vbr2 uplink=1.0.0.1', 'vbr3 uplink=1.0.0.1']);
    // One WAN host (namespace ...w) behind the WAN core answers for the three default-route uplinks.
    expect(ours().netns.sort()).toEqual([layout.daemonNetns, ...new Set(layout.hosts.map((h) => h.netns))].sort());
    expect(new Set(layout.hosts.map((h) => h.netns)).size).toBe(4);
    const status = await lab('status', '--json');
    const s = JSON.parse(status.stdout) as { up: boolean; bridges: { flows: number }[]; links: { state: string }[] };
    expect(s.up).toBe(true);
    expect(s.bridges.map((b) => b.flows)).toEqual([0, 0, 0]);
    expect(s.links.every((l) => l.state === 'up')).toBe(true);
    const again = await lab('up', '--project', base);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already up/);
  }, 60_000);

  it('without the plan\'s flows nothing crosses: probe exits 4 at the ingress', async () => {
    const { code, report } = await probe(base, 'demi-transit-chain');
    expect(code).toBe(4);
    expect(report.received).toBe(0);
    expect(report.forward.stoppedAt).toMatch(/^at the ingress: missing rule 0/);
  }, 60_000);

  for (const [label, file] of NSRS) {
    it(`${label}: applied flows carry real packets through every PoP in order both ways, as simulated; removed, probe exits 4`, async () => {
      const p = await project(label, file());
      const services = await serviceIds(p);
      expect(services.length).toBeGreaterThan(0);
      let probed = 0;
      for (const id of services) {
        // One service at a time: two Katana slices share one match, and apply refuses them together.
        expect((await lab('apply', '--project', p, '--service', id)).code).toBe(0);
        const run = await lab('probe', '--project', p, '--service', id, '--json', ...(noPing ? ['--udp'] : []));
        if (run.code === 2 && /no host on the service's/.test(run.stderr)) {
          console.log(`SKIP probe of ${label} ${id}: ${run.stderr.trim()}`);
          continue;
        }
        probed += 1;
        const { code, report } = await probe(p, id);
        expect(report.forward.stoppedAt, `${label} ${id} forward`).toBeNull();
        expect(report.reverse.stoppedAt, `${label} ${id} reverse`).toBeNull();
        expect(code).toBe(0);
        expect(report.received).toBe(report.sent);
        for (const d of [report.forward, report.reverse]) {
          expect(d.popsPlanned.length).toBeGreaterThan(0);
          expect(d.popsVisited).toEqual(d.popsPlanned);
          expect(d.matchesSimulator).toBe(true);
          expect(d.hops.every((h) => h.packets === report.sent)).toBe(true);
        }
        for (const pop of report.popCounters) expect(pop.packets).toBeGreaterThanOrEqual(pop.expected);
        expect((await lab('apply', '--project', p, '--service', id, '--remove')).code).toBe(0);
        expect((await probe(p, id)).code).toBe(4);
      }
      expect(probed).toBeGreaterThan(0);
    }, 120_000);
  }

  it('a link down stops the packets there, the probe names it, and link-up restores delivery', async () => {
    expect((await lab('apply', '--project', base)).code).toBe(0);
    expect((await lab('link-down', '--link', 'ln-athens-patras')).code).toBe(0);
    try {
      const { code, report } = await probe(base, 'demi-transit-chain');
      expect(code).toBe(4);
      expect(report.forward.hops.map((h) => h.packets)).toEqual([report.sent, report.sent, 0, 0]);
      expect(report.forward.stoppedAt).toMatch(/between vbr1\/if_vbr1_vbr2 and vbr2\/if_vbr2_vbr1.*link vbr1\/if_vbr1_vbr2 - vbr2\/if_vbr2_vbr1 is down/);
      expect(report.forward.matchesSimulator).toBe(true);
      const status = JSON.parse((await lab('status', '--json')).stdout) as { links: { id: string; state: string }[] };
      expect(status.links.find((l) => l.id === 'ln-athens-patras')?.state).toBe('down');
    } finally {
      expect((await lab('link-up', '--link', 'ln-athens-patras')).code).toBe(0);
    }
    expect((await probe(base, 'demi-transit-chain')).code).toBe(0);
  }, 120_000);
});

async function serviceIds(file: string): Promise<string[]> {
  return (await loadTopology(file)).services.map((s) => s.id);
}
