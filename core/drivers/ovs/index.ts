/**
 * Open vSwitch: the `ovs-ofctl` lines (OpenFlow 1.3) of the plans, as a shell script. Export
 * only for now: there is no push driver, so the registry lists it without an implementation.
 */
import type { DriverCapabilities } from '../driver';

export { flowSpec, ovsScript, serviceTitle } from './ofctl';

/** What an ovs-ofctl script target can do (nothing is pushed or read back). */
export const OVS_CAPABILITIES: DriverCapabilities = {
  transactional: false,
  readBack: false,
  concurrentWrites: false,
  vlan: true,
  ipv6: true,
  provisioning: false,
};
