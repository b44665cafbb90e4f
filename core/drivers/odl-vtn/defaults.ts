import type { DriverDefaults } from '../driver';
import { DEFAULT_TIMEOUT_MS } from '../request';

/** Default VTN tenant (a vnode-name) of the requests and the VTN driver. */
export const DEFAULT_VTN_TENANT = 'vtn1';

/** Defaults of an OpenDaylight VTN Manager target. */
export const VTN_DEFAULTS: DriverDefaults = {
  port: 8181, // RESTCONF on the Karaf HTTP port
  user: 'admin', // AAA default
  password: 'admin',
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxConcurrency: 8, // RPCs on distinct filter lists do not contend
  tenant: DEFAULT_VTN_TENANT,
};

/**
 * Most flow filters in one `set-flow-filter` or `remove-flow-filter` call: VTN sets a call's
 * filters in one datastore transaction, and a request stays far below RESTCONF's body limits.
 */
export const VTN_BATCH_FILTERS = 256;
