import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabController, type LabController } from '../../../electron/host/lab';
import { runCliCaptured, type CliRun } from '../../helpers/cli';

let dir: string;
let project: string;
let lab: LabController;
const previousHome = process.env.WICM_HOME;

const cli = (argv: string[], env: Record<string, string> = {}): Promise<CliRun> => runCliCaptured(argv, env);

const conditions = (): string[] =>
  ((lab.state() as { 'vtn-flow-conditions': { 'vtn-flow-condition'?: { name: string }[] } })['vtn-flow-conditions']['vtn-flow-condition'] ?? []).map((c) => c.name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wicm-push-cli-'));
  process.env.WICM_HOME = join(dir, 'home');
  project = join(dir, 'wan.wicm');
  const created = await cli(['import', 'resources/sample/sample-wan.json', 'test/fixtures/reference/openbaton-nsr-instantiate.json', '--project', project, '--create', '--plan']);
  expect(created.code).toBe(0);
  lab = await startLabController({ kind: 'odl-vtn' });
});

afterAll(async () => {
  await lab.close();
  if (previousHome === undefined) delete process.env.WICM_HOME;
  else process.env.WICM_HOME = previousHome;
  await rm(dir, { recursive: true, force: true });
});

const controller = (): string[] => ['--project', project, '--driver', 'odl-vtn', '--controller', lab.url];

describe('wicm push / teardown / drift', () => {
  it('a dry run prints the planned steps and sends no write', async () => {
    const r = await cli(['push', ...controller(), '--provision', '--dry-run'], { WICM_CONTROLLER_PASSWORD: 'admin' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dry run: push to odl-vtn http:\/\/127\.0\.0\.1:\d+ \(tenant vtn1\): \d+ change\(s\) would be sent\./);
    expect(r.stdout).toMatch(/create\s+planned\s+flow condition/);
    expect(lab.requests().filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('pushes with the password from the environment and saves journal and states to the project', async () => {
    const r = await cli(['push', ...controller(), '--provision'], { WICM_CONTROLLER_PASSWORD: 'admin' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/applied and verified/);
    expect(r.stdout).toMatch(/services: \S+ pushed/);
    expect(conditions()).toHaveLength(2);
    const again = await cli(['push', ...controller(), '--provision', '--json'], { WICM_CONTROLLER_PASSWORD: 'admin' });
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, steps: [], services: [{ state: 'pushed' }] });
    const drift = await cli(['drift', ...controller(), '--json', '--password', 'admin']);
    expect(JSON.parse(drift.stdout)).toMatchObject({ drifted: 0, services: [{ status: 'in-sync' }] });
  });

  it('exits 3 with the failed step and the rollback report, leaving the controller as it was', async () => {
    const before = JSON.stringify(lab.state());
    lab.setFaults([{ nth: 2, action: { kind: 'status', status: 500 } }]);
    const r = await cli(['teardown', ...controller()], { WICM_CONTROLLER_PASSWORD: 'admin' });
    lab.setFaults([]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^wicm teardown: Step \d+ \(delete .*\) failed: HTTP 500 .*Rolled back: \d+ applied step\(s\) undone/);
    expect(r.stdout).toMatch(/failed/);
    expect(JSON.stringify(lab.state())).toBe(before);
  });

  it('names the controller but never prints the password when it is refused', async () => {
    const secret = 'Wr0ng-Secret-Value';
    const r = await cli(['push', ...controller(), '--password', secret]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(lab.url);
    expect(r.stderr).toMatch(/rejected the credentials/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(secret);
  });

  it('asks for the password and the driver when they are missing', async () => {
    expect((await cli(['push', ...controller()])).stderr).toMatch(/WICM_CONTROLLER_PASSWORD/);
    const noDriver = await cli(['push', '--project', project, '--controller', lab.url, '--password', 'admin']);
    expect(noDriver.code).toBe(2);
    expect(noDriver.stderr).toMatch(/--driver must be odl-vtn, onos or ovs/);
  });

  it('tears down every object the project pushed, leaving the shared vBridges', async () => {
    const r = await cli(['teardown', ...controller(), '--password', 'admin']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/services: \S+ planned/);
    expect(conditions()).toEqual([]);
    expect(JSON.stringify(lab.state())).toMatch(/"vbr1"/);
  });

  it('pushing a release NSR removes the released service from the controller', async () => {
    expect((await cli(['push', ...controller(), '--password', 'admin'])).code).toBe(0);
    expect(conditions()).toHaveLength(2);
    const r = await cli(['push', ...controller(), '--password', 'admin', '--request', 'test/fixtures/reference/openbaton-nsr-release.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/delete\s+applied\s+flow condition/);
    expect(conditions()).toEqual([]);
  });
});
