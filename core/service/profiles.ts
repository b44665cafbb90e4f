import type { ControllerKindDto, ControllerTargetDto, ProfileRefDto } from '../contract/api';
import { CONTROLLER_TIMEOUT_MS } from '../contract/controllers-dto';
import { CoreError } from '../util/core-error';
import type { HandlerContext, HandlerPorts } from './context';
import type { StoredProfile } from './ports';

/**
 * The built-in lab controllers, offered as profiles before the saved ones. They start empty, so
 * a first push through the VTN one must create the tenant, vBridges, vInterfaces and port maps:
 * it provisions by default (ONOS flow rules need no forwarding elements created).
 */
export const LAB_PROFILES: readonly { readonly id: string; readonly kind: ControllerKindDto; readonly name: string; readonly provisionByDefault?: true }[] = [
  { id: 'lab-odl-vtn', kind: 'odl-vtn', name: 'Lab controller (OpenDaylight VTN)', provisionByDefault: true },
  { id: 'lab-onos', kind: 'onos', name: 'Lab controller (ONOS)' },
];

/** Whether a push request provisions: as it says, else the profile's default. */
export function provisionOf(req: { readonly target: ControllerTargetDto | ProfileRefDto; readonly provision?: boolean }): boolean {
  if (req.provision !== undefined) return req.provision;
  const target = req.target;
  return 'profileId' in target && LAB_PROFILES.some((l) => l.id === target.profileId && l.provisionByDefault === true);
}

/** The saved-profiles port, or DRIVER_UNAVAILABLE when this engine keeps none. */
export function profilesPort(ports: HandlerPorts): NonNullable<HandlerPorts['profiles']> {
  const port = ports.profiles;
  if (!port) throw new CoreError('DRIVER_UNAVAILABLE', 'This engine keeps no controller profiles: give the controller URL and credentials instead.');
  return port;
}

/** The concrete controller of a push request: a target as given, or a profile's (lab or saved). */
export async function resolveProfile(ctx: Pick<HandlerContext, 'ports'>, target: ControllerTargetDto | ProfileRefDto): Promise<ControllerTargetDto> {
  if (!('profileId' in target)) return target;
  const lab = LAB_PROFILES.find((l) => l.id === target.profileId);
  if (lab) {
    const labs = ctx.ports.labControllers;
    if (!labs) throw new CoreError('DRIVER_UNAVAILABLE', 'This engine cannot run the built-in lab controllers.');
    const started = await labs.start(lab.kind);
    return { kind: lab.kind, url: started.url, user: started.user, password: started.password };
  }
  const { store, secrets } = profilesPort(ctx.ports);
  const profile = (await store.list()).find((p) => p.id === target.profileId);
  if (!profile) throw new CoreError('NOT_FOUND', `No controller profile with id '${target.profileId}'.`);
  if (profile.passwordNeeded) {
    throw new CoreError(
      'INVALID_INPUT',
      `Enter the password for '${profile.name}': its URL, user or controller changed, so the stored password was dropped (it is never sent to another endpoint). Edit the profile and type the password, then push again.`,
      { profileId: profile.id, passwordNeeded: true },
    );
  }
  return {
    kind: profile.kind,
    url: profile.url,
    user: profile.user,
    password: profile.secret === null ? '' : await secrets.open(profile.secret),
    ...(profile.tenant ? { tenant: profile.tenant } : {}),
    ...(profile.appId ? { appId: profile.appId } : {}),
    ...(profile.timeoutMs !== undefined ? { timeoutMs: storedTimeout(profile) } : {}),
  };
}

/**
 * A stored profile's controller timeout, checked again (the profiles file may have been edited
 * by hand): out of range or not a whole number is refused, never replaced by a guess.
 */
function storedTimeout(profile: StoredProfile): number {
  const ms = profile.timeoutMs;
  const { min, max } = CONTROLLER_TIMEOUT_MS;
  if (typeof ms === 'number' && Number.isInteger(ms) && ms >= min && ms <= max) return ms;
  throw new CoreError('INVALID_INPUT', `The controller timeout of profile '${profile.name}' (${String(ms)}) must be a whole number of milliseconds from ${min} to ${max}: edit the profile and fix it, or leave it empty for the default.`, {
    profileId: profile.id,
  });
}
