import { CoreError } from '../../util/core-error';
import { batchSteps } from '../batch';
import type { DriverRequest, PushStep } from '../driver';
import { rpc, rpcInput, rpcName } from './objects';

const SET = 'vtn-flow-filter:set-flow-filter';
const REMOVE = 'vtn-flow-filter:remove-flow-filter';

/** The filter list a filter RPC names: `tenant/bridge/interface` and the direction. */
function listOf(request: DriverRequest): string | undefined {
  const name = rpcName(request);
  if (name !== SET && name !== REMOVE) return undefined;
  const input = rpcInput(request);
  const iface = input['interface-name'];
  // Only vInterface lists: those are what the driver writes one filter at a time.
  if (typeof iface !== 'string' || typeof input['bridge-name'] !== 'string') return undefined;
  return `${String(input['tenant-name'])}/${input['bridge-name']}/${iface}${input.output === true ? ' out' : ''}`;
}

/**
 * One RPC for several filter RPCs of the same list: `set-flow-filter` with every filter
 * (VTN sets them in one transaction and answers one result per index), or
 * `remove-flow-filter` with every index. Never an empty `indices`: that removes the whole list.
 */
export function mergeFilterRequests(requests: readonly DriverRequest[]): DriverRequest {
  const [first] = requests as [DriverRequest];
  const input = rpcInput(first);
  if (rpcName(first) === SET) return rpc(SET, { ...input, 'vtn-flow-filter': requests.flatMap((r) => (rpcInput(r)['vtn-flow-filter'] as unknown[] | undefined) ?? []) });
  const indices = requests.flatMap((r) => (rpcInput(r).indices as unknown[] | undefined) ?? []);
  if (indices.length === 0) throw new CoreError('INTERNAL', 'A merged remove-flow-filter must name its indices: without them VTN removes the whole list.');
  return rpc(REMOVE, { ...input, indices });
}

/**
 * Sends the redirect filters of one vInterface list that sit at the same depth of their chains
 * in one `set-flow-filter` (or `remove-flow-filter`) call, at most `limit` each; conditions and
 * provisioning stay one RPC each (VTN has no list form for them).
 */
export function vtnBatchSteps(steps: readonly PushStep[], limit: number): PushStep[] {
  return batchSteps(steps, {
    limit,
    groupOf: (step) => (step.kind === 'filter' ? listOf(step.request) : undefined),
    merge: (members, seq) => {
      const list = listOf(members[0]?.request as DriverRequest) ?? '';
      const services = new Set(members.map((m) => m.serviceId)).size;
      const removing = members[0]?.action === 'delete';
      return {
        objectId: `filters:batch-${seq}`,
        kind: 'filter',
        summary: `${members.length} redirect filters of ${services} service(s) ${removing ? 'off' : 'on'} ${list.split('/').slice(1).join('/')} in one request`,
        request: mergeFilterRequests(members.map((m) => m.request)),
      };
    },
  });
}
