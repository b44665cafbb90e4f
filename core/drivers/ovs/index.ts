/**
 * Open vSwitch: the `ovs-ofctl` lines (OpenFlow 1.3) of the plans, as a shell script.
 */
export { flowSpec, ovsScript, serviceTitle } from './ofctl';
