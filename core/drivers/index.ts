/**
 * Controller drivers: one interface (driver.ts) with capabilities, an OpenDaylight VTN and an
 * ONOS implementation, a registry, and the push transaction (desired → read live → diff →
 * apply with journal → compensate on failure → read back) plus drift detection.
 *
 * Each target folder also owns its wire format and defaults: odl-vtn/ the VTN RESTCONF
 * requests, onos/ the ONOS flow batch, ovs/ the ovs-ofctl lines; openflow/ is the flow model
 * the OpenFlow targets share and translate/ the plan resolution every translator starts from.
 * core/export writes their output to files.
 */
export type {
  AppliedStep,
  ChainPosition,
  ControllerDriver,
  ControllerObject,
  DesiredInput,
  DesiredObject,
  DiffScope,
  DriverCapabilities,
  DriverDefaults,
  DriverFeature,
  DriverRequest,
  LiveObject,
  ObjectKind,
  OwnedObject,
  PreflightFinding,
  PushStep,
  ReadHints,
} from './driver';
export { SHARED_OWNER, StepFailure, UNKNOWN_OWNER } from './driver';
export { sameContent } from './canonical';
export type { HttpAuth, HttpClient, HttpErrorKind, HttpMethod, HttpRequestOptions, HttpResponse } from './http';
export { HttpError, isHttpError, redactUrl } from './http';
export { diffObjects } from './diff';
export { runDag, type DagNode, type DagOutcome } from './dag';
export { applyToOwned, createOwnedIndex, journalOwned, journalOwnedIds, type OwnedIndex, journalTarget, memoryJournal, ownedFromJournal, isJournalEntry, type JournalEntry, type PushJournal } from './journal';
export { runTransaction, desiredInScope, type StepOutcome, type StepStatus, type TransactionDeps, type TransactionInput, type TransactionResult } from './transaction';
export { adoptDrift, detectDrift, type DriftFinding, type ServiceDrift } from './drift';
export { createDriver, driverEntry, driverList, DRIVERS, supports, type DriverEntry, type DriverIo } from './registry';
export { baseUrl, DEFAULT_TIMEOUT_MS } from './request';

// Translation of plans into each controller's wire format (the exporters write these to files).
export type { TranslateInput, TranslateOptions } from './translate';
export { DEFAULT_VTN_TENANT } from './odl-vtn/defaults';
export { buildVtnRequests, vtnRequests, type VtnRequest } from './odl-vtn/requests';
export { DEFAULT_ONOS_APP_ID } from './onos/defaults';
export { buildOnosFlows, onosDeviceId, onosFlows, onosTeardown, type OnosFlow, type OnosRequest } from './onos/flows';
export { ovsScript, createOvsDriver, parseOvsTarget, OVS_TARGET_FORMS, parseFlowLine, flowKey, type FlowText, type OpenFlowSwitch, type OpenFlowSwitches } from './ovs';
export { FLOW_PRIORITY_BASE, lintFlows, serviceCookie, type FlowAction, type FlowEntry, type FlowMatch } from './openflow';
