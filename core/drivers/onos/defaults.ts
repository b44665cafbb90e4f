import type { DriverDefaults } from '../driver';
import { DEFAULT_TIMEOUT_MS } from '../request';

/** Default ONOS application id of WICM flows. */
export const DEFAULT_ONOS_APP_ID = 'org.wicm.studio';

/**
 * Most flows in one batch request (`POST /onos/v1/flows`, `DELETE /onos/v1/flows`): large enough
 * that a fleet push sends a few requests per chain rank, small enough that one body stays well
 * below ONOS's request limits (about 400 bytes a flow: 200 kB) and one failure undoes little.
 */
export const ONOS_BATCH_FLOWS = 500;

/** Defaults of an ONOS target. */
export const ONOS_DEFAULTS: DriverDefaults = {
  port: 8181, // ONOS web server
  user: 'onos', // tools/package/etc/users.properties (karaf/karaf is also common)
  password: 'rocks',
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxConcurrency: 16, // flows to different devices are independent
  appId: DEFAULT_ONOS_APP_ID, // prefix: a project posts under its own `<prefix>.p<hex>` unless told otherwise
};
