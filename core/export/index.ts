/**
 * File exports of plans and topologies: a thin consumer of the translators in core/drivers
 * (VTN requests, ONOS flows, ovs-ofctl lines) and of the project documents, which it turns into
 * files (name, media type, JSON or shell text).
 *
 * Every export is a pure function of (topology, services, plans, options) to text. Blocking
 * problems throw `CoreError('INVALID_INPUT')` with all findings in `details.diagnostics`;
 * warnings and notes come back in `ExportResult.diagnostics`.
 */
import { buildOnosFlows, buildVtnRequests, onosTeardown, ovsScript } from '../drivers';
import { assertNever } from '../util/assert-never';
import { CoreError } from '../util/core-error';
import { curlScript } from './curl';
import { isNsrFormat, nsrExport, nsrFileName, nsrFormats } from './nsr';
import { planDocument } from './plan-json';
import { topologyDocument } from './topology-json';
import { topologyYaml } from './topology-yaml';
import type { ExportFormat, ExportInput, ExportOptions, ExportResult } from './types';

export type { ExportFormat, ExportInput, ExportOptions, ExportResult } from './types';
export { planDocument, allocationsOf } from './plan-json';
export { topologyDocument } from './topology-json';
export { topologyYaml, updateYamlText } from './topology-yaml';
export { isNsrFormat, nsrFormats, nsrFileName, safeFileStem, type NsrFormat } from './nsr';

/** One entry of the format menu. */
export interface ExportFormatInfo {
  readonly id: ExportFormat;
  readonly label: string;
  /** File extension without the dot. */
  readonly extension: string;
  readonly supportsTeardown: boolean;
}

/** The export formats, in menu order. */
export const exportFormats: readonly ExportFormatInfo[] = [
  { id: 'plan-json', label: 'WICM plan (JSON)', extension: 'json', supportsTeardown: false },
  { id: 'odl-vtn', label: 'OpenDaylight VTN RESTCONF requests (JSON)', extension: 'json', supportsTeardown: true },
  { id: 'curl', label: 'OpenDaylight VTN curl script', extension: 'sh', supportsTeardown: true },
  { id: 'ovs-ofctl', label: 'Open vSwitch ovs-ofctl script', extension: 'sh', supportsTeardown: true },
  { id: 'onos', label: 'ONOS flow batch (JSON)', extension: 'json', supportsTeardown: true },
  { id: 'topology-json', label: 'WICM topology (JSON)', extension: 'json', supportsTeardown: false },
  { id: 'topology-yaml', label: 'WICM topology (YAML)', extension: 'yaml', supportsTeardown: false },
  ...nsrFormats.map((f) => ({ id: f.id, label: f.label, extension: 'json', supportsTeardown: false })),
];

const JSON_TYPE = 'application/json';
const SHELL_TYPE = 'text/x-shellscript';

/**
 * Writes one export.
 *
 * File names: `wicm-plan.json`, `wicm-vtn-requests.json`, `wicm-vtn.sh`, `wicm-ovs-flows.sh`,
 * `wicm-onos-flows.json`, `wicm-topology.json`; teardown variants end in `-teardown`.
 * Throws `INVALID_INPUT` for a teardown of a format without one, and for blocking problems.
 */
export function exportPlans(format: ExportFormat, input: ExportInput, options: ExportOptions = {}): ExportResult {
  const info = exportFormats.find((f) => f.id === format);
  if (!info) throw new CoreError('INVALID_INPUT', `Unknown export format "${String(format)}"`, { format });
  if (options.teardown && !info.supportsTeardown) {
    throw new CoreError('INVALID_INPUT', `The ${info.label} export has no teardown variant`, { format });
  }
  const teardown = options.teardown ? '-teardown' : '';
  if (isNsrFormat(format)) {
    const { value, diagnostics } = nsrExport(format, input);
    return json(format, nsrFileName(format, input.services), value, diagnostics);
  }
  switch (format) {
    case 'plan-json':
      return json(format, 'wicm-plan.json', planDocument(input, options), []);
    case 'topology-json':
      return json(format, 'wicm-topology.json', topologyDocument(input, options), []);
    case 'topology-yaml':
      return { format, mediaType: 'application/yaml', fileName: 'wicm-topology.yaml', text: topologyYaml(input), diagnostics: [] };
    case 'odl-vtn': {
      const { requests, diagnostics } = buildVtnRequests(input, options);
      return json(format, `wicm-vtn-requests${teardown}.json`, { requests }, diagnostics);
    }
    case 'curl': {
      const { text, diagnostics } = curlScript(input, options);
      return { format, mediaType: SHELL_TYPE, fileName: `wicm-vtn${teardown}.sh`, text, diagnostics };
    }
    case 'ovs-ofctl': {
      const { text, diagnostics } = ovsScript(input, options);
      return { format, mediaType: SHELL_TYPE, fileName: options.teardown ? 'wicm-ovs-teardown.sh' : 'wicm-ovs-flows.sh', text, diagnostics };
    }
    case 'onos': {
      if (options.teardown) {
        const { requests, diagnostics } = onosTeardown(input, options);
        return json(format, 'wicm-onos-teardown.json', { requests }, diagnostics);
      }
      const { flows, diagnostics } = buildOnosFlows(input, options);
      return json(format, 'wicm-onos-flows.json', { flows }, diagnostics);
    }
    default:
      return assertNever(format, 'Unknown export format');
  }
}

function json(format: ExportFormat, fileName: string, value: unknown, diagnostics: ExportResult['diagnostics']): ExportResult {
  return { format, mediaType: JSON_TYPE, fileName, text: `${JSON.stringify(value, null, 2)}\n`, diagnostics };
}
