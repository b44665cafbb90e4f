import { parseOvsTarget } from '../../../core/drivers/ovs/address';
import { DEFAULT_TIMEOUT_MS } from '../../../core/drivers';
import { CoreError } from '../../../core/util/core-error';
import type { Dispatch } from '../dispatch';
import { EngineClient } from './engine-client';
import { EngineCallError } from './errors';
import type { ControllerKind, ControllerTarget, PushConfig } from './push-step';

/** The `wicm serve` options that say where the REST API pushes. */
export interface ControllerFlags {
  /** `--controller URL` */
  readonly controller?: string;
  /** `--driver odl-vtn|onos` */
  readonly driver?: string;
  /** `--controller-user U` (default admin) */
  readonly controllerUser?: string;
  /** `--controller-tenant NAME` (VTN tenant) */
  readonly controllerTenant?: string;
  /** `--controller-app-id ID` (ONOS application id) */
  readonly controllerAppId?: string;
  /** `--controller-provision`: VTN only, also create the tenant, vBridges, vInterfaces, port maps. */
  readonly controllerProvision?: boolean;
  /** `--controller-timeout MS`: deadline of each controller request (default {@link DEFAULT_TIMEOUT_MS}). */
  readonly controllerTimeout?: string;
  /** `--lab-controller odl-vtn|onos` */
  readonly labController?: string;
  /** `--plan-only` */
  readonly planOnly?: boolean;
}

const KINDS: readonly ControllerKind[] = ['odl-vtn', 'onos', 'ovs'];
/** Kinds with a built-in lab controller (Open vSwitch is the real switch). */
const LAB_KINDS: readonly ControllerKind[] = ['odl-vtn', 'onos'];

/**
 * The push configuration from the serve flags: a controller (password from
 * `WICM_CONTROLLER_PASSWORD`, never from the command line where `ps` shows it), the built-in
 * lab controller (started through the contract's `controllers.startLab`), plan-only, or none.
 * Contradictory or incomplete flags are a CoreError INVALID_INPUT saying what to pass.
 */
export async function resolvePushConfig(flags: ControllerFlags, env: Readonly<Record<string, string | undefined>>, dispatch: Dispatch): Promise<PushConfig> {
  const chosen = [flags.controller !== undefined, flags.labController !== undefined, flags.planOnly === true].filter(Boolean).length;
  if (chosen > 1) throw new CoreError('INVALID_INPUT', 'Choose one of --controller, --lab-controller and --plan-only.');
  if (flags.controllerTimeout !== undefined && flags.controller === undefined && flags.labController === undefined) {
    throw new CoreError('INVALID_INPUT', '--controller-timeout goes with --controller <url> or --lab-controller.');
  }
  if (flags.controller === undefined && (flags.driver !== undefined || flags.controllerUser !== undefined)) {
    throw new CoreError('INVALID_INPUT', '--driver and --controller-user go with --controller <url>.');
  }
  if (flags.controllerProvision && flags.driver !== 'odl-vtn') {
    throw new CoreError('INVALID_INPUT', '--controller-provision goes with --driver odl-vtn (ONOS flow rules need no forwarding elements created).');
  }
  if (flags.planOnly) return { mode: 'plan-only' };
  if (flags.labController !== undefined) return startLab(kindOf(flags.labController, '--lab-controller', LAB_KINDS), flags, dispatch);
  if (flags.controller === undefined) return { mode: 'none' };
  if (flags.driver === undefined) throw new CoreError('INVALID_INPUT', `--controller needs --driver ${KINDS.join('|')}.`);
  const kind = kindOf(flags.driver, '--driver');
  if (kind === 'ovs') {
    // Open vSwitch over ovs-ofctl: a run directory, a bridge socket or tcp:HOST:PORT; OpenFlow has no login.
    const address = flags.controller.trim().replace(/\/+$/, '');
    parseOvsTarget(address);
    return { mode: 'controller', target: { kind, url: address, user: '', password: '' }, label: `Open vSwitch at ${address}` };
  }
  const url = controllerUrl(flags.controller);
  const password = env['WICM_CONTROLLER_PASSWORD'];
  if (password === undefined) {
    throw new CoreError('INVALID_INPUT', 'Set the controller password in the environment variable WICM_CONTROLLER_PASSWORD (it is never taken from the command line).');
  }
  const target: ControllerTarget = { kind, url, user: flags.controllerUser ?? 'admin', password, ...extras(flags) };
  return { mode: 'controller', target, label: `${kind} at ${url}`, ...(flags.controllerProvision ? { provision: true } : {}) };
}

async function startLab(kind: ControllerKind, flags: ControllerFlags, dispatch: Dispatch): Promise<PushConfig> {
  try {
    const lab = await new EngineClient(dispatch).call('controllers.startLab', { kind });
    // A lab VTN starts empty: create the tenant and vBridges with the first push.
    return {
      mode: 'controller',
      target: { kind, url: lab.url, user: lab.user, password: lab.password, ...extras(flags) },
      label: `lab ${kind} controller at ${lab.url}`,
      ...(kind === 'odl-vtn' ? { provision: true } : {}),
    };
  } catch (e) {
    if (e instanceof EngineCallError) throw new CoreError('INVALID_INPUT', `Could not start the lab controller: ${e.error.message}`);
    throw e;
  }
}

function extras(flags: ControllerFlags): Pick<ControllerTarget, 'tenant' | 'appId' | 'timeoutMs'> {
  return {
    ...(flags.controllerTenant ? { tenant: flags.controllerTenant } : {}),
    ...(flags.controllerAppId ? { appId: flags.controllerAppId } : {}),
    ...(flags.controllerTimeout !== undefined ? { timeoutMs: timeoutOf(flags.controllerTimeout) } : {}),
  };
}

/** Shortest and longest controller request deadline (the contract's `timeoutMs` bounds). */
const TIMEOUT_RANGE = [50, 600_000] as const;

function timeoutOf(text: string): number {
  const ms = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(ms) || ms < TIMEOUT_RANGE[0] || ms > TIMEOUT_RANGE[1]) {
    throw new CoreError('INVALID_INPUT', `--controller-timeout '${text}' is not a number of milliseconds from ${TIMEOUT_RANGE[0]} to ${TIMEOUT_RANGE[1]} (default ${DEFAULT_TIMEOUT_MS}).`);
  }
  return ms;
}

function kindOf(value: string, flag: string, kinds: readonly ControllerKind[] = KINDS): ControllerKind {
  const kind = kinds.find((k) => k === value);
  if (!kind) throw new CoreError('INVALID_INPUT', `${flag} '${value}' is not a controller driver; use ${kinds.join(' or ')}.`);
  return kind;
}

function controllerUrl(text: string): string {
  // A cluster: the members' URLs separated by commas (or --controller given once per member).
  return text
    .split(/[\s,]+/)
    .filter((member) => member !== '')
    .map(memberUrl)
    .join(',');
}

function memberUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CoreError('INVALID_INPUT', `--controller '${text}' is not a URL; write it as http://host:8181 (a cluster: one --controller per member, or their URLs separated by commas).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CoreError('INVALID_INPUT', `--controller must be an http:// or https:// URL (got ${url.protocol}).`);
  if (url.username !== '' || url.password !== '') {
    throw new CoreError('INVALID_INPUT', '--controller must not carry credentials: pass --controller-user and set WICM_CONTROLLER_PASSWORD.');
  }
  return text.replace(/\/+$/, '');
}
