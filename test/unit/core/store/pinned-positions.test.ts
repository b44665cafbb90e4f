import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TopologySnapshotDto } from '../../../../core/contract/api';
import type { PositionDto } from '../../../../core/contract/dto';
import type { Envelope } from '../../../../core/contract/errors';
import { startTestHost } from '../../../contract/rpc/engine-fixture';
import { okCaller } from '../../../helpers/ok-caller';

let call: (method: string, req: unknown) => Promise<Envelope>;
let dir: string;
const ok = okCaller((method, req) => call(method, req));

beforeEach(async () => {
  const started = await startTestHost();
  call = started.host.dispatch;
  dir = started.dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const positions = async (): Promise<readonly PositionDto[]> => (await ok<TopologySnapshotDto>('topology.get', {})).positions;
const at = (list: readonly PositionDto[], id: string): PositionDto | undefined => list.find((p) => p.elementId === id);

describe('hand-placed pins are part of the project', () => {
  it('survive Save and reopen, and an auto-layout moves other nodes without unpinning them', async () => {
    const bridge = (await ok<TopologySnapshotDto>('topology.get', {})).topology.bridges[0]!;
    await ok('layout.move', { positions: [{ elementId: bridge.id, x: 1234, y: -567, pinned: true }] });
    const path = join(dir, 'pinned.wicm');
    await ok('project.saveAs', { path });
    await ok('project.new', { template: 'empty' });
    expect(at(await positions(), bridge.id)).toBeUndefined();
    await ok('project.open', { path });
    expect(at(await positions(), bridge.id)).toEqual({ elementId: bridge.id, x: 1234, y: -567, pinned: true });

    // Auto-layout writes positions without the flag: the pin stays, the rest stays unpinned.
    const all = await positions();
    await ok('layout.arrange', { positions: all.map((p) => ({ elementId: p.elementId, x: p.x + 1, y: p.y })) });
    const after = await positions();
    expect(at(after, bridge.id)).toMatchObject({ x: 1235, pinned: true });
    expect(after.filter((p) => p.pinned).map((p) => p.elementId)).toEqual([bridge.id]);

    // An explicit false unpins.
    await ok('layout.move', { positions: [{ elementId: bridge.id, x: 0, y: 0, pinned: false }] });
    expect(at(await positions(), bridge.id)).toEqual({ elementId: bridge.id, x: 0, y: 0 });
  });

  it('round-trips through the topology YAML layout section as [x, y, pinned]', async () => {
    const snapshot = await ok<TopologySnapshotDto>('topology.get', {});
    const bridge = snapshot.topology.bridges[0]!;
    await ok('layout.move', { positions: [{ elementId: bridge.id, x: 10, y: 20, pinned: true }] });
    const file = await ok<{ text: string }>('export.run', { format: 'topology-yaml' });
    expect(file.text).toContain(`${bridge.name}: [ 10, 20, pinned ]`);
    await ok('project.new', { template: 'empty' });
    await ok('topology.import', { text: file.text });
    const back = await positions();
    expect(at(back, bridge.id)).toEqual({ elementId: bridge.id, x: 10, y: 20, pinned: true });
    expect(back.filter((p) => p.pinned)).toHaveLength(1);
  });

  it('refuses a layout entry whose third item is not "pinned", saying where', async () => {
    const file = await ok<{ text: string }>('export.run', { format: 'topology-yaml' });
    const bad = file.text.replace(/(\n {4}\S+: \[ -?[\d.]+, -?[\d.]+) \]/, '$1, kept ]');
    expect(bad).not.toBe(file.text);
    const reply = await call('topology.import', { text: bad });
    expect(reply.ok).toBe(false);
    expect(reply).toMatchObject({ error: { message: expect.stringMatching(/expected \[x, y\], or \[x, y, pinned\].*line \d+.*\/layout\/ports\//) } });
  });
});
