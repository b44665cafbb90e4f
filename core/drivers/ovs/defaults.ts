import type { DriverDefaults } from '../driver';
import { DEFAULT_TIMEOUT_MS } from '../request';

/** Defaults of an Open vSwitch target (reached by ovs-ofctl over a socket or tcp:, no credentials). */
export const OVS_DEFAULTS: DriverDefaults = {
  port: 6653, // OpenFlow port of a switch that listens on tcp:
  user: '', // OpenFlow has no login
  password: '',
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxConcurrency: 8, // bundles to different bridges are independent
};
