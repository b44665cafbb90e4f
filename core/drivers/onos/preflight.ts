import type { ControllerTargetDto } from '../../contract/api';
import { record } from '../canonical';
import type { DesiredObject, PreflightFinding } from '../driver';
import type { HttpClient } from '../http';
import { send } from '../request';

/**
 * ONOS accepts a flow for a device it does not know (201) and leaves it PENDING_ADD: nothing is
 * redirected. Asks ONOS for each device the push writes flows to (one GET per distinct device
 * of the push, not per device of the network) and reports the missing ones.
 */
export async function onosPreflight(http: HttpClient, target: ControllerTargetDto, wanted: readonly DesiredObject[]): Promise<PreflightFinding[]> {
  const devices = [...new Set(wanted.filter((w) => w.kind === 'flow').map((w) => record(w.create.body).deviceId).filter((d): d is string => typeof d === 'string'))];
  const missing = await Promise.all(
    devices.map(async (device) => {
      // Advisory: a device that cannot be asked about is not reported (the push itself will tell).
      const response = await send(http, target, { method: 'GET', path: `/onos/v1/devices/${encodeURIComponent(device)}` }).catch(() => null);
      return response?.status === 404 ? device : null;
    }),
  );
  return missing.filter((d): d is string => d !== null).map((device) => ({ effect: 'discard', missing: 'device', device }));
}
