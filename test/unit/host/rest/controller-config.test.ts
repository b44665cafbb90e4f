import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../../electron/host/dispatch';
import { resolvePushConfig } from '../../../../electron/host/rest';

const noEngine: Dispatch = async (method) => ({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `no ${method}` } });

describe('controller configuration of wicm serve', () => {
  it('takes the controller from flags and the password from WICM_CONTROLLER_PASSWORD', async () => {
    const config = await resolvePushConfig({ controller: 'http://10.0.0.5:8181/', driver: 'onos', controllerUser: 'karaf', controllerAppId: 'org.x' }, { WICM_CONTROLLER_PASSWORD: 's3cret' }, noEngine);
    expect(config).toEqual({ mode: 'controller', target: { kind: 'onos', url: 'http://10.0.0.5:8181', user: 'karaf', password: 's3cret', appId: 'org.x' }, label: 'onos at http://10.0.0.5:8181' });
  });

  it('says what is missing or contradictory', async () => {
    await expect(resolvePushConfig({ controller: 'http://h:8181', driver: 'odl-vtn' }, {}, noEngine)).rejects.toThrow(/WICM_CONTROLLER_PASSWORD/);
    await expect(resolvePushConfig({ controller: 'http://h:8181' }, { WICM_CONTROLLER_PASSWORD: 'p' }, noEngine)).rejects.toThrow(/--driver odl-vtn\|onos/);
    await expect(resolvePushConfig({ controller: 'http://h:8181', driver: 'ovs' }, { WICM_CONTROLLER_PASSWORD: 'p' }, noEngine)).rejects.toThrow(/is not an Open vSwitch target: use unix:\/run\/dir/);
    await expect(resolvePushConfig({ controller: 'http://h:8181', driver: 'ovs-ofctl' }, { WICM_CONTROLLER_PASSWORD: 'p' }, noEngine)).rejects.toThrow(/use odl-vtn or onos or ovs/);
    await expect(resolvePushConfig({ labController: 'ovs' }, {}, noEngine)).rejects.toThrow(/--lab-controller 'ovs' is not a controller driver; use odl-vtn or onos/);
    // Open vSwitch: a run directory or tcp: address, and no password (OpenFlow has no login).
    expect(await resolvePushConfig({ controller: 'unix:/run/wo/', driver: 'ovs' }, {}, noEngine)).toEqual({
      mode: 'controller',
      target: { kind: 'ovs', url: 'unix:/run/wo', user: '', password: '' },
      label: 'Open vSwitch at unix:/run/wo',
    });
    await expect(resolvePushConfig({ controller: 'http://admin:admin@h:8181', driver: 'onos' }, { WICM_CONTROLLER_PASSWORD: 'p' }, noEngine)).rejects.toThrow(/must not carry credentials/);
    await expect(resolvePushConfig({ controller: 'ftp://h', driver: 'onos' }, { WICM_CONTROLLER_PASSWORD: 'p' }, noEngine)).rejects.toThrow(/http/);
    await expect(resolvePushConfig({ controller: 'http://h', labController: 'onos' }, {}, noEngine)).rejects.toThrow(/Choose one/);
    await expect(resolvePushConfig({ driver: 'onos' }, {}, noEngine)).rejects.toThrow(/go with --controller/);
  });

  it('is plan-only or none without a controller', async () => {
    expect(await resolvePushConfig({ planOnly: true }, {}, noEngine)).toEqual({ mode: 'plan-only' });
    expect(await resolvePushConfig({}, {}, noEngine)).toEqual({ mode: 'none' });
  });

  it('starts the lab controller through the contract (controllers.startLab)', async () => {
    const calls: unknown[] = [];
    const engine: Dispatch = async (method, req) => {
      calls.push([method, req]);
      return { ok: true, value: { kind: 'onos', url: 'http://127.0.0.1:4567', user: 'admin', password: 'karaf' } };
    };
    const config = await resolvePushConfig({ labController: 'onos' }, {}, engine);
    expect(calls).toEqual([['controllers.startLab', { kind: 'onos' }]]);
    expect(config).toMatchObject({ mode: 'controller', target: { kind: 'onos', url: 'http://127.0.0.1:4567', password: 'karaf' } });
    await expect(resolvePushConfig({ labController: 'onos' }, {}, noEngine)).rejects.toThrow(/Could not start the lab controller/);
  });

  it('takes --controller-timeout in milliseconds and refuses what is not one', async () => {
    const config = await resolvePushConfig({ controller: 'http://h:8181', driver: 'odl-vtn', controllerTimeout: '2500' }, { WICM_CONTROLLER_PASSWORD: 'p' }, noEngine);
    expect(config).toMatchObject({ mode: 'controller', target: { timeoutMs: 2500 } });
    await expect(resolvePushConfig({ controller: 'http://h:8181', driver: 'odl-vtn', controllerTimeout: '2s' }, { WICM_CONTROLLER_PASSWORD: 'p' }, noEngine)).rejects.toThrow(/--controller-timeout '2s'.*50 to 600000 \(default 10000\)/);
    await expect(resolvePushConfig({ controller: 'http://h:8181', driver: 'odl-vtn', controllerTimeout: '10' }, { WICM_CONTROLLER_PASSWORD: 'p' }, noEngine)).rejects.toThrow(/milliseconds from 50/);
    await expect(resolvePushConfig({ planOnly: true, controllerTimeout: '100' }, {}, noEngine)).rejects.toThrow(/goes with --controller/);
  });
});
