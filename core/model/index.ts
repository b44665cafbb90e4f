/**
 * The WICM domain model.
 *
 * The entity shapes are the plain data of `core/contract/dto` (one definition for engine and
 * wire); this module adds the invariants and look-ups the engine needs on top of them.
 */
export type {
  BridgeDto as Bridge,
  BridgeKind,
  PortDto as Port,
  LinkDto as Link,
  SegmentDto as Segment,
  PopDto as Pop,
  NapDto as Nap,
  VlanPoolDto as VlanPool,
  TopologyDto as Topology,
  TopologyDefaultsDto as TopologyDefaults,
  PositionDto as Position,
  ServiceDto as Service,
  ServiceState,
  ProvenanceDto as Provenance,
  DiagnosticDto as Diagnostic,
  Severity,
  Direction,
  HopKind,
  HopDto as Hop,
  RuleDto as Rule,
  PathDto as Path,
  PlanDto as Plan,
} from '../contract/dto';
export { emptyTopology, isDefaultRoute, TopologyIndex } from './topology';
export { isVnodeName, toVnodeName, VNODE_NAME } from './names';
export type {
  ServiceRequest,
  ImportResult,
  NapRegistration,
  NfviRegistration,
  TopologyRegistration,
} from './service-request';
