import type { DriverDefaults } from '../driver';
import { DEFAULT_TIMEOUT_MS } from '../request';

/** Default ONOS application id of WICM flows. */
export const DEFAULT_ONOS_APP_ID = 'org.wicm.studio';

/** Defaults of an ONOS target. */
export const ONOS_DEFAULTS: DriverDefaults = {
  port: 8181, // ONOS web server
  user: 'onos', // tools/package/etc/users.properties (karaf/karaf is also common)
  password: 'rocks',
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxConcurrency: 16, // flows to different devices are independent
  appId: DEFAULT_ONOS_APP_ID, // prefix: a project posts under its own `<prefix>.p<hex>` unless told otherwise
};
