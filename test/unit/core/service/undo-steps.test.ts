import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EditResultDto, TopologySnapshotDto } from '../../../../core/contract/api';
import { History } from '../../../../core/service/history';
import type { ProjectSession } from '../../../../core/service/project-session';
import { CoreError } from '../../../../core/util/core-error';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import type { EngineHost } from '../../../../electron/host/engine-host';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';
import { startTestHost } from '../../../contract/rpc/engine-fixture';
import { okCaller, type OkCaller } from '../../../helpers/ok-caller';

/** Rows of every table a saved project holds, except what undo keeps (journal, controller ids, states). */
type Dump = Record<string, unknown[][]>;

let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});

/** The model as the saved file holds it: every row of every table, in rowid order (the order reads see). */
function modelDump(session: ProjectSession): Dump {
  const raw = new sql.Database(session.db.export());
  try {
    const dump: Dump = {};
    const tables = raw.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'journal' ORDER BY name")[0]?.values ?? [];
    for (const [name] of tables) {
      const query =
        name === 'meta'
          ? "SELECT key, value FROM meta WHERE key NOT IN ('onos_app_id', 'project_tag') ORDER BY key"
          : name === 'services'
            ? 'SELECT rowid, id, position, name, in_segment, out_segment, chain, reverse_chain, provenance, attributes FROM services ORDER BY rowid'
            : `SELECT rowid, * FROM "${String(name)}" ORDER BY rowid`;
      dump[String(name)] = raw.exec(query)[0]?.values ?? [];
    }
    return dump;
  } finally {
    raw.close();
  }
}

const demiFlow = (id: string): string => JSON.stringify([{ instance_id: id, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] }]);
const sampleWan = JSON.parse(readFileSync('resources/sample/sample-wan.json', 'utf8')) as { topology: Record<string, unknown>; positions: unknown[] };

let host: EngineHost;
let dir: string;
let ok: OkCaller;
const session = (): ProjectSession => host.engine.session;

beforeEach(async () => {
  ({ host, dir } = await startTestHost());
  ok = okCaller(host.dispatch);
});

