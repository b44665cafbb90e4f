import type { ControllerProfileDto, ControllerProfileInputDto } from '../../../core/contract/api';
import { CONTROLLER_TIMEOUT_MS } from '../../../core/contract/controllers-dto';
import { FieldError, optionalInt, text, type FieldSpec, type FormValues } from '../../lib/forms';

/** Hint of the controller timeout field. */
export const TIMEOUT_HINT = `Deadline of each controller request, ${CONTROLLER_TIMEOUT_MS.min} to ${CONTROLLER_TIMEOUT_MS.max} ms; empty = 10000.`;

/** Hint of the password field when the edited profile has one stored. */
export const KEEP_PASSWORD_HINT = 'Leave empty to keep the stored password.';

/** Hint of the password field when the edit re-points a profile that has a stored password. */
export const DROP_PASSWORD_HINT =
  'The URL, user or controller changed: the stored password will be dropped (it is never sent to another endpoint). Type the password for the new one.';

/** Hint of the password field when the profile's password was dropped by an earlier change. */
export const NEEDED_PASSWORD_HINT = 'Enter the password: it was dropped when the URL, user or controller changed.';

/** The chosen controller kind (OpenDaylight VTN unless ONOS or Open vSwitch is picked). */
function kindOf(values: FormValues): ControllerProfileInputDto['kind'] {
  const kind = text(values, 'kind');
  return kind === 'onos' || kind === 'ovs' ? kind : 'odl-vtn';
}

/** Whether the form's values point the edited profile at another endpoint (URL, user or kind). */
export function repointed(values: FormValues, editing: ControllerProfileDto | null): boolean {
  if (!editing) return false;
  const kind = kindOf(values);
  return text(values, 'url') !== editing.url || text(values, 'user') !== editing.user || kind !== editing.kind;
}

/** The profile form's values: empty for a new profile, the profile's own when editing (never its password). */
export function profileValues(profile: ControllerProfileDto | null): FormValues {
  return {
    name: profile?.name ?? '',
    kind: profile?.kind ?? 'odl-vtn',
    url: profile?.url ?? '',
    user: profile ? profile.user : 'admin',
    tenant: profile?.tenant ?? '',
    appId: profile?.appId ?? '',
    timeoutMs: profile?.timeoutMs === undefined ? '' : String(profile.timeoutMs),
    password: '',
    clearPassword: false,
  };
}

/**
 * The profile form's fields for the values as they are: the driver's own field (VTN tenant or
 * ONOS application id) follows the chosen controller; an edited profile with a stored password
 * offers to keep it (empty field) or clear it.
 */
export function profileFields(values: FormValues, editing: ControllerProfileDto | null): FieldSpec[] {
  const kind = text(values, 'kind');
  const stored = editing?.hasPassword === true;
  const clearing = stored && values.clearPassword === true;
  return [
    { key: 'name', label: 'Name', type: 'text', required: true, placeholder: 'lab ODL' },
    {
      key: 'kind',
      label: 'Controller',
      type: 'select',
      options: [
        { value: 'odl-vtn', label: 'OpenDaylight VTN' },
        { value: 'onos', label: 'ONOS' },
        { value: 'ovs', label: 'Open vSwitch (ovs-ofctl)' },
      ],
    },
    ...(kind === 'ovs'
      ? [
          {
            key: 'url',
            label: 'Switches',
            type: 'text',
            required: true,
            placeholder: 'unix:/var/run/openvswitch',
            hint: 'The bridges\' run directory, one bridge (unix:DIR/br0.mgmt) or tcp:HOST:PORT. OpenFlow has no login.',
          } as const,
        ]
      : [{ key: 'url', label: 'URL', type: 'text', required: true, placeholder: 'http://10.0.0.5:8181', hint: 'A cluster: its members\' URLs separated by commas.' } as const, { key: 'user', label: 'User', type: 'text' } as const]),
    ...(kind === 'odl-vtn' ? [{ key: 'tenant', label: 'VTN tenant', type: 'text', placeholder: 'vtn1', hint: 'Optional; empty = vtn1.' } as const] : []),
    ...(kind === 'onos' ? [{ key: 'appId', label: 'ONOS application id', type: 'text', placeholder: 'org.wicm.studio', hint: "Optional; empty = the project's own application id." } as const] : []),
    ...(kind === 'ovs' ? [] : [{ key: 'timeoutMs', label: 'Request timeout (ms)', type: 'number', placeholder: 'empty = 10000', hint: TIMEOUT_HINT } as const]),
    ...(clearing || kind === 'ovs' ? [] : [{ key: 'password', label: 'Password', type: 'password', hint: passwordHint(values, editing) } as const]),
    ...(stored ? [{ key: 'clearPassword', label: 'Clear the stored password', type: 'checkbox' } as const] : []),
  ];
}

