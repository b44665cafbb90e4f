// Issue 15 item 8: a profile lists a cluster's members; when one dies mid-push the driver
// fails over to another member, reads back a write whose answer was lost, and writes every
// object exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerTargetDto } from '../../../core/contract/api';
import { createVtnDriver } from '../../../core/drivers/odl-vtn';
import { HttpError, type HttpClient } from '../../../core/drivers/http';
import { memoryJournal } from '../../../core/drivers/journal';
import { runTransaction } from '../../../core/drivers/transaction';
import { startLabCluster, type LabController } from '../../../electron/host/lab';
import { createNodeHttpClient } from '../../../electron/host/platform/http-client';
import { resolvePushConfig } from '../../../electron/host/rest';
import type { PushReportDto } from '../../../core/contract/api';
import { input, withControllerIds } from '../../unit/core/export/sample';
import { startTestHost } from '../rpc/engine-fixture';

let members: LabController[] = [];
afterEach(async () => {
  await Promise.all(members.map((m) => m.close()));
  members = [];
});

const writes = (m: LabController) => m.requests().filter((r) => r.method !== 'GET');

describe('controller cluster failover (lab VTN, three members sharing one state)', () => {
  it('a member killed after applying a write whose answer is lost: the push completes on another member, each object written once', async () => {
    members = await startLabCluster({ kind: 'odl-vtn' }, 3);
    const [first] = members as [LabController];
    const target: ControllerTargetDto = { kind: 'odl-vtn', url: members.map((m) => m.url).join(','), user: 'admin', password: 'admin', tenant: 't1' };
    const real = createNodeHttpClient();
    let firstWrites = 0;
    let killed = false;
    // The 5th write reaches the first member and is applied; then the member dies before the answer arrives.
    const http: HttpClient = {
      async request(method, url, options) {
        const toFirst = url.startsWith(first.url);
        const answer = await real.request(method, url, options);
        if (toFirst && method !== 'GET' && ++firstWrites === 5 && !killed) {
          killed = true;
          await first.close();
          throw new HttpError('connection-reset', method, url, `${method} ${url}: connection reset`);
        }
        return answer;
      },
    };
    const driver = createVtnDriver(target);
    const sample = withControllerIds(input, { b1: 'openflow:1', b2: 'openflow:2' });
    const desired = driver.desired({ ...sample, provision: true });
    const result = await runTransaction(
      { driver, http, journal: memoryJournal(), now: () => 0, concurrency: 1, txId: 'tx1' },
      { operation: 'push', desired, scope: new Set(['svc1', 'svc2']), dryRun: false },
    );
    expect(killed).toBe(true);
    expect(result.message).toMatch(/applied and verified/);
    expect(result.ok).toBe(true);
    // Every write request, across the members, names a distinct object: none was sent twice.
    const all = members.flatMap(writes).map((r) => `${r.path} ${JSON.stringify(r.body)}`);
    expect(all.length).toBe(result.steps.length);
    expect(new Set(all).size).toBe(all.length);
    expect(writes(members[1]!).length + writes(members[2]!).length).toBeGreaterThan(0);
  });

  it('without a cluster the same lost answer fails the push and rolls it back (nothing applied twice)', async () => {
    members = await startLabCluster({ kind: 'odl-vtn' }, 1);
    const [only] = members as [LabController];
    const target: ControllerTargetDto = { kind: 'odl-vtn', url: only.url, user: 'admin', password: 'admin', tenant: 't1' };
    const real = createNodeHttpClient();
    let n = 0;
    const http: HttpClient = {
      async request(method, url, options) {
        const answer = await real.request(method, url, options);
        if (method !== 'GET' && ++n === 5) throw new HttpError('connection-reset', method, url, 'connection reset');
        return answer;
      },
    };
    const driver = createVtnDriver(target);
    const sample = withControllerIds(input, { b1: 'openflow:1', b2: 'openflow:2' });
    const result = await runTransaction(
      { driver, http, journal: memoryJournal(), now: () => 0, concurrency: 1, txId: 'tx1' },
      { operation: 'push', desired: driver.desired({ ...sample, provision: true }), scope: new Set(['svc1', 'svc2']), dryRun: false },
    );
    expect(result.ok).toBe(false);
    expect(result.failedSeq).not.toBeNull();
    expect(result.message).toMatch(/connection reset/);
  });

  it('a profile or --controller lists the members; with the first one down, the engine\'s dry run and push go to another', async () => {
    members = await startLabCluster({ kind: 'odl-vtn' }, 3);
    const url = members.map((m) => m.url).join(', ');
    const { host } = await startTestHost();
    const config = await resolvePushConfig({ controller: url, driver: 'odl-vtn' }, { WICM_CONTROLLER_PASSWORD: 'admin' }, host.dispatch);
    expect(config).toMatchObject({ mode: 'controller', target: { url: members.map((m) => m.url).join(',') } });
    await members[0]!.close();
    const saved = await host.dispatch('services.save', { name: 'S', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens'], reverseChain: null });
    expect(saved.ok).toBe(true);
    await host.dispatch('plan.compute', {});
    const target = { kind: 'odl-vtn', url, user: 'admin', password: 'admin' };
    const reply = await host.dispatch('push.apply', { target, provision: true });
    expect(reply.ok && (reply.value as PushReportDto).message).toMatch(/applied and verified/);
    expect(writes(members[1]!).length).toBeGreaterThan(0);
  });
});