async function addService(name: string): Promise<string> {
  return (await ok<EditResultDto>('services.save', { name, inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens'], reverseChain: null })).id;
}

interface Case {
  readonly name: string;
  /** Steps of their own before the change (the service it edits). */
  readonly prepare?: () => Promise<unknown>;
  readonly change: () => Promise<unknown>;
}

let made = '';
const cases: readonly Case[] = [
  { name: 'import commit with plans', change: () => ok('import.commit', { text: demiFlow('f1'), format: 'demi-flows', fileName: 'f.json', plan: true }) },
  { name: 'service add', change: () => addService('added') },
  {
    name: 'service update',
    prepare: async () => (made = await addService('existing')),
    change: () => ok('services.save', { id: made, name: 'renamed', inSegment: null, outSegment: null, chain: ['pop-patras'], reverseChain: null }),
  },
  {
    name: 'service delete with its plan and allocations',
    prepare: async () => (made = (await ok<TopologySnapshotDto>('topology.get', {})).services[0]?.id ?? ''),
    change: () => ok('services.remove', { id: made }),
  },
  { name: 'plan', prepare: () => addService('unplanned'), change: () => ok('plan.compute', {}) },
  { name: 'bridge delete cascading to ports, links, segments, PoPs, NAPs', change: () => ok('topology.remove', { kind: 'bridge', id: 'br-athens' }) },
  { name: 'port delete', change: () => ok('topology.remove', { kind: 'port', id: 'pt-vbr2-to-vbr3' }) },
  { name: 'element update', change: () => ok('topology.update', { kind: 'bridge', id: 'br-patras', changes: { name: 'vbr_patras' } }) },
  {
    name: 'box delete',
    change: () => ok('topology.removeMany', { items: [{ kind: 'link', id: 'ln-athens-patras' }, { kind: 'segment', id: 'sg-crete' }, { kind: 'pop', id: 'pop-heraklion' }] }),
  },
  { name: 'paste', change: () => ok('topology.paste', { items: [{ kind: 'bridge', id: 'br-heraklion' }], positions: [] }) },
  { name: 'VLAN pool', change: () => ok('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: { first: 10, last: 20 } }) },
  { name: 'default segments', change: () => ok('topology.setDefaults', { sourceSegment: null, targetSegment: '10.20.0.0/24' }) },
  {
    name: 'positions (auto-layout)',
    change: () => ok('layout.arrange', { positions: [{ elementId: 'br-athens', x: 1.5, y: -2.25 }, { elementId: 'new-node', x: 0.1 + 0.2, y: 7 }] }),
  },
  {
    name: 'one row changed twice in a step',
    change: async () =>
      session().mutate('move twice', (db) =>
        db.positions.write([
          { elementId: 'pt-vbr1-customer', x: 1, y: 1 },
          { elementId: 'sg-customer', x: 5, y: 5 },
          { elementId: 'pt-vbr1-customer', x: 2, y: 2 },
        ]),
      ),
  },
  {
    name: 'topology replacement',
    change: () => ok('topology.import', { text: JSON.stringify({ ...sampleWan, topology: { ...sampleWan.topology, naps: [], links: [] }, positions: [] }) }),
  },
];

describe('undo and redo by recorded row changes', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: undo gives the rows before, redo the rows after', async (_name, c) => {
    await ok('import.commit', { text: demiFlow('seed'), format: 'demi-flows', fileName: 'seed.json', plan: true });
    await c.prepare?.();
    const before = modelDump(session());
    await c.change();
    const after = modelDump(session());
    expect(after).not.toEqual(before);
    await ok('history.undo', {});
    expect(modelDump(session())).toEqual(before);
    await ok('history.redo', {});
    expect(modelDump(session())).toEqual(after);
    await ok('history.undo', {});
    expect(modelDump(session())).toEqual(before);
  });
});

describe('what undo keeps, and steps around it', () => {
  it('keeps the push journal, controller identities and current service states; re-created services get theirs back', async () => {
    const kept = await addService('kept');
    const gone = await addService('gone');
    await ok('plan.compute', {});
    const states = (): Record<string, string> => Object.fromEntries(session().db.services.read().map((s) => [s.name, s.state]));
    session().touch((db) => {
      db.journal.append('onos http://ctl', '2026-12-01T10:00:00.000Z', { pushed: kept });
      db.meta.set('onos_app_id', 'org.wicm.studio.p1');
      for (const s of db.services.read()) db.services.upsert({ ...s, state: 'pushed' });
    });
    await ok('services.remove', { id: gone });
    session().touch((db) => {
      const s = db.services.get(kept)!;
      db.services.upsert({ ...s, state: 'failed' });
    });
    await ok('history.undo', {});
    // 'gone' comes back as it was when deleted (pushed); 'kept' keeps its state of now.
    expect(states()).toEqual({ kept: 'failed', gone: 'pushed' });
    expect(session().db.journal.read().map((j) => j.entry)).toEqual([{ pushed: kept }]);
    expect(session().db.meta.get('onos_app_id')).toBe('org.wicm.studio.p1');
    await ok('history.undo', {});
    expect(states()).toEqual({ kept: 'failed', gone: 'pushed' });
    session().touch((db) => {
      for (const s of db.services.read()) db.services.upsert({ ...s, state: 'drifted' });
    });
    await ok('history.redo', {});
    await ok('history.redo', {});
    // Redo brings the model back, not the states undo kept: they stay as they are now.
    expect(states()).toEqual({ kept: 'drifted' });
    expect(session().db.journal.read()).toHaveLength(1);
    expect(session().db.meta.get('onos_app_id')).toBe('org.wicm.studio.p1');
  });

  it('a change that fails records no step and leaves the rows as they were', async () => {
    await addService('one');
    const before = modelDump(session());
    const info = session().info();
    expect(() =>
      session().mutate('broken', (db) => {
        db.topology.writeDefaults({ sourceSegment: null, targetSegment: null });
        db.services.upsert({ ...db.services.read()[0]!, name: 'changed' });
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(await host.dispatch('services.remove', { id: 'no-such-service' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(modelDump(session())).toEqual(before);
    expect(session().info()).toMatchObject({ undoLabel: info.undoLabel, revision: info.revision, canRedo: false });
    await ok('history.undo', {});
    expect(session().db.services.read()).toEqual([]);
  });

  it('undo and redo work after a Save, also for changes written outside a step before it', async () => {
    const before = modelDump(session());
    await ok('topology.addBridge', { name: 'vbr7', kind: 'generic' });
    const after = modelDump(session());
    await ok('project.saveAs', { path: join(dir, 'saved.wicm') });
    expect(session().info()).toMatchObject({ dirty: false, undoLabel: 'add bridge vbr7' });
    await ok('history.undo', {});
    expect(modelDump(session())).toEqual(before);
    expect(session().info().dirty).toBe(true);
    await ok('history.redo', {});
    expect(modelDump(session())).toEqual(after);
    // A write outside any step, then a Save: undo still takes the last step back in full.
    session().db.positions.write([{ elementId: 'br-athens', x: 5, y: 5 }]);
    session().db.export();
    await ok('history.undo', {});
    expect(modelDump(session())).toEqual(before);
  });

  it('a layout move has no step of its own: the next undo or redo restores a state without it, as before', async () => {
    const before = modelDump(session());
    await ok('layout.move', { positions: [{ elementId: 'br-athens', x: 3, y: 4 }] });
    expect(session().info().canUndo).toBe(false);
    const moved = modelDump(session());
    expect(moved).not.toEqual(before);
    await ok('topology.addBridge', { name: 'vbr8', kind: 'generic' });
    await ok('layout.move', { positions: [{ elementId: 'br-patras', x: 9, y: 9 }, { elementId: 'fresh', x: 1, y: 1 }] });
    const atUndo = modelDump(session());
    await ok('history.undo', {});
    expect(modelDump(session())).toEqual(moved);
    await ok('layout.move', { positions: [{ elementId: 'br-heraklion', x: 7, y: 7 }] });
    // Redo gives the state undo left, with its moves; the move made since is taken back.
    await ok('history.redo', {});
    expect(modelDump(session())).toEqual(atUndo);
    expect(session().info()).toMatchObject({ undoLabel: 'add bridge vbr8', redoLabel: null });
  });
});

describe('random sequences of changes, undo and redo', () => {
  const kinds = ['bridge', 'port', 'link', 'segment', 'pop', 'nap'] as const;
  const lists = { bridge: 'bridges', port: 'ports', link: 'links', segment: 'segments', pop: 'pops', nap: 'naps' } as const;
  const ops = ['addBridge', 'addPort', 'addSegment', 'remove', 'rename', 'service', 'removeService', 'plan', 'import', 'arrange', 'move', 'replace', 'save', 'fail', 'undo', 'undo', 'redo'] as const;
  const op = fc.record({ op: fc.constantFrom(...ops), a: fc.nat(1000), b: fc.nat(1000) });

  it('undo always gives the state before the step, redo the state after it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 15, maxLength: 40 }), async (sequence) => {
        ({ host, dir } = await startTestHost());
        ok = okCaller(host.dispatch);
        const undoStates: Dump[] = [];
        let redoStates: Dump[] = [];
        let current = modelDump(session());
        for (const [n, { op: name, a, b }] of sequence.entries()) {
          const topology = session().db.topology.read();
          const services = session().db.services.read();
          const revision = session().revision;
          const pick = <T>(list: readonly T[], k: number): T | undefined => list[k % Math.max(1, list.length)];
          if (name === 'undo' || name === 'redo') {
            const [from, to] = name === 'undo' ? [undoStates, redoStates] : [redoStates, undoStates];
            const reply = await host.dispatch(`history.${name}`, {});
            const expected = from.pop();
            expect(reply.ok).toBe(expected !== undefined);
            if (expected === undefined) continue;
            to.push(current);
            current = modelDump(session());
            expect(current).toEqual(expected);
            continue;
          }
          const bridge = pick(topology.bridges, a);
          const port = pick(topology.ports, a);
          const kind = kinds[a % kinds.length]!;
          const element = pick(topology[lists[kind]] as readonly { id: string }[], b);
          const requests: Record<(typeof ops)[number], [string, unknown] | null> = {
            addBridge: ['topology.addBridge', { name: `b${n}`, kind: 'generic' }],
            addPort: bridge ? ['topology.addPort', { bridgeId: bridge.id, name: `p${n}` }] : null,
            addSegment: port ? ['topology.addSegment', { portId: port.id, prefix: `10.${100 + (b % 100)}.${n}.0/24` }] : null,
            remove: element ? ['topology.remove', { kind, id: element.id }] : null,
            rename: bridge ? ['topology.update', { kind: 'bridge', id: bridge.id, changes: { name: `r${n}` } }] : null,
            service: ['services.save', { name: `s${n}`, inSegment: '192.168.10.0/24', outSegment: null, chain: ['pop-athens'], reverseChain: null }],
            removeService: services.length > 0 ? ['services.remove', { id: pick(services, b)!.id }] : null,
            plan: ['plan.compute', {}],
            import: ['import.commit', { text: demiFlow(`i${n}`), format: 'demi-flows', fileName: 'i.json', plan: true }],
            arrange: bridge ? ['layout.arrange', { positions: [{ elementId: bridge.id, x: a / 7, y: b }] }] : null,
            move: bridge ? ['layout.move', { positions: [{ elementId: bridge.id, x: b, y: a / 3 }] }] : null,
            replace: ['topology.import', { text: JSON.stringify({ ...sampleWan, positions: [] }) }],
            save: null,
            fail: ['services.remove', { id: 'no-such-service' }],
            undo: null,
            redo: null,
          };
          const request = requests[name];
          if (name === 'save') session().db.export();
          if (request === null) continue;
          const reply = await host.dispatch(request[0], request[1]);
          const before = current;
          current = modelDump(session());
          if (name === 'move') continue;
          if (session().revision === revision) {
            // Refused: nothing changed, no step.
            expect(reply.ok).toBe(false);
            expect(current).toEqual(before);
          } else {
            undoStates.push(before);
            redoStates = [];
          }
          expect(session().info().canUndo).toBe(undoStates.length > 0);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('the memory bound of undo', () => {
  const labels = (history: History): string[] => {
    const out: string[] = [];
    for (let label = history.undo((c) => c); label !== undefined; label = history.undo((c) => c)) out.push(label);
    return out;
  };

  it('drops the oldest steps past the budget of SQL text, always keeping the last one', () => {
    const history = new History(100, 10);
    history.record('a', ['x'.repeat(40)]);
    history.record('b', ['y'.repeat(40)]);
    history.record('c', ['z'.repeat(40)]);
    expect(labels(history)).toEqual(['c', 'b']);
    history.record('huge', ['w'.repeat(500)]);
    expect(labels(history)).toEqual(['huge']);
  });

  it('a step that cannot be taken back changes nothing, clears the steps that build on it, and says so', () => {
    const history = new History();
    history.record('add bridge vbr7', ['d bridges 1']);
    history.record('rename bridge vbr7', ['v bridges 1']);
    history.undo((c) => c);
    history.record('add port p1', ['d ports 1']);
    history.undo((c) => c);
    const refuse = (): never => {
      throw new Error('UNIQUE constraint failed');
    };
    expect(() => history.undo(refuse)).toThrowError(/^Could not undo “add bridge vbr7”: the project no longer holds what that step changed\. Nothing was changed\. The undo history is cleared/);
    expect(history.canUndo).toBe(false);
    // Redo starts from the model the failed undo left alone.
    expect(history.redoLabel).toBe('add port p1');
    expect(history.redo((c) => c)).toBe('add port p1');
    expect(() => history.redo(refuse)).not.toThrow();
    expect(history.undoLabel).toBe('add port p1');
  });

  it('a failed redo clears redo only, and names what the model refused', () => {
    const history = new History();
    history.record('a', ['d meta 1']);
    history.record('b', ['d meta 2']);
    history.undo((c) => c);
    expect(() =>
      history.redo(() => {
        throw new CoreError('CONFLICT', 'A bridge named vbr7 already exists.');
      }),
    ).toThrowError('Could not redo “b”: A bridge named vbr7 already exists. Nothing was changed. The redo history is cleared: its earlier steps build on this one.');
    expect([history.canRedo, history.undoLabel]).toEqual([false, 'a']);
  });

  it('keeps at most the number of steps it was given', () => {
    const history = new History(1_000_000, 3);
    for (const label of ['a', 'b', 'c', 'd', 'e']) history.record(label, ['DELETE FROM meta']);
    expect(labels(history)).toEqual(['e', 'd', 'c']);
  });
});
