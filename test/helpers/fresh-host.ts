import { beforeEach } from 'vitest';
import type { TopologySnapshotDto } from '../../core/contract/api';
import type { Envelope } from '../../core/contract/errors';
import { startTestHost } from '../contract/rpc/engine-fixture';
import { okCaller, type OkCaller } from './ok-caller';

/**
 * A fresh engine host on the sample WAN before each test of the file: its dispatch (`call`, for
 * error replies), an `ok` caller that throws on errors, and the topology snapshot.
 */
export function freshHostEachTest(): { call: (method: string, req: unknown) => Promise<Envelope>; ok: OkCaller; snapshot: () => Promise<TopologySnapshotDto> } {
  let dispatch: (method: string, req: unknown) => Promise<Envelope>;
  beforeEach(async () => {
    dispatch = (await startTestHost()).host.dispatch;
  });
  const call = (method: string, req: unknown): Promise<Envelope> => dispatch(method, req);
  const ok = okCaller(call);
  return { call, ok, snapshot: () => ok<TopologySnapshotDto>('topology.get', {}) };
}
