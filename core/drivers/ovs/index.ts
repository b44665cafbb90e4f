/**
 * Open vSwitch: the `ovs-ofctl` lines (OpenFlow 1.3) of the plans, as a shell script export,
 * and the push driver that sends them as one OpenFlow bundle per bridge through the
 * {@link OpenFlowSwitches} port (ovs-ofctl on the host).
 */
export { flowSpec, ovsFlowEntries, ovsFlowPaths, ovsScript, serviceTitle } from './ofctl';
export { createOvsDriver, OVS_CAPABILITIES, ovsObjectId } from './driver';
export { parseOvsTarget, OVS_TARGET_FORMS, type OvsTargetAddress } from './address';
export { addLine, deleteByCookieLine, flowKey, parseFlowLine, type FlowText } from './flow-text';
export type { OpenFlowSwitch, OpenFlowSwitches } from './switches';
