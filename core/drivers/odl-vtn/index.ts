import type { ControllerTargetDto } from '../../contract/api';
import { record } from '../canonical';
import { diffObjects } from '../diff';
import { SHARED_OWNER, type ControllerDriver, type DriverCapabilities, type DriverRequest, type LiveObject, type PushStep } from '../driver';
import type { HttpClient } from '../http';
import { expectSuccess, send } from '../request';
import { mergeFilterRequests, vtnBatchSteps } from './batch';
import { DEFAULT_VTN_TENANT, VTN_BATCH_FILTERS } from './defaults';
import { vtnDesired } from './desired';
import { readVtnLive, readVtnObjects } from './live';
import { preflightIds, vtnPreflight } from './preflight';

/** What the VTN driver can do. */
export const VTN_CAPABILITIES: DriverCapabilities = {
  transactional: true,
  readBack: true,
  concurrentWrites: true,
  // Flow filters cannot set a VLAN id: tags follow the vInterface port maps.
  vlan: false,
  // vtn-inet-match is IPv4 only.
  ipv6: false,
  provisioning: true,
};

/** Removing what is already gone is fine (404 data-missing). */
const GONE = [404];

async function call(http: HttpClient, target: ControllerTargetDto, request: DriverRequest, tolerated: readonly number[] = []): Promise<void> {
  expectSuccess(await send(http, target, request), request, tolerated);
}

/** The service a live object belongs to by the project's names (the flow conditions it allocated). */
function claimOf(live: LiveObject, desiredById: ReadonlyMap<string, { readonly serviceId: string }>): string | null {
  if (live.kind === 'condition') return desiredById.get(live.id)?.serviceId ?? null;
  if (live.kind === 'filter') {
    const condition = record(live.content).condition;
    return typeof condition === 'string' ? (desiredById.get(`cond:${condition}`)?.serviceId ?? null) : null;
  }
  // Tenants, vBridges and vInterfaces carry no content to overwrite; a port map found with
  // other settings may be someone else's, so only the journal makes it the project's.
  const isNode = live.kind === 'vtn' || live.kind === 'vbridge' || live.kind === 'vinterface';
  return isNode && desiredById.get(live.id)?.serviceId === SHARED_OWNER ? SHARED_OWNER : null;
}

/**
 * OpenDaylight VTN Manager (Boron RESTCONF) driver.
 *
 * Per service direction: one flow condition, then one redirect input filter per hop (as
 * demi-wicm sends them, with the planner's per-interface filter indices); with `provision`, first
 * the tenant, vBridges, vInterfaces and port maps (T-NOVA style; shared, never torn down).
 * Ownership by name: conditions the project allocated, filters that use them.
 */
export function createVtnDriver(target: ControllerTargetDto): ControllerDriver {
  const tenant = target.tenant ?? DEFAULT_VTN_TENANT;
  return {
    kind: 'odl-vtn',
    capabilities: VTN_CAPABILITIES,
    target,
    desired: (input) => vtnDesired(input, tenant),
    readLive: (http) => readVtnLive(http, target, tenant),
    readObjects: (http, ids) => readVtnObjects(http, target, ids),
    claim: claimOf,
    diff: (desired, live, owned, scope) => vtnBatchSteps(diffObjects(desired, live, owned, scope), VTN_BATCH_FILTERS),
    async preflight(http, wanted, live) {
      // A scoped read brought only the push's own objects: read what the preflight checks and is not there yet.
      const known = new Set(live.map((l) => l.id));
      const missing = preflightIds(wanted).filter((id) => !known.has(id) && !wanted.some((w) => w.id === id));
      const more = missing.length === 0 ? [] : await readVtnObjects(http, target, missing);
      return vtnPreflight(wanted, [...live, ...more]);
    },
    async apply(http, step) {
      await call(http, target, step.request, step.action === 'delete' ? GONE : []);
      return {};
    },
    async compensate(http, step) {
      if (step.members !== undefined) return compensateBatch(http, step.members);
      if (step.action === 'create' && step.desired?.remove !== undefined) {
        await call(http, target, step.desired.remove, GONE);
        return;
      }
      for (const live of step.live) await call(http, target, live.restore);
    },
  };

  /** Undoes a batch of one filter list in at most two calls: removes the filters it created, sets back those it changed or removed. */
  async function compensateBatch(http: HttpClient, members: readonly PushStep[]): Promise<void> {
    const removes = members.flatMap((m) => (m.action === 'create' && m.desired?.remove !== undefined ? [m.desired.remove] : []));
    if (removes.length > 0) await call(http, target, mergeFilterRequests(removes), GONE);
    const restores = members.filter((m) => m.action !== 'create').flatMap((m) => m.live.map((l) => l.restore));
    if (restores.length > 0) await call(http, target, mergeFilterRequests(restores));
  }
}
