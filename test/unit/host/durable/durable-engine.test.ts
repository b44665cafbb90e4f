import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDto } from '../../../../core/contract/dto';
import { DurableLog } from '../../../../core/service/durable-log';
import { WicmEngine } from '../../../../core/service/engine';
import type { EnginePorts } from '../../../../core/service/ports';
import type { SqlEngine } from '../../../../core/store/sqlite-port';
import { changeLogPath, nodeChangeLogFiles } from '../../../../electron/host/platform/change-log-files';
import { nodeProjectFiles } from '../../../../electron/host/platform/node-files';
import { loadSqlEngine } from '../../../../electron/host/platform/sqljs';
import { counterIds } from '../../../helpers/counter-ids';
import { memoryLogger } from '../../../helpers/quiet-logger';
import { useTempDirs } from '../../../helpers/temp-dir';
import { readFileSync } from 'node:fs';

/** The durable engine of `wicm serve` over real files: log, crash (no shutdown), reopen. */

let sql: SqlEngine;
beforeAll(async () => {
  sql = await loadSqlEngine();
});
const tempDir = useTempDirs();
const sample = readFileSync('resources/sample/sample-wan.json', 'utf8');

function ports(durable: boolean, logger = memoryLogger()): EnginePorts & { logger: ReturnType<typeof memoryLogger> } {
  return {
    sql,
    files: nodeProjectFiles,
    changeLog: nodeChangeLogFiles(),
    durable,
    clock: { now: () => new Date('2026-12-06T12:00:00Z') },
    ids: counterIds(),
    logger,
    emit: () => undefined,
    mode: 'browser',
    modeReason: null,
    version: 'test',
    sampleTopologyJson: sample,
  };
}

function service(id: string, state: ServiceDto['state'] = 'draft'): ServiceDto {
  return { id, name: id, inSegment: '192.168.10.0/24', outSegment: null, chain: ['pop-athens'], reverseChain: null, state, provenance: null, attributes: {} };
}

/** A saved sample project and a durable engine on it. */
async function durableEngine(): Promise<{ path: string; engine: WicmEngine }> {
  const path = join(await tempDir(), 'p.wicm');
  const seed = WicmEngine.create(ports(false), 'sample');
  await seed.handlers()['project.saveAs']({ path });
  seed.session.close();
  return { path, engine: await WicmEngine.open(ports(true), path) };
}

/** Releases the log handle of an engine a test "crashed" (left without shutdown). */
async function closeLog(engine: WicmEngine): Promise<void> {
  const log = engine.session.durable;
  if (log) await (engine.ports.changeLog as ReturnType<typeof nodeChangeLogFiles>).close(log.path);
}

const model = (engine: WicmEngine): unknown => ({ topology: engine.session.db.topology.read(), services: engine.session.db.services.read(), journal: engine.session.db.journal.read() });

describe('durable engine', () => {
  it('answers only once the change is in the log, and a crashed process reopens to the same model', async () => {
    const { path, engine } = await durableEngine();
    engine.session.mutate('add', (db) => db.services.upsert(service('svc-2')));
    await engine.session.persist();
    const size = (await stat(changeLogPath(path))).size;
    expect(size).toBeGreaterThan(0);
    // A handler's answer comes after its change is in the log.
    await engine.handlers()['services.setState']({ id: 'svc-2', state: 'planned' });
    expect((await stat(changeLogPath(path))).size).toBeGreaterThan(size);
    const expected = model(engine);
    expect(JSON.stringify(expected)).toContain('"planned"');
    // A crash: nothing closes, nothing is checkpointed.
    const reopened = await WicmEngine.open(ports(false), path);
    expect(model(reopened)).toEqual(expected);
    await expect(stat(changeLogPath(path))).rejects.toThrow();
    await closeLog(engine);
  });

  it('ignores and reports a torn last record, keeping every whole one', async () => {
    const { path, engine } = await durableEngine();
    engine.session.mutate('add', (db) => db.services.upsert(service('svc-1')));
    await engine.session.persist();
    const expected = model(engine);
    await appendFile(changeLogPath(path), '{"seq":9,"ops":[["u","services",77,{"id":"half');
    const p = ports(false);
    const reopened = await WicmEngine.open(p, path);
    expect(model(reopened)).toEqual(expected);
    expect(p.logger.lines.join('\n')).toMatch(/cut short by a crash .*incomplete/);
    await closeLog(engine);
  });

  it('checkpoints in the background while changes go on, and reopens to the model', async () => {
    const { path, engine } = await durableEngine();
    const session = engine.session;
    const files = nodeChangeLogFiles();
    const capture = session.db.captureChanges();
    if (!capture) throw new Error('no update hook');
    // A tiny threshold: nearly every append starts a checkpoint while later appends continue.
    const log = new DurableLog(files, (p, b) => nodeProjectFiles.writeFileAtomic(p, b), capture, path, () => session.db.export(), memoryLogger(), (logBytes) => logBytes > 200);
    session.attachDurable(log);
    const writes: Promise<void>[] = [];
    for (let k = 0; k < 40; k += 1) {
      session.mutate('add', (db) => db.services.upsert(service(`svc-${k}`, k % 2 ? 'planned' : 'draft')));
      writes.push(session.persist());
      if (k % 7 === 0) session.mutate('remove', (db) => db.services.remove(`svc-${k}`));
    }
    await Promise.all(writes);
    await session.persist();
    const expected = model(engine);
    // Reopened mid-flight (the last checkpoint may not have finished): replay gives the model.
    const crashed = await WicmEngine.open(ports(false), path);
    expect(model(crashed)).toEqual(expected);
    await log.checkpoint();
    const bytes = new Uint8Array(await readFile(path));
    expect(bytes.length).toBeGreaterThan(0);
    await log.close();
  });

  it('keeps Save semantics outside serve: changes wait for Save and write no log', async () => {
    const path = join(await tempDir(), 'desk.wicm');
    const seed = WicmEngine.create(ports(false), 'sample');
    await seed.handlers()['project.saveAs']({ path });
    seed.session.mutate('add', (db) => db.services.upsert(service('unsaved')));
    await seed.session.persist();
    await expect(stat(changeLogPath(path))).rejects.toThrow();
    expect(seed.session.info().dirty).toBe(true);
    expect(seed.session.info().canUndo).toBe(true);
  });
});
