import { describe, expect, it } from 'vitest';
import { exportPlans, type ExportFormat } from '../../../../core/export';
import { expectGolden, goldenFilesUnder } from '../../../helpers/golden';
import { input, withControllerIds } from './sample';

const onosInput = withControllerIds(input, { b1: 'openflow:1', b2: 'of:0000000000000002' });

const cases: { format: ExportFormat; teardown: boolean; file: string }[] = [
  { format: 'plan-json', teardown: false, file: 'expected.plan-json.json' },
  { format: 'topology-json', teardown: false, file: 'expected.topology-json.json' },
  { format: 'odl-vtn', teardown: false, file: 'expected.odl-vtn.json' },
  { format: 'odl-vtn', teardown: true, file: 'expected.odl-vtn-teardown.json' },
  { format: 'curl', teardown: false, file: 'expected.curl.sh' },
  { format: 'curl', teardown: true, file: 'expected.curl-teardown.sh' },
  { format: 'ovs-ofctl', teardown: false, file: 'expected.ovs-ofctl.sh' },
  { format: 'ovs-ofctl', teardown: true, file: 'expected.ovs-ofctl-teardown.sh' },
  { format: 'onos', teardown: false, file: 'expected.onos.json' },
  { format: 'onos', teardown: true, file: 'expected.onos-teardown.json' },
];

describe('exports of the two-bridge, two-PoP sample (golden files)', () => {
  for (const { format, teardown, file } of cases) {
    it(`${format}${teardown ? ' teardown' : ''} matches test/fixtures/export/${file}`, () => {
      const result = exportPlans(format, format === 'onos' ? onosInput : input, {
        teardown,
        generatedAt: '2024-05-01T12:00:00Z',
      });
      expect(result.format).toBe(format);
      expectGolden(`export/${file}`, result.text);
    });
  }

  it('writes the lab prelude variants', () => {
    expectGolden('export/expected.ovs-ofctl-lab.sh', exportPlans('ovs-ofctl', input, { labPrelude: true }).text);
    expectGolden(
      'export/expected.odl-vtn-provisioning.json',
      exportPlans('odl-vtn', input, { labPrelude: true, tenant: 'wicm', vtnNodes: { vbr1: 'openflow:1' } }).text,
    );
  });

  it('compares every golden file in test/fixtures/export', () => {
    const compared = [...cases.map((c) => c.file), 'expected.ovs-ofctl-lab.sh', 'expected.odl-vtn-provisioning.json'];
    expect(goldenFilesUnder('export')).toEqual(compared.sort());
  });

  it('is deterministic: the same input gives the same bytes', () => {
    for (const { format, teardown } of cases) {
      const a = exportPlans(format, format === 'onos' ? onosInput : input, { teardown }).text;
      const b = exportPlans(format, format === 'onos' ? onosInput : input, { teardown }).text;
      expect(a).toBe(b);
    }
  });
});
