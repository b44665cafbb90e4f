import { describe, expect, it } from 'vitest';
import type { ControllerProfileDto } from '../../../../core/contract/api';
import { FieldError, feedbackFromError } from '../../../../renderer/lib/forms';
import { DROP_PASSWORD_HINT, KEEP_PASSWORD_HINT, NEEDED_PASSWORD_HINT, TIMEOUT_HINT, profileFields, profileInput, profileSummary, profileValues, repointed } from '../../../../renderer/features/push/profile-form';

const saved: ControllerProfileDto = {
  id: 'ctl-1',
  name: 'lab ODL',
  kind: 'odl-vtn',
  url: 'http://10.0.0.5:8181',
  user: 'admin',
  hasPassword: true,
  tenant: 'vtn7',
  builtIn: false,
  passwordStorage: 'local-key',
};

const keys = (fields: readonly { key: string }[]): string[] => fields.map((f) => f.key);

describe('controller profile form', () => {
  it('offers Open vSwitch: switches address instead of URL, no user, no password', () => {
    const values = { ...profileValues(null), kind: 'ovs', url: 'unix:/var/run/openvswitch', password: 'typed' };
    const fields = profileFields(values, null);
    expect(fields.find((f) => f.key === 'kind')).toMatchObject({ options: expect.arrayContaining([{ value: 'ovs', label: 'Open vSwitch (ovs-ofctl)' }]) });
    expect(fields.map((f) => f.key)).toEqual(['name', 'kind', 'url']);
    expect(profileInput({ ...values, name: 'lab OVS' }, null)).toEqual({ name: 'lab OVS', kind: 'ovs', url: 'unix:/var/run/openvswitch', user: '' });
  });

  it('shows the driver field of the chosen controller only', () => {
    const values = profileValues(null);
    expect(keys(profileFields(values, null))).toEqual(['name', 'kind', 'url', 'user', 'tenant', 'timeoutMs', 'password']);
    expect(keys(profileFields({ ...values, kind: 'onos' }, null))).toEqual(['name', 'kind', 'url', 'user', 'appId', 'timeoutMs', 'password']);
    expect(profileFields(values, null).find((f) => f.key === 'password')?.type).toBe('password');
  });

  it('prefills an edited profile but never its password, and offers to keep or clear it', () => {
    const values = profileValues(saved);
    expect(values).toMatchObject({ name: 'lab ODL', kind: 'odl-vtn', url: 'http://10.0.0.5:8181', user: 'admin', tenant: 'vtn7', password: '', clearPassword: false });
    const fields = profileFields(values, saved);
    expect(fields.find((f) => f.key === 'password')?.hint).toBe(KEEP_PASSWORD_HINT);
    expect(keys(fields)).toContain('clearPassword');
    expect(keys(profileFields({ ...values, clearPassword: true }, saved))).not.toContain('password');
    expect(keys(profileFields(values, { ...saved, hasPassword: false, passwordStorage: null }))).not.toContain('clearPassword');
  });

  it('keeps the id and the stored password unless one is typed or cleared', () => {
    const values = profileValues(saved);
    expect(profileInput({ ...values, name: ' renamed ' }, saved)).toEqual({ id: 'ctl-1', name: 'renamed', kind: 'odl-vtn', url: 'http://10.0.0.5:8181', user: 'admin', tenant: 'vtn7' });
    expect(profileInput({ ...values, password: ' s3cret ' }, saved).password).toBe(' s3cret ');
    expect(profileInput({ ...values, password: 'typed', clearPassword: true }, saved).password).toBeNull();
    expect(profileInput({ ...profileValues(null), name: 'n', url: 'http://x' }, null)).toEqual({ name: 'n', kind: 'odl-vtn', url: 'http://x', user: 'admin' });
  });

  it("sends only the chosen controller's own field", () => {
    const values = { ...profileValues(saved), kind: 'onos', appId: 'org.example.app' };
    const input = profileInput(values, saved);
    expect(input.appId).toBe('org.example.app');
    expect(input).not.toHaveProperty('tenant');
  });

  it('says where the password is kept', () => {
    expect(profileSummary(saved)).toBe('http://10.0.0.5:8181 as admin · tenant vtn7 · password sealed (local-key)');
    expect(profileSummary({ ...saved, user: '', tenant: undefined, hasPassword: false, passwordStorage: null })).toBe('http://10.0.0.5:8181 · no password');
    expect(profileSummary({ ...saved, builtIn: true, url: '' })).toMatch(/built-in/i);
  });

  it('says the stored password will be dropped when the URL, user or controller changes', () => {
    const values = profileValues(saved);
    const hint = (v: typeof values): string | undefined => profileFields(v, saved).find((f) => f.key === 'password')?.hint;
    expect(repointed(values, saved)).toBe(false);
    expect(hint({ ...values, url: ' http://10.0.0.5:8181 ' })).toBe(KEEP_PASSWORD_HINT);
    expect(hint({ ...values, url: 'http://10.0.0.6:8181' })).toBe(DROP_PASSWORD_HINT);
    expect(hint({ ...values, user: 'root' })).toBe(DROP_PASSWORD_HINT);
    expect(hint({ ...values, kind: 'onos' })).toBe(DROP_PASSWORD_HINT);
    const dropped = { ...saved, hasPassword: false, passwordStorage: null, passwordNeeded: true as const };
    expect(profileFields(profileValues(dropped), dropped).find((f) => f.key === 'password')?.hint).toBe(NEEDED_PASSWORD_HINT);
    expect(profileSummary(dropped)).toMatch(/password needed/);
  });

  it('keeps a controller timeout: prefilled, sent as a number, empty = the default, out of range refused next to the field', () => {
    const values = profileValues({ ...saved, timeoutMs: 2500 });
    expect(values.timeoutMs).toBe('2500');
    expect(profileFields(values, saved).find((f) => f.key === 'timeoutMs')).toMatchObject({ type: 'number', hint: TIMEOUT_HINT });
    expect(profileInput(values, saved)).toMatchObject({ timeoutMs: 2500 });
    expect(profileInput({ ...values, timeoutMs: '' }, saved)).not.toHaveProperty('timeoutMs');
    for (const bad of ['49', '600001', '1.5', 'ten']) {
      let error: unknown;
      try {
        profileInput({ ...values, timeoutMs: bad }, saved);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FieldError);
      expect(feedbackFromError(error, values).fields.timeoutMs).toMatch(/Request timeout must be/);
    }
    expect(profileSummary({ ...saved, timeoutMs: 2500 })).toContain('timeout 2500 ms');
  });
});
