import type { DriverDefaults } from '../driver';

/** Defaults of an Open vSwitch target: export only (an ovs-ofctl script), so nothing to reach. */
export const OVS_DEFAULTS: DriverDefaults = { port: 0, user: '', password: '', timeoutMs: 0, maxConcurrency: 1 };
