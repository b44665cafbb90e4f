import type { ControllerDriverDto, ControllerKindDto, ControllerTargetDto } from '../contract/api';
import { CoreError } from '../util/core-error';
import type { ControllerDriver, DriverCapabilities, DriverDefaults, DriverFeature } from './driver';
import { createVtnDriver, VTN_CAPABILITIES } from './odl-vtn';
import { VTN_DEFAULTS } from './odl-vtn/defaults';
import { createOnosDriver, ONOS_CAPABILITIES } from './onos';
import { ONOS_DEFAULTS } from './onos/defaults';
import { createOvsDriver, OVS_CAPABILITIES, type OpenFlowSwitches } from './ovs';
import { OVS_DEFAULTS } from './ovs/defaults';

/** What a driver may need from the host besides HTTP (the ports that reach non-HTTP targets). */
export interface DriverIo {
  /** ovs-ofctl, for Open vSwitch targets. */
  readonly switches?: OpenFlowSwitches;
}

/** One entry of the driver registry. */
export interface DriverEntry {
  readonly id: ControllerKindDto;
  readonly label: string;
  /** Builds a driver bound to a target; null for export-only targets. */
  readonly impl: ((target: ControllerTargetDto, io: DriverIo) => ControllerDriver) | null;
  readonly capabilities: DriverCapabilities;
  readonly defaults: DriverDefaults;
}

/** The controller targets, in picker order. */
export const DRIVERS: readonly DriverEntry[] = [
  {
    id: 'odl-vtn',
    label: 'OpenDaylight VTN Manager (RESTCONF)',
    impl: createVtnDriver,
    capabilities: VTN_CAPABILITIES,
    defaults: VTN_DEFAULTS,
  },
  {
    id: 'onos',
    label: 'ONOS (REST flow rules)',
    impl: createOnosDriver,
    capabilities: ONOS_CAPABILITIES,
    defaults: ONOS_DEFAULTS,
  },
  {
    id: 'ovs',
    label: 'Open vSwitch (ovs-ofctl, one OpenFlow bundle per bridge; also exported as a script)',
    impl: (target, io) => createOvsDriver(target, io.switches),
    capabilities: OVS_CAPABILITIES,
    defaults: OVS_DEFAULTS,
  },
];

/** The registry entry of a kind. */
export function driverEntry(kind: string): DriverEntry {
  const entry = DRIVERS.find((d) => d.id === kind);
  if (entry === undefined) throw new CoreError('INVALID_INPUT', `Unknown controller kind '${kind}': use ${DRIVERS.map((d) => d.id).join(', ')}.`);
  return entry;
}

/** Whether a target kind has a capability (Beekeeper's `supports(feature)`). */
export function supports(kind: string, feature: DriverFeature): boolean {
  return DRIVERS.find((d) => d.id === kind)?.capabilities[feature] ?? false;
}

/** A driver bound to a target. */
export function createDriver(target: ControllerTargetDto, io: DriverIo = {}): ControllerDriver {
  const entry = driverEntry(target.kind);
  if (entry.impl === null) throw new CoreError('INVALID_INPUT', `${entry.label} cannot be pushed to: export a script instead.`);
  return entry.impl(target, io);
}

/** The registry as the contract shows it (no functions). */
export function driverList(): ControllerDriverDto[] {
  return DRIVERS.map((d) => ({
    id: d.id,
    label: d.label,
    pushable: d.impl !== null,
    capabilities: { ...d.capabilities },
    defaults: Object.fromEntries(Object.entries(d.defaults).filter(([k, v]) => v !== undefined && k !== 'password')) as Record<string, string | number>,
  }));
}
