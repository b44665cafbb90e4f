import type { ControllerProfileDto, ControllerProfileInputDto, Handlers } from '../../contract/api';
import { driverList } from '../../drivers';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import type { StoredProfile } from '../ports';
import { LAB_PROFILES, profilesPort } from '../profiles';
import { setLabFault, startLab } from '../push/lab';

type ControllerHandlers = Pick<
  Handlers,
  'controllers.drivers' | 'controllers.profiles' | 'controllers.saveProfile' | 'controllers.removeProfile' | 'controllers.startLab' | 'controllers.setLabFault'
>;

function toDto(p: StoredProfile, storage: string): ControllerProfileDto {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    url: p.url,
    user: p.user,
    hasPassword: p.secret !== null,
    ...(p.tenant ? { tenant: p.tenant } : {}),
    ...(p.appId ? { appId: p.appId } : {}),
    ...(p.timeoutMs !== undefined ? { timeoutMs: p.timeoutMs } : {}),
    builtIn: false,
    passwordStorage: p.secret !== null ? storage : null,
    ...(p.passwordNeeded ? { passwordNeeded: true as const } : {}),
  };
}

/**
 * Whether a change re-points a profile: a stored password is for one user at one controller,
 * and must never be sent anywhere else.
 */
function endpointChanged(previous: StoredProfile, req: ControllerProfileInputDto): boolean {
  return previous.url !== req.url || previous.user !== req.user || previous.kind !== req.kind;
}

/**
 * Controllers: the drivers, saved profiles (passwords are sealed by the host and never sent to
 * the UI) and the built-in lab controllers.
 */
export function controllerHandlers(ctx: HandlerContext): ControllerHandlers {
  const list = async (): Promise<ControllerProfileDto[]> => {
    const labs: ControllerProfileDto[] = LAB_PROFILES.map((l) => ({ ...l, url: '', user: '', hasPassword: true, builtIn: true, passwordStorage: null }));
    const port = ctx.ports.profiles;
    return port ? [...labs, ...(await port.store.list()).map((p) => toDto(p, port.secrets.kind))] : labs;
  };
  return {
    'controllers.drivers': async () => driverList(),
    'controllers.profiles': list,
    'controllers.saveProfile': async (req) => {
      const { store, secrets } = profilesPort(ctx.ports);
      if (LAB_PROFILES.some((l) => l.id === req.id)) throw new CoreError('CONFLICT', 'The built-in lab controllers cannot be changed.');
      const all = [...(await store.list())];
      const index = req.id === undefined ? -1 : all.findIndex((p) => p.id === req.id);
      if (req.id !== undefined && index < 0) throw new CoreError('NOT_FOUND', `No controller profile with id '${req.id}'.`);
      if (all.some((p, i) => i !== index && p.name === req.name)) throw new CoreError('CONFLICT', `A profile named '${req.name}' exists already.`);
      const previous = index >= 0 ? all[index] : undefined;
      // No password given: keep the stored one, unless the profile now points elsewhere; then it is
      // dropped, and a push asks for it again instead of sending it to the new endpoint.
      const dropped = req.password === undefined && previous !== undefined && (previous.passwordNeeded === true || (previous.secret !== null && endpointChanged(previous, req)));
      const secret = req.password === undefined ? (dropped ? null : (previous?.secret ?? null)) : req.password === null ? null : await secrets.seal(req.password);
      const profile: StoredProfile = {
        id: previous?.id ?? ctx.ports.ids.next('ctl-'),
        name: req.name,
        kind: req.kind,
        url: req.url,
        user: req.user,
        ...(req.tenant ? { tenant: req.tenant } : {}),
        ...(req.appId ? { appId: req.appId } : {}),
        ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
        secret,
        ...(dropped ? { passwordNeeded: true as const } : {}),
      };
      if (index >= 0) all[index] = profile;
      else all.push(profile);
      await store.saveAll(all);
      return toDto(profile, secrets.kind);
    },
    'controllers.removeProfile': async (req) => {
      const { store } = profilesPort(ctx.ports);
      const all = await store.list();
      if (!all.some((p) => p.id === req.id)) throw new CoreError('NOT_FOUND', `No controller profile with id '${req.id}'.`);
      await store.saveAll(all.filter((p) => p.id !== req.id));
      return list();
    },
    'controllers.startLab': async (req) => startLab(ctx, req.kind),
    'controllers.setLabFault': async (req) => setLabFault(ctx, req.kind, req.fault),
  };
}
