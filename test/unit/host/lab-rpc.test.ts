// The lab.* RPC methods: the engine reaches the host's live lab through the LiveLab port. Without
// a lab possible here every method but lab.status rejects with the CLI's exit-2 reason; on a
// machine that can host one (CI is root), one lab of the sample WAN goes up, gets a service's
// flows, is probed (counts per hop equal the packets sent), fails a link, and comes down.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EditResultDto, LabApplyDto, LabDownDto, LabProbeDto, LabStatusDto, LabUpDto } from '../../../core/contract/api';
import type { Envelope } from '../../../core/contract/errors';
import { WicmEngine } from '../../../core/service/engine';
import { startEngineHost, type EngineHost } from '../../../electron/host/engine-host';
import { labDown } from '../../../electron/host/live-lab/build';
import { labUnavailable } from '../../../electron/host/live-lab/exec';
import { readLiveLab } from '../../../electron/host/live-lab/layout';
import { liveLabService } from '../../../electron/host/live-lab/lab-service';
import { okCaller } from '../../helpers/ok-caller';
import { memoryLogger } from '../../helpers/quiet-logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const start = (dataDir: string): Promise<EngineHost> => startEngineHost({ mode: 'browser', logger: memoryLogger(), dataDir, template: 'sample' });
const errorOf = (reply: Envelope): { code: string; message: string } => {
  if (reply.ok) throw new Error(`expected an error, got ${JSON.stringify(reply.value).slice(0, 200)}`);
  return reply.error;
};

describe('lab.* without a lab possible here', () => {
  const why = labUnavailable({ uid: 1000 });
  it('lab.status says why; every other call rejects with the same words as wicm lab', async () => {
    expect(why).toMatch(/needs root/);
    const lab = liveLabService(await tempDir(), { unavailable: () => why });
    expect(await lab.status()).toEqual({ available: false, reason: `cannot run a live lab here: ${why}`, lab: null });
    const project = { path: 'p.wicm', topology: { bridges: [], ports: [], links: [], segments: [], pops: [], naps: [], controllers: [], defaults: { sourceSegment: null, targetSegment: null } }, services: [], plans: [] } as never;
    for (const call of [() => lab.up(project), () => lab.down(), () => lab.apply(project, ['s'], false), () => lab.probe(project, 's', 3), () => lab.setLink('l', false)]) {
      await expect(call()).rejects.toMatchObject({ code: 'DRIVER_UNAVAILABLE', message: `cannot run a live lab here: ${why}.` });
    }
  });

  it('an engine without the port answers lab.status as unavailable and the rest DRIVER_UNAVAILABLE', async () => {
    const host = await start(await tempDir());
    const { liveLab: _unused, ...ports } = host.engine.ports;
    const bare = WicmEngine.create(ports, 'sample').handlers();
    expect(await bare['lab.status']({})).toMatchObject({ available: false, lab: null });
    await expect(bare['lab.up']({})).rejects.toMatchObject({ code: 'DRIVER_UNAVAILABLE' });
  });

  it('requests are checked: a count out of range, an unknown service, a project without services', async () => {
    const host = await start(await tempDir());
    expect(errorOf(await host.dispatch('lab.probe', { serviceId: 'x', count: 0 }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(errorOf(await host.dispatch('lab.linkDown', {}))).toMatchObject({ code: 'INVALID_INPUT' });
    if (labUnavailable()) return; // the port refuses before looking at the project
    expect(errorOf(await host.dispatch('lab.probe', { serviceId: 'nope' }))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no service with id nope/) });
    expect(errorOf(await host.dispatch('lab.apply', {}))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no service to put on the lab/) });
  });
});

const unavailable = labUnavailable();
if (unavailable) console.log(`SKIP lab.* on a real lab: ${unavailable}`);

describe.skipIf(unavailable !== null)('lab.* on this machine’s Open vSwitch', () => {
  let dataDir = '';
  afterAll(async () => {
    if (!dataDir) return;
    const layout = await readLiveLab(dataDir).catch(() => null);
    if (layout) await labDown(layout, dataDir);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('up, already up, apply, probe (every hop counts what was sent), link down shows the loss, down removes it all', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wlr-'));
    const host = await start(dataDir);
    const ok = okCaller(host.dispatch);
    const serviceId = (await ok<EditResultDto>('services.save', { name: 'athens-patras', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'], reverseChain: null })).id;

    expect(await ok<LabStatusDto>('lab.status', {})).toEqual({ available: true, reason: null, lab: null });
    const up = await ok<LabUpDto>('lab.up', {});
    expect(up.alreadyUp).toBe(false);
    expect(up.status.lab).toMatchObject({ up: true, problems: [] });
    expect(up.status.lab!.bridges.map((b) => b.name)).toEqual(['vbr1', 'vbr2', 'vbr3']);
    expect((await ok<LabUpDto>('lab.up', {})).alreadyUp).toBe(true);

    const applied = await ok<LabApplyDto>('lab.apply', { serviceIds: [serviceId] });
    expect(applied).toMatchObject({ services: ['athens-patras'], removed: false });
    expect(applied.flows).toBeGreaterThan(0);

    const probe = await ok<LabProbeDto>('lab.probe', { serviceId, count: 2 });
    expect(probe).toMatchObject({ delivered: true, sent: 2, received: 2 });
    for (const d of [probe.forward, probe.reverse]) {
      expect(d.matchesSimulator).toBe(true);
      expect(d.popsVisited).toEqual(d.direction === 'forward' ? ['pop-athens', 'pop-patras'] : ['pop-patras', 'pop-athens']);
      expect(d.hops.map((h) => h.packets)).toEqual(d.hops.map(() => 2));
      expect(d.hops.every((h) => h.inPortId && h.outPortId)).toBe(true);
    }

    const status = await ok<LabStatusDto>('lab.status', {});
    const link = status.lab!.links.find((l) => l.title.startsWith('vbr1/if_vbr1_vbr2'))!;
    expect((await ok<LabStatusDto>('lab.linkDown', { linkId: link.id })).lab!.links.find((l) => l.id === link.id)!.state).toBe('down');
    const lost = await ok<LabProbeDto>('lab.probe', { serviceId, count: 1 });
    expect(lost.delivered).toBe(false);
    expect(lost.forward.stoppedAt).toMatch(/is down/);
    expect((await ok<LabStatusDto>('lab.linkUp', { linkId: link.id })).lab!.links.find((l) => l.id === link.id)!.state).toBe('up');

    const removed = await ok<LabApplyDto>('lab.apply', { serviceIds: [serviceId], remove: true });
    expect(removed.removed).toBe(true);
    expect((await ok<LabProbeDto>('lab.probe', { serviceId, count: 1 })).forward.hops.every((h) => !h.installed)).toBe(true);

    const labId = up.status.lab!.labId;
    const down = await ok<LabDownDto>('lab.down', {});
    expect(down.removed.length).toBeGreaterThan(0);
    expect(down.status.lab).toBeNull();
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toContain(`wl${labId}`);
  }, 120_000);
});
