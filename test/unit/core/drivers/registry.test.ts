import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../../../core/contract/validate';
import { createDriver, driverList, supports } from '../../../../core/drivers/registry';
import { journalTarget } from '../../../../core/drivers/journal';

describe('driver registry', () => {
  it('says what each target supports', () => {
    expect(supports('odl-vtn', 'provisioning')).toBe(true);
    expect(supports('odl-vtn', 'ipv6')).toBe(false);
    expect(supports('odl-vtn', 'vlan')).toBe(false);
    expect(supports('onos', 'ipv6')).toBe(true);
    expect(supports('onos', 'provisioning')).toBe(false);
    expect(supports('ovs', 'readBack')).toBe(true);
    expect(supports('ovs', 'provisioning')).toBe(false);
    expect(supports('ovs-ofctl', 'readBack')).toBe(false);
    expect(supports('nope', 'readBack')).toBe(false);
  });

  it('lists drivers with documented defaults but no password; Open vSwitch is a push target', () => {
    const list = driverList();
    expect(list.map((d) => [d.id, d.pushable])).toEqual([
      ['odl-vtn', true],
      ['onos', true],
      ['ovs', true],
    ]);
    expect(list[0]?.defaults).toMatchObject({ port: 8181, user: 'admin', tenant: 'vtn1', timeoutMs: 10000 });
    expect(JSON.stringify(list)).not.toMatch(/password/);
    expect(() => createDriver({ kind: 'ovs-ofctl' as never, url: 'http://x', user: '', password: '' })).toThrow(/Unknown controller kind 'ovs-ofctl'/);
    expect(() => createDriver({ kind: 'ovs', url: 'http://x', user: '', password: '' })).toThrow(/unix:\/run\/dir .* or tcp:HOST:PORT/);
    expect(createDriver({ kind: 'ovs', url: 'tcp:127.0.0.1:6653', user: '', password: '' }).capabilities.transactional).toBe(true);
  });

  it('keys the journal by controller and tenant / application, never by credentials', () => {
    expect(journalTarget({ kind: 'odl-vtn', url: 'http://10.0.0.5:8181/restconf/', user: 'admin', password: 'pw' })).toBe('odl-vtn http://10.0.0.5:8181 tenant=vtn1');
    expect(journalTarget({ kind: 'onos', url: 'http://h:8181/onos/v1', user: 'onos', password: 'pw', appId: 'org.x' })).toBe('onos http://h:8181 app=org.x');
    expect(journalTarget({ kind: 'ovs', url: 'unix:/run/wo/', user: '', password: '' })).toBe('ovs unix:/run/wo cookies');
  });
});

describe('push request validation', () => {
  const target = { kind: 'odl-vtn', url: 'http://10.0.0.5:8181', user: 'admin', password: 'admin' };

  it('accepts a target with options', () => {
    expect(validateRequest('push.apply', { target: { ...target, tenant: 'vtn_2', timeoutMs: 500 }, serviceIds: ['svc1'], provision: true }).ok).toBe(true);
    expect(validateRequest('push.diff', { target, teardown: true }).ok).toBe(true);
  });

  it('rejects credentials in the URL, other schemes, bad tenant names and unknown keys, with pointers', () => {
    const issues = (req: unknown): string[] => {
      const r = validateRequest('push.apply', req);
      return r.ok ? [] : r.issues.map((i) => `${i.pointer}: ${i.message}`);
    };
    expect(issues({ target: { ...target, url: 'http://admin:pw@10.0.0.5:8181' } })).toEqual(['/target/url: must not contain credentials: give them as user and password']);
    expect(issues({ target: { ...target, url: 'ftp://10.0.0.5' } })[0]).toMatch(/^\/target\/url: must be an http/);
    expect(issues({ target: { ...target, tenant: 'vtn-1' } })[0]).toMatch(/^\/target\/tenant: must be a VTN name/);
    expect(issues({ target: { ...target, kind: 'ovs-ofctl' } })[0]).toMatch(/^\/target\/kind/);
    expect(issues({ target: { ...target, kind: 'ovs' } })).toEqual(['/target/url: must be unix:/run/dir (bridges\' .mgmt sockets), unix:/run/dir/br0.mgmt or tcp:HOST:PORT for Open vSwitch']);
    expect(issues({ target: { ...target, url: 'unix:/run/wo' } })).toEqual(['/target/url: must be an http:// or https:// URL such as http://10.0.0.5:8181']);
    expect(issues({ target: { ...target, kind: 'ovs', url: 'tcp:127.0.0.1:6653' } })).toEqual([]);
    expect(issues({ target, extra: 1 })).toHaveLength(1);
  });
});
