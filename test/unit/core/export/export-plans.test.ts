import { describe, expect, it } from 'vitest';
import { exportFormats as allFormats, exportPlans, isNsrFormat, type ExportFormat } from '../../../../core/export';
import { coreErrorOf } from './helpers';
import { input, withControllerIds } from './sample';

// The NSR formats (services, not plans) have their own tests in ./nsr.
const exportFormats = allFormats.filter((f) => !isNsrFormat(f.id));

const onosInput = withControllerIds(input, { b1: 'openflow:1', b2: 'openflow:2' });

describe('exportPlans', () => {
  it('lists every format once, with teardown support where it exists', () => {
    expect(exportFormats.map((f) => [f.id, f.extension, f.supportsTeardown])).toEqual([
      ['plan-json', 'json', false],
      ['odl-vtn', 'json', true],
      ['curl', 'sh', true],
      ['ovs-ofctl', 'sh', true],
      ['onos', 'json', true],
      ['topology-json', 'json', false],
      ['topology-yaml', 'yaml', false],
    ]);
  });

  it('names files and media types per format and variant', () => {
    const names = exportFormats.flatMap((f) =>
      (f.supportsTeardown ? [false, true] : [false]).map((teardown) => {
        const result = exportPlans(f.id, f.id === 'onos' ? onosInput : input, { teardown });
        expect(result.fileName.endsWith(`.${f.extension}`)).toBe(true);
        return `${result.fileName} ${result.mediaType}`;
      }),
    );
    expect(names).toEqual([
      'wicm-plan.json application/json',
      'wicm-vtn-requests.json application/json',
      'wicm-vtn-requests-teardown.json application/json',
      'wicm-vtn.sh text/x-shellscript',
      'wicm-vtn-teardown.sh text/x-shellscript',
      'wicm-ovs-flows.sh text/x-shellscript',
      'wicm-ovs-teardown.sh text/x-shellscript',
      'wicm-onos-flows.json application/json',
      'wicm-onos-teardown.json application/json',
      'wicm-topology.json application/json',
      'wicm-topology.yaml application/yaml',
    ]);
  });

  it('refuses a teardown of a format without one, and unknown formats', () => {
    const error = coreErrorOf(() => exportPlans('plan-json', input, { teardown: true }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('no teardown variant');
    expect(coreErrorOf(() => exportPlans('pdf' as ExportFormat, input)).code).toBe('INVALID_INPUT');
  });

  it('stamps generatedAt only when given', () => {
    expect(exportPlans('ovs-ofctl', input).text).not.toContain('Generated at');
    expect(exportPlans('ovs-ofctl', input, { generatedAt: '2024-05-01T12:00:00Z' }).text).toContain('# Generated at 2024-05-01T12:00:00Z.');
    expect(JSON.parse(exportPlans('topology-json', input, { generatedAt: 'x' }).text)).toHaveProperty('generatedAt', 'x');
  });

  it('exports nothing but a valid skeleton when there are no plans', () => {
    const empty = { ...input, services: [], plans: [] };
    expect(JSON.parse(exportPlans('odl-vtn', empty).text)).toEqual({ requests: [] });
    expect(JSON.parse(exportPlans('onos', empty).text)).toEqual({ flows: [] });
    expect(exportPlans('ovs-ofctl', empty).text).toContain('set -eu\n');
  });
});
