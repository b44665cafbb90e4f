import type { DriftReportDto } from '../../../../core/contract/api';
import { CoreError } from '../../../../core/util/core-error';
import { EXIT, type CliCommand } from '../command';
import { CONTROLLER_USAGE, openControllerSession } from './push';

/** `wicm drift`: live controller state against the last pushed state; `--adopt` accepts it. */
export const driftCommand: CliCommand = {
  name: 'drift',
  summary: 'Compare a controller with what the project last pushed; adopt the differences on request',
  usage: `Usage: wicm drift --project file.wicm [--service ID]… --driver odl-vtn|onos|ovs --controller URL
                  [--user U] [--password P] [--tenant vtn1] [--app-id ID] [--adopt] [--json]

Lists, per service, the controller objects that are missing, changed, or present under the
project's names without having been pushed. To fix drift, re-apply with 'wicm push'; to accept
the controller's state as the pushed state, run again with --adopt (the project is saved).
Drift is measured against the project's push journal, so use --project.
${CONTROLLER_USAGE}
  --adopt             record the live state of the drifted objects as pushed`,
  async run(argv, io) {
    const session = await openControllerSession(argv, io, 'drift', { adopt: { type: 'boolean' } });
    const adopt = session.values.adopt === true;
    const reply = await session.host.dispatch(adopt ? 'push.adopt' : 'push.drift', session.request);
    if (!reply.ok) throw new CoreError(reply.error.code, reply.error.message, reply.error.details);
    const report = reply.value as DriftReportDto;
    if (adopt) await session.save();
    if (session.values.json === true) {
      io.out(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT.ok;
    }
    io.out(`drift on ${report.target.kind} ${report.target.url}: ${report.message}\n`);
    for (const s of report.services) {
      io.out(`  ${s.serviceId}: ${s.status}\n`);
      for (const o of s.objects) io.out(`    ${o.problem.padEnd(10)}  ${o.summary}\n`);
    }
    return EXIT.ok;
  },
};
