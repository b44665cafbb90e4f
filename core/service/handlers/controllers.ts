import type { ControllerKindDto, ControllerProfileDto, ControllerTargetDto, Handlers, ProfileRefDto } from '../../contract/api';
import { CoreError } from '../../util/core-error';
import type { WicmEngine } from '../engine';
import type { StoredProfile } from '../ports';

type ProfileHandlers = Pick<Handlers, 'controllers.profiles' | 'controllers.saveProfile' | 'controllers.removeProfile'>;

const LAB_PROFILES: readonly { readonly id: string; readonly kind: ControllerKindDto; readonly name: string }[] = [
  { id: 'lab-odl-vtn', kind: 'odl-vtn', name: 'Lab controller (OpenDaylight VTN)' },
  { id: 'lab-onos', kind: 'onos', name: 'Lab controller (ONOS)' },
];

function profilesPort(engine: WicmEngine): NonNullable<WicmEngine['ports']['profiles']> {
  const port = engine.ports.profiles;
  if (!port) throw new CoreError('DRIVER_UNAVAILABLE', 'This engine keeps no controller profiles: give the controller URL and credentials instead.');
  return port;
}

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
    builtIn: false,
    passwordStorage: p.secret !== null ? storage : null,
  };
}

/** Saved controller profiles; passwords are sealed by the host and never sent to the UI. */
export function profileHandlers(engine: WicmEngine): ProfileHandlers {
  const list = async (): Promise<ControllerProfileDto[]> => {
    const labs: ControllerProfileDto[] = LAB_PROFILES.map((l) => ({ ...l, url: '', user: '', hasPassword: true, builtIn: true, passwordStorage: null }));
    const port = engine.ports.profiles;
    return port ? [...labs, ...(await port.store.list()).map((p) => toDto(p, port.secrets.kind))] : labs;
  };
  return {
    'controllers.profiles': list,
    'controllers.saveProfile': async (req) => {
      const { store, secrets } = profilesPort(engine);
      if (LAB_PROFILES.some((l) => l.id === req.id)) throw new CoreError('CONFLICT', 'The built-in lab controllers cannot be changed.');
      const all = [...(await store.list())];
      const index = req.id === undefined ? -1 : all.findIndex((p) => p.id === req.id);
      if (req.id !== undefined && index < 0) throw new CoreError('NOT_FOUND', `No controller profile with id '${req.id}'.`);
      if (all.some((p, i) => i !== index && p.name === req.name)) throw new CoreError('CONFLICT', `A profile named '${req.name}' exists already.`);
      const previous = index >= 0 ? all[index] : undefined;
      const secret = req.password === undefined ? (previous?.secret ?? null) : req.password === null ? null : await secrets.seal(req.password);
      const profile: StoredProfile = {
        id: previous?.id ?? `ctl-${engine.ports.clock.now().getTime().toString(36)}`,
        name: req.name,
        kind: req.kind,
        url: req.url,
        user: req.user,
        ...(req.tenant ? { tenant: req.tenant } : {}),
        ...(req.appId ? { appId: req.appId } : {}),
        secret,
      };
      if (index >= 0) all[index] = profile;
      else all.push(profile);
      await store.saveAll(all);
      return toDto(profile, secrets.kind);
    },
    'controllers.removeProfile': async (req) => {
      const { store } = profilesPort(engine);
      const all = await store.list();
      if (!all.some((p) => p.id === req.id)) throw new CoreError('NOT_FOUND', `No controller profile with id '${req.id}'.`);
      await store.saveAll(all.filter((p) => p.id !== req.id));
      return list();
    },
  };
}

/** The concrete controller of a push request: a target as given, or a profile's (lab or saved). */
export async function resolveProfile(engine: WicmEngine, target: ControllerTargetDto | ProfileRefDto): Promise<ControllerTargetDto> {
  if (!('profileId' in target)) return target;
  const lab = LAB_PROFILES.find((l) => l.id === target.profileId);
  if (lab) {
    const labs = engine.ports.labControllers;
    if (!labs) throw new CoreError('DRIVER_UNAVAILABLE', 'This engine cannot run the built-in lab controllers.');
    const started = await labs.start(lab.kind);
    return { kind: lab.kind, url: started.url, user: started.user, password: started.password };
  }
  const { store, secrets } = profilesPort(engine);
  const profile = (await store.list()).find((p) => p.id === target.profileId);
  if (!profile) throw new CoreError('NOT_FOUND', `No controller profile with id '${target.profileId}'.`);
  return {
    kind: profile.kind,
    url: profile.url,
    user: profile.user,
    password: profile.secret === null ? '' : await secrets.open(profile.secret),
    ...(profile.tenant ? { tenant: profile.tenant } : {}),
    ...(profile.appId ? { appId: profile.appId } : {}),
  };
}
