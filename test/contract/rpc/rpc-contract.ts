import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../core/contract/errors';

/** Calls one contract method through some transport and returns the envelope. */
export type Caller = (method: string, req: unknown) => Promise<Envelope>;

/** What a transport fixture provides to the shared suite. */
export interface RpcFixture {
  readonly call: Caller;
  /** A folder the engine may write projects into. */
  readonly dir: string;
}

function value<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/**
 * The contract's behaviour, asserted identically over every transport (in-process dispatch,
 * HTTP, IPC). `setup` starts a fresh engine with the bundled sample WAN (unsaved).
 */
export function runRpcContract(name: string, setup: () => Promise<RpcFixture>): void {
  describe(`RPC contract over ${name}`, () => {
    let fx: RpcFixture;
    beforeEach(async () => {
      fx = await setup();
    });

    it('app.info names the product, its version and schema', async () => {
      const info = value<{ name: string; version: string; schemaVersion: number; mode: string }>(await fx.call('app.info', {}));
      expect(info.name).toBe('WICM Studio');
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
      expect(['desktop', 'browser', 'cli']).toContain(info.mode);
    });

    it('topology.get returns the sample WAN with its PoPs, aliases and defaults', async () => {
      const snap = value<{
        topology: { bridges: { name: string }[]; pops: { name: string; aliases: string[] }[]; defaults: { sourceSegment: string | null } };
        positions: unknown[];
        project: { dirty: boolean };
      }>(await fx.call('topology.get', {}));
      expect(snap.topology.bridges.map((b) => b.name)).toEqual(['vbr1', 'vbr2', 'vbr3']);
      expect(snap.topology.pops.map((p) => p.name)).toEqual(['pop-athens', 'pop-patras', 'pop-heraklion']);
      expect(snap.topology.pops[0]?.aliases).toContain('vim-athens');
      expect(snap.topology.defaults.sourceSegment).toBe('192.168.10.0/24');
      expect(snap.positions.length).toBeGreaterThan(10);
      expect(snap.project.dirty).toBe(false);
    });

    it('rejects an unknown method with UNKNOWN_METHOD', async () => {
      const reply = await fx.call('topology.explode', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    });

    it('rejects an invalid request with INVALID_INPUT and a JSON pointer', async () => {
      const reply = await fx.call('project.saveAs', { path: 42 });
      expect(reply.ok).toBe(false);
      if (reply.ok) return;
      expect(reply.error.code).toBe('INVALID_INPUT');
      expect(reply.error.message).toContain('/path');
      const extra = await fx.call('app.info', { surprise: true });
      expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });

    it('project.save before any path asks for Save As', async () => {
      const reply = await fx.call('project.save', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });

    it('saveAs writes a .wicm file that project.open reads back identically', async () => {
      const before = value<{ topology: unknown; positions: unknown }>(await fx.call('topology.get', {}));
      const path = join(fx.dir, 'roundtrip');
      const saved = value<{ path: string; dirty: boolean; name: string }>(await fx.call('project.saveAs', { path }));
      expect(saved.path).toBe(`${path}.wicm`);
      expect(saved.dirty).toBe(false);
      expect(existsSync(saved.path)).toBe(true);
      value(await fx.call('project.new', { template: 'empty' }));
      const empty = value<{ topology: { bridges: unknown[] } }>(await fx.call('topology.get', {}));
      expect(empty.topology.bridges).toEqual([]);
      value(await fx.call('project.open', { path: saved.path }));
      const after = value<{ topology: unknown; positions: unknown; project: { path: string } }>(await fx.call('topology.get', {}));
      expect(after.topology).toEqual(before.topology);
      expect(after.positions).toEqual(before.positions);
      expect(after.project.path).toBe(saved.path);
    });

    it('project.open of a missing file is NOT_FOUND, of a non-project PARSE_FAILED', async () => {
      expect(await fx.call('project.open', { path: join(fx.dir, 'nope.wicm') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const { writeFile } = await import('node:fs/promises');
      const junk = join(fx.dir, 'junk.wicm');
      await writeFile(junk, 'this is not sqlite'.repeat(20));
      const reply = await fx.call('project.open', { path: junk });
      expect(reply).toMatchObject({ ok: false, error: { code: 'PARSE_FAILED' } });
    });

    it('history.undo with nothing to undo is a CONFLICT, not a crash', async () => {
      expect(await fx.call('history.undo', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });
  });
}
