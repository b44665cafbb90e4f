/**
 * The OpenFlow flow model shared by the OpenFlow translators (ONOS, ovs-ofctl): flow entries
 * built from resolved plans, their lint rules, and the per-service cookie.
 */
export { serviceCookie, COOKIE_MARKER } from './cookie';
export { lintFlows } from './flow-lint';
export {
  buildFlows,
  ETH_TYPE_IPV4,
  ETH_TYPE_IPV6,
  FLOW_PRIORITY_BASE,
  type FlowAction,
  type FlowEntry,
  type FlowMatch,
  type FlowPath,
} from './flows';
