import { describe, expect, it } from 'vitest';
import { exportPlans, type ExportFormat } from '../../../../core/export';
import { expectGolden } from './golden';
import { input, withControllerIds } from './sample';

const onosInput = withControllerIds(input, { b1: 'openflow:1', b2: 'of:0000000000000002' });

const cases: { format: ExportFormat; teardown: boolean; file: string }[] = [
  { format: 'plan-json', teardown: false, file: 'plan.json' },
  { format: 'topology-json', teardown: false, file: 'topology.json' },
  { format: 'odl-vtn', teardown: false, file: 'vtn-requests.json' },
  { format: 'odl-vtn', teardown: true, file: 'vtn-teardown.json' },
  { format: 'curl', teardown: false, file: 'vtn.sh' },
  { format: 'curl', teardown: true, file: 'vtn-teardown.sh' },
  { format: 'ovs-ofctl', teardown: false, file: 'ovs-flows.sh' },
  { format: 'ovs-ofctl', teardown: true, file: 'ovs-teardown.sh' },
  { format: 'onos', teardown: false, file: 'onos-flows.json' },
  { format: 'onos', teardown: true, file: 'onos-teardown.json' },
];

describe('exports of the two-bridge, two-PoP sample (golden files)', () => {
  for (const { format, teardown, file } of cases) {
    it(`${format}${teardown ? ' teardown' : ''} matches test/fixtures/export/${file}`, () => {
      const result = exportPlans(format, format === 'onos' ? onosInput : input, {
        teardown,
        generatedAt: '2024-05-01T12:00:00Z',
      });
      expect(result.format).toBe(format);
      expectGolden(file, result.text);
    });
  }

  it('writes the lab prelude variants', () => {
    expectGolden('ovs-flows-lab.sh', exportPlans('ovs-ofctl', input, { labPrelude: true }).text);
    expectGolden(
      'vtn-requests-provisioning.json',
      exportPlans('odl-vtn', input, { labPrelude: true, tenant: 'wicm', vtnNodes: { vbr1: 'openflow:1' } }).text,
    );
  });

  it('is deterministic: the same input gives the same bytes', () => {
    for (const { format, teardown } of cases) {
      const a = exportPlans(format, format === 'onos' ? onosInput : input, { teardown }).text;
      const b = exportPlans(format, format === 'onos' ? onosInput : input, { teardown }).text;
      expect(a).toBe(b);
    }
  });
});
