/** Default ONOS application id of WICM flows. */
export const DEFAULT_ONOS_APP_ID = 'org.wicm.studio';