function passwordHint(values: FormValues, editing: ControllerProfileDto | null): string {
  if (editing?.hasPassword === true && repointed(values, editing)) return DROP_PASSWORD_HINT;
  if (editing?.hasPassword === true) return KEEP_PASSWORD_HINT;
  if (editing?.passwordNeeded === true) return NEEDED_PASSWORD_HINT;
  return 'Encrypted at rest by the engine; never sent back to the page.';
}

/**
 * The engine request of the form: the edited profile's id kept; a typed password replaces the
 * stored one, an empty one keeps it (undefined), "Clear" removes it (null); only the chosen
 * controller's own field is sent, and only when filled in.
 */
export function profileInput(values: FormValues, editing: ControllerProfileDto | null): ControllerProfileInputDto {
  const kind = kindOf(values);
  // Typed as is: a password may begin or end with spaces.
  const typed = typeof values.password === 'string' ? values.password : '';
  const password = kind === 'ovs' ? undefined : editing?.hasPassword === true && values.clearPassword === true ? null : typed || undefined;
  const tenant = kind === 'odl-vtn' ? text(values, 'tenant') : '';
  const appId = kind === 'onos' ? text(values, 'appId') : '';
  const timeoutMs = kind === 'ovs' ? null : timeoutOf(values);
  return {
    ...(editing ? { id: editing.id } : {}),
    name: text(values, 'name'),
    kind,
    url: text(values, 'url'),
    user: kind === 'ovs' ? '' : text(values, 'user'),
    ...(password !== undefined ? { password } : {}),
    ...(tenant ? { tenant } : {}),
    ...(appId ? { appId } : {}),
    ...(timeoutMs !== null ? { timeoutMs } : {}),
  };
}

/** The controller timeout typed: empty = the default; else a whole number in range, or a FieldError saying so. */
function timeoutOf(values: FormValues): number | null {
  const ms = optionalInt(values, 'timeoutMs', 'Request timeout');
  const { min, max } = CONTROLLER_TIMEOUT_MS;
  if (ms !== null && (ms < min || ms > max)) throw new FieldError('timeoutMs', `Request timeout must be from ${min} to ${max} ms (10 minutes); leave it empty for 10000.`);
  return ms;
}

/** One line under the target: where it is, as whom, and how its password is kept. */
export function profileSummary(profile: ControllerProfileDto): string {
  if (profile.builtIn) return 'Built-in lab controller, started on first use.';
  const who = profile.user ? ` as ${profile.user}` : '';
  const driver = (profile.tenant ? ` · tenant ${profile.tenant}` : profile.appId ? ` · app ${profile.appId}` : '') + (profile.timeoutMs !== undefined ? ` · timeout ${profile.timeoutMs} ms` : '');
  const password = profile.hasPassword
    ? `password sealed${profile.passwordStorage ? ` (${profile.passwordStorage})` : ''}`
    : profile.passwordNeeded
      ? 'password needed: edit the profile to enter it'
      : 'no password';
  return `${profile.url}${who}${driver} · ${password}`;
}
